/**
 * The front door of the surveys module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { surveyHealthInputs, surveyRatingSql } from './survey-health-inputs.ts';
export { surveyPortfolioInputs } from './survey-portfolio-inputs.ts';
export type { SurveyPortfolioInputs } from './survey-portfolio-inputs.ts';
export { latestSurveyRatings } from './surveys.reads.ts';
export type { SurveyRating } from './surveys.reads.ts';
export { latestNpsSql } from './latest-nps-sql.ts';
