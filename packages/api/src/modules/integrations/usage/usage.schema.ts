import { bigint, date, foreignKey, integer, jsonb, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { tenantId } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';

/**
 * Portal and product usage per customer and day (REQ-013 signals for engagement): logins, distinct active
 * users and uses per feature. Events are folded in as they arrive; `usage_event_keys` makes a resent event
 * count once.
 */
export const usageDaily = pgTable(
  'usage_daily',
  {
    tenant_id: tenantId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    logins: integer('logins').notNull().default(0),
    /** Distinct user ids seen that day (kept as a small list, capped, for the active-user count). */
    active_users: jsonb('active_users').$type<string[]>().notNull().default([]),
    feature_uses: jsonb('feature_uses').$type<Record<string, number>>().notNull().default({}),
    updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.customer_id, t.day] }),
    foreignKey({ name: 'usage_daily_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

/** Usage events already counted, by the source's event id. */
export const usageEventKeys = pgTable(
  'usage_event_keys',
  {
    tenant_id: tenantId(),
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 100 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.source, t.external_id] })],
);

export type UsageDailyRow = typeof usageDaily.$inferSelect;
