/**
 * The front door of the customer-timeline module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { excerpt, instantKey, likeWords, localIso, lowRating, windowConditions } from './timeline-source.ts';
export type { KeyedTimelineEntry, TimelineWindow } from './timeline-source.ts';
