import { defineConfig } from 'vitest/config';

/** Browser tests: the real server in-process, driven through Debian's Chromium (see harness.ts). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One Chromium at a time: the machines these run on are small.
    fileParallelism: false,
  },
});
