/**
 * What may import what (docs/architecture.md once it exists). Checked in `pnpm test` by
 * packages/api/src/platform/tests/boundaries.test.ts; test files are exempt (they wire real modules together).
 */
const testCode = '(\\.test\\.ts|-test-helpers\\.ts|\\.fixtures\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'modules-through-front-doors',
      comment: 'A module uses another only through its <module>.public.ts; the rest of its folder is its own.',
      severity: 'error',
      from: { path: '^packages/api/src/modules/([^/]+/[^/]+)/', pathNot: [testCode, '\\.schema\\.ts$'] },
      to: { path: '^packages/api/src/modules/', pathNot: ['^packages/api/src/modules/$1/', '\\.public\\.ts$'] },
    },
    {
      name: 'schemas-reference-schemas',
      comment: 'A table may reference another module’s table (a foreign key); a schema file imports nothing else of another module.',
      severity: 'error',
      from: { path: '^packages/api/src/modules/([^/]+/[^/]+)/[^/]+\\.schema\\.ts$' },
      to: { path: '^packages/api/src/modules/', pathNot: ['^packages/api/src/modules/$1/', '\\.(schema|public)\\.ts$'] },
    },
    {
      name: 'no-tables-through-front-doors',
      comment: 'No module queries another module’s tables: a front door offers services and read models, never a table.',
      severity: 'error',
      from: { path: '\\.public\\.ts$' },
      to: { path: '\\.schema\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'platform-below-modules',
      comment: 'platform/ is the layer under every module: it never imports a feature module.',
      severity: 'error',
      from: { path: '^packages/api/src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/api/src/modules/' },
    },
    {
      name: 'db-below-modules',
      comment: 'db/ opens and migrates the database; it never imports a feature module.',
      severity: 'error',
      from: { path: '^packages/api/src/db/', pathNot: '\\.test\\.ts$' },
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
