import { defineConfig } from 'vitest/config';

/** Browser tests in Node: playwright-core drives Debian's Chromium against the real API serving `dist/` at `/`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    globalSetup: ['./test/build.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
