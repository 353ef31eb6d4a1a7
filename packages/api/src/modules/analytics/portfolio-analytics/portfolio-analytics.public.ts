/**
 * The front door of the portfolio-analytics module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { beijingDate, dateArray, keyArray, periodKeySql, periodStartSql, segmentSql } from './portfolio-periods.ts';
export type { PortfolioBuckets, Segment } from './portfolio-periods.ts';
// Other modules throw these codes too: importing this front door registers them.
export { portfolioAnalyticsErrors } from './portfolio-analytics.errors.ts';
