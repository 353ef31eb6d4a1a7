import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, jsonb, pgTable, primaryKey, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';

export const RISK_CAUSES = ['band_drop', 'score_fall', 'churn_probability', 'satisfaction_decline', 'contract_expiry'] as const;
export type RiskCause = (typeof RISK_CAUSES)[number];

export const RISK_ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type RiskAlertStatus = (typeof RISK_ALERT_STATUSES)[number];

/**
 * A risk alert and its whole chain: what fired (`trigger`), what the SLA module suggested (`suggestion`), who was
 * told (`notified`), which task took it (`task_id`). At most one alert per customer and cause is not closed
 * (partial unique index), so a cause that keeps firing never duplicates.
 */
export const riskAlerts = pgTable(
  'risk_alerts',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    cause: varchar('cause', { length: 32 }).$type<RiskCause>().notNull(),
    status: varchar('status', { length: 16 }).$type<RiskAlertStatus>().notNull().default('open'),
    trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
    suggestion: jsonb('suggestion').$type<Record<string, unknown>>(),
    notified: jsonb('notified').$type<Record<string, unknown>>(),
    task_id: bigint('task_id', { mode: 'number' }),
    opened_at: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    closed_at: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('risk_alerts_one_open_key').on(t.tenant_id, t.customer_id, t.cause).where(sql`${t.status} <> 'closed'`),
    index('risk_alerts_status_idx').on(t.tenant_id, t.status, t.opened_at),
    check('risk_alerts_status_check', sql`${t.status} in ('open', 'acknowledged', 'closed')`),
    foreignKey({ name: 'risk_alerts_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

export type RiskAlertRow = typeof riskAlerts.$inferSelect;
