/**
 * The front door of the completeness module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { completenessPortfolioInputs } from './completeness-portfolio-inputs.ts';
export type { CompletenessPortfolioInputs } from './completeness-portfolio-inputs.ts';
