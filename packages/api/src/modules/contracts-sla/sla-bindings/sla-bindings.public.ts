/**
 * The front door of the sla-bindings module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { startOfBusinessDay } from './binding-plan.ts';
export { customerSlaRecommendation, slaVersionsInForce } from './effective-sla.service.ts';
export { bindOnActivation, reevaluateContract, truncateOnTermination } from './sla-bindings.service.ts';
export type { Reevaluation } from './sla-bindings.service.ts';
export { customerBindingsOverlapping, slaBindingsOfContract } from './sla-bindings.reads.ts';
export type { BindingPeriod } from './sla-bindings.reads.ts';
