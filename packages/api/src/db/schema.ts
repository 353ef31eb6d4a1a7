/** Every table of the module, for drizzle's relational queries and for drizzle-kit. */
import * as tenantsSchema from '../platform/identity/tenants.schema.ts';
import * as usersSchema from '../platform/identity/users.schema.ts';
import * as contactsSchema from '../modules/customers/contacts/contacts.schema.ts';
import * as contractsSchema from '../modules/contracts-sla/contracts/contracts.schema.ts';
import * as customersSchema from '../modules/customers/customers/customers.schema.ts';
import * as orgSchema from '../modules/customers/org-structure/org-structure.schema.ts';
import * as tagsSchema from '../modules/customers/tags/tags.schema.ts';
import * as slaPoliciesSchema from '../modules/contracts-sla/sla-policies/sla-policies.schema.ts';
import * as slaBindingsSchema from '../modules/contracts-sla/sla-bindings/sla-bindings.schema.ts';
import * as notificationsSchema from '../modules/success/notifications/notifications.schema.ts';
import * as serviceRecordsSchema from '../modules/service/service-records/service-records.schema.ts';
import * as communicationsSchema from '../modules/service/communications/communications.schema.ts';
import * as complaintsSchema from '../modules/service/complaints/complaints.schema.ts';
import * as tasksSchema from '../modules/success/tasks/tasks.schema.ts';
import * as financeSchema from '../modules/integrations/finance/finance.schema.ts';
import * as usageSchema from '../modules/integrations/usage/usage.schema.ts';
import * as opsSignalsSchema from '../modules/integrations/operations-signals/operations-signals.schema.ts';
import * as healthSchema from '../modules/success/health/health.schema.ts';
import * as riskAlertsSchema from '../modules/success/risk-alerts/risk-alerts.schema.ts';
import * as workingCalendarSchema from '../modules/contracts-sla/working-calendar/working-calendar.schema.ts';
import * as platformSchema from '../platform/platform.schema.ts';

export const schema = {
  ...tenantsSchema,
  ...usersSchema,
  ...customersSchema,
  ...contactsSchema,
  ...contractsSchema,
  ...orgSchema,
  ...tagsSchema,
  ...slaPoliciesSchema,
  ...slaBindingsSchema,
  ...notificationsSchema,
  ...serviceRecordsSchema,
  ...communicationsSchema,
  ...complaintsSchema,
  ...tasksSchema,
  ...financeSchema,
  ...usageSchema,
  ...opsSignalsSchema,
  ...healthSchema,
  ...riskAlertsSchema,
  ...workingCalendarSchema,
  ...platformSchema,
};
export type Schema = typeof schema;

export * from '../platform/identity/tenants.schema.ts';
export * from '../platform/identity/users.schema.ts';
export * from '../modules/customers/customers/customers.schema.ts';
export * from '../modules/customers/contacts/contacts.schema.ts';
export * from '../modules/contracts-sla/contracts/contracts.schema.ts';
export * from '../modules/customers/org-structure/org-structure.schema.ts';
export * from '../modules/customers/tags/tags.schema.ts';
export * from '../modules/contracts-sla/sla-policies/sla-policies.schema.ts';
export * from '../modules/contracts-sla/sla-bindings/sla-bindings.schema.ts';
export * from '../modules/success/notifications/notifications.schema.ts';
export * from '../modules/service/service-records/service-records.schema.ts';
export * from '../modules/service/communications/communications.schema.ts';
export * from '../modules/service/complaints/complaints.schema.ts';
export * from '../modules/success/tasks/tasks.schema.ts';
export * from '../modules/integrations/finance/finance.schema.ts';
export * from '../modules/integrations/usage/usage.schema.ts';
export * from '../modules/integrations/operations-signals/operations-signals.schema.ts';
export * from '../modules/success/health/health.schema.ts';
export * from '../modules/success/risk-alerts/risk-alerts.schema.ts';
export * from '../modules/integrations/webhooks/webhooks.schema.ts';
export * from '../modules/analytics/segments/segments.schema.ts';
export * from '../modules/success/surveys/surveys.schema.ts';
export * from '../modules/sales/sales-pipeline/sales-pipeline.schema.ts';
export * from '../modules/contracts-sla/working-calendar/working-calendar.schema.ts';
export * from '../platform/platform.schema.ts';
