import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Browser and whole-server suites (`npm run test:e2e`, or the second half of `npm test`).
 * One file at a time: each starts real servers and a real Chromium, and the machine has 2 cores.
 */
export default defineConfig({
  resolve: {
    alias: { '@lianxin/common': path.resolve(import.meta.dirname, 'common/src/index.ts') },
  },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
