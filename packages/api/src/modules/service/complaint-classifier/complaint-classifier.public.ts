/**
 * The front door of the complaint-classifier module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { baseComplaintModel, classifyComplaint, COMPLAINT_CATEGORIES, COMPLAINT_SENTIMENTS, COMPLAINT_SEVERITIES, trainComplaintModel } from './complaint-classifier.ts';
export type { ComplaintCategory, ComplaintClassification, ComplaintModel, ComplaintSentiment, ComplaintSeverity, LabelledComplaint } from './complaint-classifier.ts';
