/**
 * The CRM widget library: importing it registers every `crm-*` element. The provider comes first so that
 * widgets already in the page find it when they upgrade.
 */
export { CrmProvider } from './provider/provider.js';
export { CrmCustomerCard } from './customer-card/customer-card.js';
export type { CrmCustomerOpenDetail, CustomerCardData } from './customer-card/customer-card.js';
export { CrmContractPanel } from './contract-panel/contract-panel.js';
export type { ContractPanelData, CrmContractPanelLoadedDetail } from './contract-panel/contract-panel.js';
export { CrmServiceHistory, type CrmTimelineEntrySelectDetail } from './service-history/service-history.js';
export { CrmHealthGauge, type CrmHealthGaugeLoadedDetail, type CustomerHealthData } from './health-gauge/health-gauge.js';
export { CrmCsmTaskBoard, type CrmTaskCreatedDetail, type CrmTaskMovedDetail } from './csm-task-board/csm-task-board.js';
export { CrmOpportunityPipeline, type CrmOpportunityMovedDetail, type CrmOpportunityOpenDetail } from './opportunity-pipeline/opportunity-pipeline.js';
export { CrmSurveyForm, type CrmSurveySubmittedDetail } from './survey-form/survey-form.js';
export { configure, createWidgetConfig, crmConfigContext } from './config/config.js';
export { CrmConfigController } from './config/config.controller.js';
export type { CrmClient, CrmConfigOptions, CrmWidgetConfig } from './config/config.js';
export { messagesFor, normalizeLocale } from './i18n/i18n.js';
export type { CrmLocale, CrmMessages } from './i18n/i18n.js';
