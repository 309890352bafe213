import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@lianxin/common': path.resolve(here, '../common/src/index.ts') },
  },
  build: {
    outDir: process.env.LIANXIN_WEB_DIST
      ? path.resolve(process.env.LIANXIN_WEB_DIST)
      : path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    // Every page is its own chunk (lazy routes); the entry holds only React, the router and the
    // providers, so the login page stays light.
    chunkSizeWarningLimit: 600,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Name the chunks every page needs, so the build report reads clearly; the rest is split
        // automatically by route.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'router',
              test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/,
            },
            {
              name: 'antd-core',
              test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|fast-color|colors)|stylis|@emotion)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // The API server (`npm run dev`, port 3000 unless LIANXIN_DEV_API says otherwise). Host is kept
    // as sent (no changeOrigin) so the server's same-origin check sees Origin = Host.
    proxy: { '/api': { target: process.env.LIANXIN_DEV_API ?? 'http://localhost:3000' } },
  },
});
