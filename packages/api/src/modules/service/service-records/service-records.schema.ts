import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, primaryKey, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId, timestamps } from '../../../db/columns.ts';
import { PRIORITIES, type Priority } from './priorities.ts';

// The module's own files still name priorities through the schema; other modules use priorities.ts.
export { PRIORITIES, type Priority };

/**
 * REQ-016-003 service records: the tickets of the ticket module (REQ-003) as this module keeps them.
 * Range-partitioned by month of `opened_at` (migration 0010 creates the parent and a default partition;
 * `crm_ensure_month_partitions` adds months), so the primary key carries `opened_at`. The ingest
 * endpoints come with the service-history issue; SLA attainment reads these rows now.
 */
export const serviceRecords = pgTable(
  'service_records',
  {
    tenant_id: tenantId(),
    id: identityId(),
    opened_at: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    /** The system the ticket comes from and its id there. */
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 100 }).notNull(),
    ticket_no: varchar('ticket_no', { length: 64 }),
    title: varchar('title', { length: 300 }).notNull(),
    description: text('description'),
    category: varchar('category', { length: 64 }),
    priority: varchar('priority', { length: 2 }).$type<Priority>().notNull(),
    channel: varchar('channel', { length: 32 }),
    status: varchar('status', { length: 32 }).notNull(),
    first_response_at: timestamp('first_response_at', { withTimezone: true, mode: 'date' }),
    resolved_at: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    closed_at: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    assignee: varchar('assignee', { length: 100 }),
    satisfaction_rating: smallint('satisfaction_rating'),
    satisfaction_comment: text('satisfaction_comment'),
    /** The SLA version in force when the ticket opened, and the deadlines and breaches measured against it. */
    sla_version_id: bigint('sla_version_id', { mode: 'number' }),
    response_due_at: timestamp('response_due_at', { withTimezone: true, mode: 'date' }),
    resolution_due_at: timestamp('resolution_due_at', { withTimezone: true, mode: 'date' }),
    response_breached: boolean('response_breached'),
    resolution_breached: boolean('resolution_breached'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.opened_at, t.id] }),
    index('service_records_customer_opened_idx').on(t.tenant_id, t.customer_id, t.opened_at),
    check('service_records_priority_check', sql`${t.priority} in ('P1', 'P2', 'P3', 'P4')`),
    check('service_records_rating_check', sql`${t.satisfaction_rating} is null or ${t.satisfaction_rating} between 1 and 5`),
    check('service_records_response_order_check', sql`${t.first_response_at} is null or ${t.first_response_at} >= ${t.opened_at}`),
    check('service_records_resolution_order_check', sql`${t.resolved_at} is null or ${t.resolved_at} >= ${t.opened_at}`),
  ],
);

/**
 * The source system's key of each service record. A partitioned table cannot hold a unique key without its
 * partition column, so idempotency lives here: one row per (tenant, source, external id), pointing at the
 * record and its opening time (the partition it is in).
 */
export const serviceRecordKeys = pgTable(
  'service_record_keys',
  {
    tenant_id: tenantId(),
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 100 }).notNull(),
    record_id: bigint('record_id', { mode: 'number' }).notNull(),
    opened_at: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.source, t.external_id] })],
);

export type ServiceRecordRow = typeof serviceRecords.$inferSelect;
