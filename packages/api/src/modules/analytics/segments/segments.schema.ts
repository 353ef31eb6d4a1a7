import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/**
 * A customer segment: a rule over attributes and metrics (`rule`, the parsed AST of `rule_text`) whose members
 * are materialised in `segment_members` on save, on change and on schedule.
 */
export const segments = pgTable(
  'segments',
  {
    tenant_id: tenantId(),
    id: identityId(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description'),
    rule_text: text('rule_text').notNull(),
    rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
    member_count: integer('member_count').notNull().default(0),
    refreshed_at: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }),
    created_by: bigint('created_by', { mode: 'number' }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), foreignKey({ name: 'segments_created_by_fk', columns: [t.tenant_id, t.created_by], foreignColumns: [users.tenant_id, users.id] })],
);

/** The customers a segment held at its last refresh. */
export const segmentMembers = pgTable(
  'segment_members',
  {
    tenant_id: tenantId(),
    segment_id: bigint('segment_id', { mode: 'number' }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    added_at: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.segment_id, t.customer_id] }),
    index('segment_members_customer_idx').on(t.tenant_id, t.customer_id),
    foreignKey({ name: 'segment_members_segment_fk', columns: [t.tenant_id, t.segment_id], foreignColumns: [segments.tenant_id, segments.id] }).onDelete('cascade'),
    foreignKey({ name: 'segment_members_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

/**
 * The value tier of every customer (RFM: recency of the last paid invoice or contract, frequency of invoices,
 * monetary value over 12 months, each scored 1–5 by quintile within the tenant), recomputed on schedule.
 */
export const customerValueTiers = pgTable(
  'customer_value_tiers',
  {
    tenant_id: tenantId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    recency_days: integer('recency_days'),
    frequency: integer('frequency').notNull().default(0),
    monetary: numeric('monetary', { precision: 16, scale: 2 }).notNull().default('0'),
    r_score: smallint('r_score').notNull(),
    f_score: smallint('f_score').notNull(),
    m_score: smallint('m_score').notNull(),
    tier: varchar('tier', { length: 24 }).notNull(),
    computed_at: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.customer_id] }),
    index('customer_value_tiers_tier_idx').on(t.tenant_id, t.tier),
    check('customer_value_tiers_scores_check', sql`${t.r_score} between 1 and 5 and ${t.f_score} between 1 and 5 and ${t.m_score} between 1 and 5`),
    foreignKey({ name: 'customer_value_tiers_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

export type SegmentRow = typeof segments.$inferSelect;
