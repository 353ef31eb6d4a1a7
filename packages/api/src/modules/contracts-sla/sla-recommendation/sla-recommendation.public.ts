/**
 * The front door of the sla-recommendation module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { compareWithBinding } from './sla-recommendation.model.ts';
export { localisedRecommendation, recommendForContract } from './sla-recommendation.service.ts';
export { isTierCode } from './sla-recommendation.types.ts';
export type { SlaRecommendation } from './sla-recommendation.types.ts';
