import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';

export const OPS_SIGNAL_KINDS = ['incident', 'availability'] as const;
export type OpsSignalKind = (typeof OPS_SIGNAL_KINDS)[number];

/**
 * Operations signals of the monitoring module (REQ-013) per customer: incidents (severity, start, end) and
 * availability over a period. Idempotent by the source's id.
 */
export const opsSignals = pgTable(
  'ops_signals',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 100 }).notNull(),
    kind: varchar('kind', { length: 16 }).$type<OpsSignalKind>().notNull(),
    /** Incidents: `critical` | `major` | `minor`. */
    severity: varchar('severity', { length: 16 }),
    title: varchar('title', { length: 300 }),
    description: text('description'),
    started_at: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    ended_at: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    /** Availability: the period and the percentage measured over it. */
    period_start: date('period_start', { mode: 'string' }),
    period_end: date('period_end', { mode: 'string' }),
    availability_pct: numeric('availability_pct', { precision: 6, scale: 3 }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('ops_signals_source_key').on(t.tenant_id, t.source, t.external_id),
    index('ops_signals_customer_idx').on(t.tenant_id, t.customer_id, t.kind, t.started_at),
    check('ops_signals_kind_check', sql`${t.kind} in ('incident', 'availability')`),
    check('ops_signals_severity_check', sql`${t.severity} is null or ${t.severity} in ('critical', 'major', 'minor')`),
    check('ops_signals_availability_check', sql`${t.availability_pct} is null or ${t.availability_pct} between 0 and 100`),
    check('ops_signals_end_order_check', sql`${t.ended_at} is null or ${t.ended_at} >= ${t.started_at}`),
    foreignKey({ name: 'ops_signals_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

export type OpsSignalRow = typeof opsSignals.$inferSelect;
