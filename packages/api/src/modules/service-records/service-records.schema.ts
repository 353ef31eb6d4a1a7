import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId, timestamps } from '../../db/columns.ts';

/** Ticket priorities, P1 the most urgent. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** One of `PRIORITIES`. */
export type Priority = (typeof PRIORITIES)[number];

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

export type ServiceRecordRow = typeof serviceRecords.$inferSelect;
