/**
 * The front door of the service-records module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { serviceAnalysisInputs } from './service-analysis-inputs.ts';
export { serviceHealthInputs } from './service-health-inputs.ts';
export { serviceStatistics } from './service-history.service.ts';
export { servicePortfolioInputs } from './service-portfolio-inputs.ts';
export type { ServicePortfolioInputs } from './service-portfolio-inputs.ts';
export { findServiceRecord } from './service-record-lookup.ts';
export type { ServiceRecordRow } from './service-records.schema.ts';
export { serviceRecordTimeline } from './service-records.timeline.ts';
export { SourceParams, UpsertOutcome } from './ticket-ingest.contract.ts';
export { latestTicketRatings } from './service-records.reads.ts';
export type { TicketRating } from './service-records.reads.ts';
export { PRIORITIES } from './priorities.ts';
export type { Priority } from './priorities.ts';
export { serviceRecordsOpenedBetween } from './service-record-scans.ts';
export type { OpenedServiceRecord } from './service-record-scans.ts';
