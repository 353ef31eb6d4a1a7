/**
 * The front door of the risk-alerts module: what other modules may use. Everything else in this folder is
 * the module's own (checked by .dependency-cruiser.cjs, docs/architecture.md).
 */
export { openRiskAlerts } from './risk-alerts.service.ts';
export type { AlertTaskRunner } from './risk-alerts.service.ts';
export type { RiskSignal } from './risk-rules.ts';
export { openAlertsForHealthChanges } from './risk-alerts.service.ts';
export { riskAlertCustomerIds } from './risk-alerts.reads.ts';
