import { defineConfig } from 'vitest/config';

/**
 * Browser tests run in Node and drive Debian's Chromium through playwright-core against the real API
 * (`startTestServer` from `@crm/api/test-support`), which serves the freshly built `dist/` at `/widgets/`.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The API's setup migrates one PGlite snapshot per run that every startTestServer() clones.
    globalSetup: ['./node_modules/@crm/api/src/test-support/global-setup.ts', './test/build.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own API server and browser; a few at a time keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
