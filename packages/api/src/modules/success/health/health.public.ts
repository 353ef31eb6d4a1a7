/**
 * The front door of the health module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { healthFeatures } from './health-features.service.ts';
export type { HealthFeatures } from './health-features.ts';
export { healthPolicyOf } from './health-policy.service.ts';
export { customerHealth } from './health-read.service.ts';
export type { HealthBand } from './health.schema.ts';
export type { HealthChange } from './health.service.ts';
export { currentHealthBands } from './health.reads.ts';
export { currentHealthScores } from './current-health-scores.ts';
