/**
 * The front door of the contracts module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { DEFAULT_REMINDER_OFFSETS, normaliseReminderOffsets } from './contract-dates.ts';
export { contractEventTimeline } from './contract-events.timeline.ts';
export { contractHealthInputs } from './contract-health-inputs.ts';
export { contractPortfolioInputs, renewalPortfolioInputs } from './contract-portfolio-inputs.ts';
export type { ContractPortfolioInputs, RenewalPortfolioInputs } from './contract-portfolio-inputs.ts';
export { reevaluateCustomerContracts } from './contract-transitions.service.ts';
export { contractValue } from './contract-value.ts';
export type { BillingCycle } from './contract-value.ts';
export { money } from './contracts.contract.ts';
export type { ContractRow } from './contracts.schema.ts';
export { createContract, findVisibleContract } from './contracts.service.ts';
export { contractDirectory } from './contracts.read-model.ts';
export { lockContract } from './contract-lock.ts';
