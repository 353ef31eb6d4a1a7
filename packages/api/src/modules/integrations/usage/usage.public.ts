/**
 * The front door of the usage module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { usageBetween } from './usage-period.ts';
export { usageSummaries } from './usage-summary.ts';
