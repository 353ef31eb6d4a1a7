import { bigint, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId } from '../db/columns.ts';

/**
 * Append-only, hash-chained audit trail: each row's `hash` covers its content and the previous row's
 * hash of the same tenant and chain, so an edited or deleted row breaks its chain. UPDATE and DELETE are refused
 * by a trigger and not granted to the application role.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    tenant_id: tenantId(),
    id: identityId(),
    occurred_at: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actor_type: varchar('actor_type', { length: 20 }).notNull(),
    actor_id: varchar('actor_id', { length: 100 }).notNull(),
    action: varchar('action', { length: 60 }).notNull(),
    entity_type: varchar('entity_type', { length: 60 }).notNull(),
    entity_id: varchar('entity_id', { length: 60 }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    request_id: varchar('request_id', { length: 64 }),
    /** Which of the tenant's parallel hash chains the row extends (see AUDIT_CHAINS in audit.ts). */
    chain: smallint('chain').notNull().default(0),
    prev_hash: varchar('prev_hash', { length: 64 }).notNull(),
    hash: varchar('hash', { length: 64 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('audit_entity_idx').on(t.tenant_id, t.entity_type, t.entity_id, t.id),
    index('audit_time_idx').on(t.tenant_id, t.occurred_at),
    index('audit_chain_idx').on(t.tenant_id, t.chain, t.id),
  ],
);

/** Outbox: an event row written in the same transaction as the change it announces. */
export const events = pgTable(
  'events',
  {
    tenant_id: tenantId(),
    id: identityId(),
    type: varchar('type', { length: 80 }).notNull(),
    entity_type: varchar('entity_type', { length: 60 }).notNull(),
    entity_id: varchar('entity_id', { length: 60 }).notNull(),
    payload: jsonb('payload').notNull(),
    occurred_at: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    delivered_at: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), index('events_type_idx').on(t.tenant_id, t.type, t.id)],
);

/**
 * How far each consumer of the outbox (webhook fan-out, success plays) has read a tenant's events. The row is
 * locked while a batch is handled, so two replicas never handle the same events twice.
 */
export const eventCursors = pgTable(
  'event_cursors',
  {
    tenant_id: tenantId(),
    consumer: varchar('consumer', { length: 40 }).notNull(),
    last_event_id: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
    updated_at: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.consumer] })],
);

/** Stored responses of POSTs made with an `Idempotency-Key`, replayed on a retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenant_id: tenantId(),
    key: varchar('key', { length: 200 }).notNull(),
    route: varchar('route', { length: 200 }).notNull(),
    request_hash: varchar('request_hash', { length: 64 }).notNull(),
    status_code: integer('status_code'),
    response: text('response'),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.key] })],
);

export type AuditRow = typeof auditLog.$inferSelect;

/** Per-tenant counters behind numbered codes (`CUST20260101xxxx`, complaint and contract numbers); a row lock serialises them. */
export const codeSequences = pgTable(
  'code_sequences',
  {
    tenant_id: tenantId(),
    scope: varchar('scope', { length: 40 }).notNull(),
    last_value: bigint('last_value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.scope] })],
);
