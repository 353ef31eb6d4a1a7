/**
 * What may import what (docs/architecture.md once it exists). Checked in `pnpm test` by
 * packages/api/src/platform/tests/boundaries.test.ts; test files are exempt (they wire real modules together).
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-below-modules',
      comment: 'platform/ is the layer under every module: it never imports a feature module.',
      severity: 'error',
      from: { path: '^packages/api/src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/api/src/modules/' },
    },
    {
      name: 'db-below-modules',
      comment: 'db/ opens and migrates the database; only the schema barrel lists the modules’ tables.',
      severity: 'error',
      from: { path: '^packages/api/src/db/', pathNot: '(\\.test\\.ts|/schema\\.ts)$' },
      to: { path: '^packages/api/src/modules/' },
    },
    {
      name: 'widgets-through-the-sdk',
      comment: 'Widgets reach the API only through the SDK, never its source.',
      severity: 'error',
      from: { path: '^packages/widgets/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/api/' },
    },
    {
      name: 'shell-through-widgets-and-sdk',
      comment: 'The portal shell is built from the widgets and the SDK, never the API source.',
      severity: 'error',
      from: { path: '^packages/portal-shell/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
  },
};
