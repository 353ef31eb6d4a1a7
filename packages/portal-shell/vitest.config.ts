import { defineConfig } from 'vitest/config';

/** Browser tests in Node: playwright-core drives Debian's Chromium against the real API serving `dist/` at `/`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // The API's setup migrates one PGlite snapshot per run that every startTestServer() clones.
    globalSetup: ['./node_modules/@crm/api/src/test-support/global-setup.ts', './test/build.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
