/**
 * The front door of the sla-attainment module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { contractAttainment, measureCustomerRecords } from './sla-attainment.service.ts';
export { measureRecord } from './sla-attainment.ts';
export type { TargetOutcome } from './sla-attainment.ts';
