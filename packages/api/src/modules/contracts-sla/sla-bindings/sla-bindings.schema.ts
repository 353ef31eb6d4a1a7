import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId } from '../../../db/columns.ts';
import { instantRange } from '../../../db/range-columns.ts';
import { contracts } from '../contracts/contracts.schema.ts';
import { slaVersions } from '../sla-policies/sla-policies.schema.ts';

/** What made a binding: the event that (re-)evaluated the contract's SLA. */
export const BINDING_TRIGGERS = ['activation', 'amendment', 'renewal', 'level_change', 'manual', 'reconcile'] as const;
/** One of `BINDING_TRIGGERS`. */
export type BindingTrigger = (typeof BINDING_TRIGGERS)[number];

/** Where the tier came from: the contract's agreed terms, the recommendation, or a person. */
export type BindingBasis = 'contract_terms' | 'recommendation' | 'manual';

/**
 * REQ-016-009: which SLA version a contract is bound to over which period. Periods are half-open
 * instants; the periods of one contract tile its term exactly (its first day 00:00 to the day after its
 * end, in Asia/Shanghai, cut at the termination date). The database guards it: an exclusion constraint
 * refuses overlaps and a deferred constraint trigger refuses gaps, bindings on contracts that are not in
 * force, and changes other than shortening a binding (migration 0009).
 */
export const contractSlaBindings = pgTable(
  'contract_sla_bindings',
  {
    tenant_id: tenantId(),
    id: identityId(),
    contract_id: bigint('contract_id', { mode: 'number' }).notNull(),
    /** Copied from the contract, so the effective-SLA lookup is one index scan per customer. */
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    sla_version_id: bigint('sla_version_id', { mode: 'number' }).notNull(),
    /** The tier's rank, copied: of two contracts in force at once, the higher rank applies. */
    tier_rank: integer('tier_rank').notNull(),
    effective: instantRange('effective').notNull(),
    trigger: varchar('trigger', { length: 16 }).$type<BindingTrigger>().notNull(),
    basis: varchar('basis', { length: 16 }).$type<BindingBasis>().notNull(),
    reason: text('reason').notNull(),
    created_by: varchar('created_by', { length: 100 }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('contract_sla_bindings_contract_idx').on(t.tenant_id, t.contract_id),
    check('contract_sla_bindings_trigger_check', sql`${t.trigger} in ('activation', 'amendment', 'renewal', 'level_change', 'manual', 'reconcile')`),
    check('contract_sla_bindings_basis_check', sql`${t.basis} in ('contract_terms', 'recommendation', 'manual')`),
    foreignKey({ name: 'contract_sla_bindings_contract_fk', columns: [t.tenant_id, t.contract_id], foreignColumns: [contracts.tenant_id, contracts.id] }).onDelete('cascade'),
    foreignKey({ name: 'contract_sla_bindings_version_fk', columns: [t.tenant_id, t.sla_version_id], foreignColumns: [slaVersions.tenant_id, slaVersions.id] }).onDelete('restrict'),
  ],
);

/** A change the re-evaluation proposes instead of applying (the contract's agreed tier differs from the recommendation). */
export const slaBindingProposals = pgTable(
  'sla_binding_proposals',
  {
    tenant_id: tenantId(),
    id: identityId(),
    contract_id: bigint('contract_id', { mode: 'number' }).notNull(),
    current_version_id: bigint('current_version_id', { mode: 'number' }).notNull(),
    proposed_version_id: bigint('proposed_version_id', { mode: 'number' }).notNull(),
    trigger: varchar('trigger', { length: 16 }).$type<BindingTrigger>().notNull(),
    reasons: jsonb('reasons').$type<{ zh: string; en: string; factor: string }[]>().notNull(),
    status: varchar('status', { length: 16 }).$type<'open' | 'applied' | 'dismissed'>().notNull().default('open'),
    decided_by: varchar('decided_by', { length: 100 }),
    decided_at: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('sla_binding_proposals_contract_idx').on(t.tenant_id, t.contract_id, t.status),
    check('sla_binding_proposals_status_check', sql`${t.status} in ('open', 'applied', 'dismissed')`),
    foreignKey({ name: 'sla_binding_proposals_contract_fk', columns: [t.tenant_id, t.contract_id], foreignColumns: [contracts.tenant_id, contracts.id] }).onDelete('cascade'),
    foreignKey({ name: 'sla_binding_proposals_current_fk', columns: [t.tenant_id, t.current_version_id], foreignColumns: [slaVersions.tenant_id, slaVersions.id] }),
    foreignKey({ name: 'sla_binding_proposals_proposed_fk', columns: [t.tenant_id, t.proposed_version_id], foreignColumns: [slaVersions.tenant_id, slaVersions.id] }),
  ],
);

export type ContractSlaBindingRow = typeof contractSlaBindings.$inferSelect;
export type SlaBindingProposalRow = typeof slaBindingProposals.$inferSelect;
