/**
 * The front door of the complaints module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { complaintHealthInputs } from './complaint-health-inputs.ts';
export { complaintTimeline } from './complaints.timeline.ts';
export { complaintCustomerIds, latestComplaintRatings } from './complaints.reads.ts';
export type { ComplaintRating } from './complaints.reads.ts';
