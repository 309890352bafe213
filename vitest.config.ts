import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@lianxin/common': path.resolve(import.meta.dirname, 'common/src/index.ts') },
  },
  test: {
    include: ['{server,common,test}/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
