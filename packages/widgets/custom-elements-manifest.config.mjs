/** `pnpm analyze` → custom-elements.json (committed): the components, their registrations and the public API. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.view.ts', 'src/i18n/*.messages.ts'],
  outdir: '.',
  litelement: true,
};
