/**
 * Every feature module, listed once. The app mounts their routes in this order (a module whose static
 * paths would be taken for another's `{id}` comes first: customer-merge and completeness before
 * customers), the server starts their jobs, the contract publishes their tags, and the tests check that
 * every table of the database has exactly one owner here or in the platform.
 */
import type { CrmModule } from '../platform/module.ts';
import { apiKeysModule } from './admin/api-keys/api-keys.module.ts';
import { auditModule } from './admin/audit/audit.module.ts';
import { authModule } from './admin/auth/auth.module.ts';
import { settingsModule } from './admin/settings/settings.module.ts';
import { systemModule } from './admin/system/system.module.ts';
import { customerAnalysisModule } from './analytics/customer-analysis/customer-analysis.module.ts';
import { portfolioAnalyticsModule } from './analytics/portfolio-analytics/portfolio-analytics.module.ts';
import { segmentsModule } from './analytics/segments/segments.module.ts';
import { contractsModule } from './contracts-sla/contracts/contracts.module.ts';
import { slaAttainmentModule } from './contracts-sla/sla-attainment/sla-attainment.module.ts';
import { slaBindingsModule } from './contracts-sla/sla-bindings/sla-bindings.module.ts';
import { slaPoliciesModule } from './contracts-sla/sla-policies/sla-policies.module.ts';
import { slaRecommendationModule } from './contracts-sla/sla-recommendation/sla-recommendation.module.ts';
import { workingCalendarModule } from './contracts-sla/working-calendar/working-calendar.module.ts';
import { completenessModule } from './customers/completeness/completeness.module.ts';
import { contactsModule } from './customers/contacts/contacts.module.ts';
import { customerMergeModule } from './customers/customer-merge/customer-merge.module.ts';
import { customerTimelineModule } from './customers/customer-timeline/customer-timeline.module.ts';
import { customersModule } from './customers/customers/customers.module.ts';
import { orgStructureModule } from './customers/org-structure/org-structure.module.ts';
import { tagsModule } from './customers/tags/tags.module.ts';
import { financeModule } from './integrations/finance/finance.module.ts';
import { operationsSignalsModule } from './integrations/operations-signals/operations-signals.module.ts';
import { usageModule } from './integrations/usage/usage.module.ts';
import { webhooksModule } from './integrations/webhooks/webhooks.module.ts';
import { salesPipelineModule } from './sales/sales-pipeline/sales-pipeline.module.ts';
import { communicationsModule } from './service/communications/communications.module.ts';
import { complaintClassifierModule } from './service/complaint-classifier/complaint-classifier.module.ts';
import { complaintsModule } from './service/complaints/complaints.module.ts';
import { serviceRecordsModule } from './service/service-records/service-records.module.ts';
import { healthModule } from './success/health/health.module.ts';
import { notificationsModule } from './success/notifications/notifications.module.ts';
import { riskAlertsModule } from './success/risk-alerts/risk-alerts.module.ts';
import { successPlaysModule } from './success/success-plays/success-plays.module.ts';
import { surveysModule } from './success/surveys/surveys.module.ts';
import { tasksModule } from './success/tasks/tasks.module.ts';

export const modules: readonly CrmModule[] = [
  // admin: sign-in, the current user, tenant settings, API keys, the audit trail, probes
  authModule,
  settingsModule,
  apiKeysModule,
  auditModule,
  systemModule,
  // customers: profiles, contacts, organisation, tags, duplicates and merge, completeness, timeline
  customerMergeModule,
  completenessModule,
  customersModule,
  contactsModule,
  orgStructureModule,
  tagsModule,
  customerTimelineModule,
  // contracts-sla: contracts, the SLA catalogue, bindings, attainment, recommendation, working calendar
  contractsModule,
  slaPoliciesModule,
  slaBindingsModule,
  slaAttainmentModule,
  slaRecommendationModule,
  workingCalendarModule,
  // service: service records (tickets), complaints and their classifier, communications
  serviceRecordsModule,
  complaintsModule,
  complaintClassifierModule,
  communicationsModule,
  // success: health, risk alerts, success plays, tasks, surveys, notifications
  healthModule,
  riskAlertsModule,
  successPlaysModule,
  tasksModule,
  surveysModule,
  notificationsModule,
  // sales: leads, pipelines, opportunities
  salesPipelineModule,
  // analytics: customer analysis, portfolio KPIs, segments
  customerAnalysisModule,
  portfolioAnalyticsModule,
  segmentsModule,
  // integrations: finance, usage, operations signals, outbound webhooks
  financeModule,
  usageModule,
  operationsSignalsModule,
  webhooksModule,
];
