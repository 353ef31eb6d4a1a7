/** Every table of the module, for drizzle's relational queries and for drizzle-kit. */
import * as tenantsSchema from '../platform/identity/tenants.schema.ts';
import * as usersSchema from '../platform/identity/users.schema.ts';
import * as contactsSchema from '../modules/contacts/contacts.schema.ts';
import * as contractsSchema from '../modules/contracts/contracts.schema.ts';
import * as customersSchema from '../modules/customers/customers.schema.ts';
import * as orgSchema from '../modules/org-structure/org-structure.schema.ts';
import * as tagsSchema from '../modules/tags/tags.schema.ts';
import * as slaPoliciesSchema from '../modules/sla-policies/sla-policies.schema.ts';
import * as slaBindingsSchema from '../modules/sla-bindings/sla-bindings.schema.ts';
import * as notificationsSchema from '../modules/notifications/notifications.schema.ts';
import * as serviceRecordsSchema from '../modules/service-records/service-records.schema.ts';
import * as communicationsSchema from '../modules/communications/communications.schema.ts';
import * as complaintsSchema from '../modules/complaints/complaints.schema.ts';
import * as tasksSchema from '../modules/tasks/tasks.schema.ts';
import * as financeSchema from '../modules/finance/finance.schema.ts';
import * as usageSchema from '../modules/usage/usage.schema.ts';
import * as opsSignalsSchema from '../modules/operations-signals/operations-signals.schema.ts';
import * as healthSchema from '../modules/health/health.schema.ts';
import * as riskAlertsSchema from '../modules/risk-alerts/risk-alerts.schema.ts';
import * as workingCalendarSchema from '../modules/working-calendar/working-calendar.schema.ts';
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
export * from '../modules/customers/customers.schema.ts';
export * from '../modules/contacts/contacts.schema.ts';
export * from '../modules/contracts/contracts.schema.ts';
export * from '../modules/org-structure/org-structure.schema.ts';
export * from '../modules/tags/tags.schema.ts';
export * from '../modules/sla-policies/sla-policies.schema.ts';
export * from '../modules/sla-bindings/sla-bindings.schema.ts';
export * from '../modules/notifications/notifications.schema.ts';
export * from '../modules/service-records/service-records.schema.ts';
export * from '../modules/communications/communications.schema.ts';
export * from '../modules/complaints/complaints.schema.ts';
export * from '../modules/tasks/tasks.schema.ts';
export * from '../modules/finance/finance.schema.ts';
export * from '../modules/usage/usage.schema.ts';
export * from '../modules/operations-signals/operations-signals.schema.ts';
export * from '../modules/health/health.schema.ts';
export * from '../modules/risk-alerts/risk-alerts.schema.ts';
export * from '../modules/webhooks/webhooks.schema.ts';
export * from '../modules/segments/segments.schema.ts';
export * from '../modules/surveys/surveys.schema.ts';
export * from '../modules/sales-pipeline/sales-pipeline.schema.ts';
export * from '../modules/working-calendar/working-calendar.schema.ts';
export * from '../platform/platform.schema.ts';
