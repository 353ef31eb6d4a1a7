/**
 * The front door of the webhooks module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { WebhookDeliverySummary } from './webhooks.contract.ts';
export { deliveriesOfEvents } from './webhooks.service.ts';
