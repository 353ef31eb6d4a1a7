import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';

/** Response and resolution targets of one priority, in service minutes (business minutes for 5×8). */
export type PriorityTarget = { response_minutes: number; resolution_minutes: number };
/** Targets for P1–P4. */
export type SlaTargets = Record<'P1' | 'P2' | 'P3' | 'P4', PriorityTarget>;
/** One step of the escalation chain: who is told after how many minutes without a response. */
export type EscalationStep = { level: number; after_minutes: number; name: string; role: string; contact?: string };
/** A service credit: below this availability, this share of the monthly fee is credited. */
export type ServiceCredit = { below_availability: number; credit_percent: number };
/** Where a version is in its life: drafts are edited, published versions are immutable, retired ones are never bound again. */
export type SlaVersionStatus = 'draft' | 'published' | 'retired';

/** REQ-016-009: the tenant's catalogue of SLA tiers (标准, 高级, 尊享, 战略 by default). */
export const slaTiers = pgTable(
  'sla_tiers',
  {
    tenant_id: tenantId(),
    id: identityId(),
    /** Stable code; the recommendation knows `standard`, `premium`, `elite` and `strategic`. */
    code: varchar('code', { length: 32 }).notNull(),
    name_zh: varchar('name_zh', { length: 50 }).notNull(),
    name_en: varchar('name_en', { length: 50 }).notNull(),
    /** Higher is better; when two contracts of a customer are in force the higher rank applies. */
    rank: smallint('rank').notNull(),
    description: text('description'),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), uniqueIndex('sla_tiers_code_key').on(t.tenant_id, t.code)],
);

/**
 * Versions of a tier. A draft may be edited; publishing freezes it (a database trigger refuses any later
 * change but `published → retired`), so a binding always means what it meant when it was made.
 */
export const slaVersions = pgTable(
  'sla_versions',
  {
    tenant_id: tenantId(),
    id: identityId(),
    tier_id: bigint('tier_id', { mode: 'number' }).notNull(),
    version_no: integer('version_no').notNull(),
    status: varchar('status', { length: 16 }).$type<SlaVersionStatus>().notNull().default('draft'),
    service_hours: varchar('service_hours', { length: 8 }).$type<'7x24' | '5x8'>().notNull(),
    targets: jsonb('targets').$type<SlaTargets>().notNull(),
    /** Monthly availability target in percent, for example 99.9. */
    availability_target: numeric('availability_target', { precision: 6, scale: 3 }).notNull(),
    escalation: jsonb('escalation').$type<EscalationStep[]>().notNull().default([]),
    service_credits: jsonb('service_credits').$type<ServiceCredit[]>().notNull().default([]),
    /** Regular proactive service reviews included (per year). */
    reviews_per_year: smallint('reviews_per_year').notNull().default(0),
    notes: text('notes'),
    published_at: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    retired_at: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    created_by: varchar('created_by', { length: 100 }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('sla_versions_tier_no_key').on(t.tenant_id, t.tier_id, t.version_no),
    check('sla_versions_status_check', sql`${t.status} in ('draft', 'published', 'retired')`),
    check('sla_versions_hours_check', sql`${t.service_hours} in ('7x24', '5x8')`),
    check('sla_versions_availability_check', sql`${t.availability_target} > 0 and ${t.availability_target} <= 100`),
    check('sla_versions_published_check', sql`(${t.status} = 'draft') = (${t.published_at} is null)`),
    foreignKey({ name: 'sla_versions_tier_fk', columns: [t.tenant_id, t.tier_id], foreignColumns: [slaTiers.tenant_id, slaTiers.id] }).onDelete('restrict'),
  ],
);

export type SlaTierRow = typeof slaTiers.$inferSelect;
export type SlaVersionRow = typeof slaVersions.$inferSelect;
