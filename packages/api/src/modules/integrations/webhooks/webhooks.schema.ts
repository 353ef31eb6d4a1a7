import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId, timestamps } from '../../../db/columns.ts';

/** Who a subscription delivers to: the portal's notification module (REQ-011), marketing automation, or a host system. */
export const WEBHOOK_TARGETS = ['notification', 'marketing', 'host'] as const;
export type WebhookTarget = (typeof WEBHOOK_TARGETS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * An outbound webhook: events whose type matches one of `event_types` (`risk_alert.opened`, or a prefix
 * pattern `risk_alert.*`, or `*`) are POSTed to `url`, signed with HMAC-SHA256 under the subscription's
 * secret (kept sealed with the tenant key ring, shown once on creation).
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    tenant_id: tenantId(),
    id: identityId(),
    name: varchar('name', { length: 100 }).notNull(),
    target: varchar('target', { length: 16 }).$type<WebhookTarget>().notNull(),
    url: text('url').notNull(),
    event_types: text('event_types').array().notNull(),
    secret_enc: text('secret_enc').notNull(),
    active: boolean('active').notNull().default(true),
    created_by: varchar('created_by', { length: 100 }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    check('webhook_subscriptions_target_check', sql`${t.target} in ('notification', 'marketing', 'host')`),
  ],
);

/**
 * One event to one subscription: pending until a 2xx answer (delivered), retried with exponential backoff,
 * dead-lettered after the last attempt (and redeliverable by hand). Unique per subscription and event, so
 * fan-out run twice delivers once.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenant_id: tenantId(),
    id: identityId(),
    subscription_id: bigint('subscription_id', { mode: 'number' }).notNull(),
    event_id: bigint('event_id', { mode: 'number' }).notNull(),
    event_type: varchar('event_type', { length: 80 }).notNull(),
    status: varchar('status', { length: 16 }).$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    next_attempt_at: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    last_attempt_at: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
    last_status_code: integer('last_status_code'),
    last_error: text('last_error'),
    delivered_at: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('webhook_deliveries_event_key').on(t.tenant_id, t.subscription_id, t.event_id),
    index('webhook_deliveries_due_idx').on(t.tenant_id, t.next_attempt_at).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_event_idx').on(t.tenant_id, t.event_id),
    index('webhook_deliveries_status_idx').on(t.tenant_id, t.status, t.id),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending', 'delivered', 'dead')`),
    foreignKey({ name: 'webhook_deliveries_subscription_fk', columns: [t.tenant_id, t.subscription_id], foreignColumns: [webhookSubscriptions.tenant_id, webhookSubscriptions.id] }).onDelete('cascade'),
  ],
);

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
