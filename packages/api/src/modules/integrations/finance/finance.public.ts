/**
 * The front door of the finance module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { revenueBetween } from './finance-period.ts';
export { financePortfolioInputs } from './finance-portfolio-inputs.ts';
export type { FinancePortfolioInputs } from './finance-portfolio-inputs.ts';
export { financeSummaries } from './finance-summary.ts';
export { IntegrationCustomerRef, refKey, resolveCustomerRef, resolveCustomerRefs } from './integration-refs.ts';
export { invoicedRevenueSql } from './invoiced-revenue-sql.ts';
export { invoiceTotalsSql } from './invoice-totals-sql.ts';
