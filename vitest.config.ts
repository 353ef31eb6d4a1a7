import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const apiGlobalSetup = './packages/api/src/test-support/global-setup.ts';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withBrowser = process.env.CRM_BROWSER_TESTS !== '0' && (existsSync(chromium) || Boolean(process.env.CI));

const databaseProject = (name: string, db: 'pglite' | 'postgres') => ({
  test: {
    name,
    root: './packages/api',
    include: ['src/**/*.test.ts'],
    // `*.postgres.test.ts` fault the real server (terminated backends, a database that goes away).
    exclude: db === 'pglite' ? ['src/**/*.postgres.test.ts'] : [],
    globalSetup: [apiGlobalSetup.replace('./packages/api/', './')],
    env: { CRM_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

/**
 * One run, several projects: the API and database suite on PGlite, the same suite on Postgres when
 * DATABASE_URL is set, the SDK against the real app, and the browser suite in Chromium when one is
 * found (required in CI).
 */
export default defineConfig({
  test: {
    projects: [
      databaseProject('api (pglite)', 'pglite'),
      ...(process.env.DATABASE_URL ? [databaseProject('api (postgres)', 'postgres')] : []),
      {
        test: {
          name: 'sdk',
          root: './packages/sdk',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          globalSetup: ['../api/src/test-support/global-setup.ts'],
          env: { CRM_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(withBrowser
        ? [
            {
              test: {
                name: 'browser',
                root: '.',
                include: ['packages/widgets/src/**/*.test.ts', 'packages/widgets/test/**/*.test.ts', 'packages/portal-shell/src/**/*.test.ts', 'packages/portal-shell/test/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
                // Builds the widgets and the shell first, so the browser always tests the current source.
                globalSetup: [apiGlobalSetup, './packages/widgets/test/build.global-setup.ts', './packages/portal-shell/test/build.global-setup.ts'],
                env: { CRM_TEST_DB: 'pglite' },
                testTimeout: 90_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
