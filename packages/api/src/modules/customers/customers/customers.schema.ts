import { sql } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/** REQ-016 §7 `customers`, plus group parent, credit code, search keys and archive flag. */
export const customers = pgTable(
  'customers',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_code: varchar('customer_code', { length: 50 }).notNull(),
    customer_name: varchar('customer_name', { length: 200 }).notNull(),
    /** 1 enterprise, 2 government, 3 individual. */
    customer_type: smallint('customer_type').notNull().default(1),
    industry: varchar('industry', { length: 100 }),
    scale: varchar('scale', { length: 50 }),
    address: text('address'),
    website: varchar('website', { length: 200 }),
    description: text('description'),
    /** 1 potential, 2 formal, 3 lost. */
    status: smallint('status').notNull().default(1),
    /** 1 normal, 2 important, 3 VIP, 4 strategic. */
    level: smallint('level').notNull().default(1),
    source: varchar('source', { length: 50 }),
    assigned_manager_id: bigint('assigned_manager_id', { mode: 'number' }),
    /** 统一社会信用代码 (18 characters), used by duplicate detection. */
    credit_code: varchar('credit_code', { length: 18 }),
    region: varchar('region', { length: 100 }),
    /** Customer group: the parent company of a subsidiary. */
    parent_customer_id: bigint('parent_customer_id', { mode: 'number' }),
    /** Name without legal suffixes, width- and case-folded: the duplicate key. */
    name_normalized: varchar('name_normalized', { length: 200 }).notNull(),
    /** Full pinyin and initials of the name, so "bjkj" finds 北京科技. */
    name_pinyin: text('name_pinyin').notNull().default(''),
    website_domain: varchar('website_domain', { length: 200 }),
    /** 0–100, recomputed on every change of the customer or its contacts. */
    completeness_score: smallint('completeness_score').notNull().default(0),
    /** Machine keys of what is missing (`industry`, `decision_maker`, `reachable_contact` …). */
    completeness_missing: text('completeness_missing').array().notNull().default(sql`'{}'::text[]`),
    archived_at: timestamp('archived_at', { withTimezone: true }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('customers_code_key').on(t.tenant_id, t.customer_code),
    index('customers_tenant_status_idx').on(t.tenant_id, t.status),
    index('customers_tenant_type_idx').on(t.tenant_id, t.customer_type),
    index('customers_tenant_level_idx').on(t.tenant_id, t.level),
    index('customers_tenant_manager_idx').on(t.tenant_id, t.assigned_manager_id),
    index('customers_tenant_industry_idx').on(t.tenant_id, t.industry),
    // Ascending on purpose: a backward scan serves `order by created_at desc, id desc` (NULLS FIRST), which a
    // `desc nulls last` index — what `.desc()` generates — would not.
    index('customers_tenant_created_asc_idx').on(t.tenant_id, t.created_at, t.id),
    index('customers_tenant_updated_idx').on(t.tenant_id, t.updated_at, t.id),
    index('customers_tenant_name_sort_idx').on(t.tenant_id, t.customer_name, t.id),
    index('customers_tenant_normalized_idx').on(t.tenant_id, t.name_normalized),
    index('customers_tenant_domain_idx').on(t.tenant_id, t.website_domain),
    index('customers_tenant_credit_idx').on(t.tenant_id, t.credit_code),
    index('customers_tenant_parent_idx').on(t.tenant_id, t.parent_customer_id),
    index('customers_tenant_completeness_idx').on(t.tenant_id, t.completeness_score),
    index('customers_normalized_trgm_idx').using('gin', sql`${t.name_normalized} gin_trgm_ops`),
    index('customers_name_trgm_idx').using('gin', sql`${t.customer_name} gin_trgm_ops`),
    index('customers_pinyin_trgm_idx').using('gin', sql`${t.name_pinyin} gin_trgm_ops`),
    foreignKey({
      name: 'customers_parent_fk',
      columns: [t.tenant_id, t.parent_customer_id],
      foreignColumns: [t.tenant_id, t.id],
    }),
    // Every user column points at a user of the row's own tenant, like every other reference.
    foreignKey({ name: 'customers_assigned_manager_id_fk', columns: [t.tenant_id, t.assigned_manager_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** A merge of a duplicate into a survivor, kept for the audit trail and for redirecting old ids. */
export const customerMerges = pgTable(
  'customer_merges',
  {
    tenant_id: tenantId(),
    id: identityId(),
    survivor_id: bigint('survivor_id', { mode: 'number' }).notNull(),
    merged_id: bigint('merged_id', { mode: 'number' }).notNull(),
    merged_code: varchar('merged_code', { length: 50 }).notNull(),
    merged_name: varchar('merged_name', { length: 200 }).notNull(),
    field_choices: text('field_choices').notNull(),
    moved: text('moved').notNull(),
    actor_id: varchar('actor_id', { length: 100 }).notNull(),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('customer_merges_merged_idx').on(t.tenant_id, t.merged_id),
    foreignKey({
      name: 'customer_merges_survivor_fk',
      columns: [t.tenant_id, t.survivor_id],
      foreignColumns: [customers.tenant_id, customers.id],
    }).onDelete('cascade'),
  ],
);
