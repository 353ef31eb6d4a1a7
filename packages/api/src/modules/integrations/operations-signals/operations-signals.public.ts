/**
 * The front door of the operations-signals module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { opsSummaries } from './ops-summary.ts';
