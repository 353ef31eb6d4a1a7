import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customerContacts } from '../../customers/contacts/contacts.schema.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import type { BillingCycle } from './contract-value.ts';
import type { ContractEvent, ContractState } from './contract-lifecycle.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/** A line of the service catalogue a contract covers. */
export type CoveredService = { service_code: string; name?: string; quantity: number };
/** Metadata of a file attached to a contract (the file itself lives in the host's storage). */
export type ContractAttachment = { name: string; url?: string; size?: number; content_type?: string };

/**
 * REQ-016-002 contracts. The state machine lives in `contract-lifecycle.ts`; the database guards what
 * must hold whatever the code does: a valid period, a non-negative amount, one number per tenant, and
 * references that never leave the tenant. The columns hold the latest terms; `contract_terms` keeps every version.
 */
export const contracts = pgTable(
  'contracts',
  {
    tenant_id: tenantId(),
    id: identityId(),
    contract_no: varchar('contract_no', { length: 32 }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    kind: varchar('kind', { length: 16 }).$type<'new' | 'renewal' | 'expansion'>().notNull().default('new'),
    state: varchar('state', { length: 24 }).$type<ContractState>().notNull().default('draft'),
    /** The contract this one renews. */
    predecessor_id: bigint('predecessor_id', { mode: 'number' }),
    start_date: date('start_date', { mode: 'string' }).notNull(),
    end_date: date('end_date', { mode: 'string' }).notNull(),
    signing_date: date('signing_date', { mode: 'string' }),
    customer_signatory_id: bigint('customer_signatory_id', { mode: 'number' }),
    /** Our staff member who signs (a user id of the portal). */
    staff_signatory_id: bigint('staff_signatory_id', { mode: 'number' }),
    owner_id: bigint('owner_id', { mode: 'number' }),
    auto_renew: boolean('auto_renew').notNull().default(false),
    notice_period_days: integer('notice_period_days').notNull().default(30),
    terminated_on: date('terminated_on', { mode: 'string' }),
    termination_reason: text('termination_reason'),
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull().default('0'),
    currency: char('currency', { length: 3 }).notNull().default('CNY'),
    billing_cycle: varchar('billing_cycle', { length: 16 }).$type<BillingCycle>().notNull().default('yearly'),
    covered_services: jsonb('covered_services').$type<CoveredService[]>().notNull().default([]),
    attachments: jsonb('attachments').$type<ContractAttachment[]>().notNull().default([]),
    /** The SLA tier the contract agrees (a tier code of the catalogue); `null`: the recommendation decides. */
    sla_tier_code: varchar('sla_tier_code', { length: 32 }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('contracts_no_key').on(t.tenant_id, t.contract_no),
    index('contracts_tenant_state_end_idx').on(t.tenant_id, t.state, t.end_date),
    index('contracts_tenant_customer_idx').on(t.tenant_id, t.customer_id),
    index('contracts_tenant_predecessor_idx').on(t.tenant_id, t.predecessor_id),
    index('contracts_tenant_signatory_idx').on(t.tenant_id, t.customer_signatory_id),
    check('contracts_period_check', sql`${t.start_date} <= ${t.end_date}`),
    check('contracts_amount_check', sql`${t.amount} >= 0`),
    check('contracts_notice_check', sql`${t.notice_period_days} >= 0`),
    check('contracts_kind_check', sql`${t.kind} in ('new', 'renewal', 'expansion')`),
    check(
      'contracts_state_check',
      sql`${t.state} in ('draft', 'pending_approval', 'active', 'expiring', 'renewed', 'expired', 'terminated', 'rejected', 'cancelled')`,
    ),
    // Contracts are records of what was agreed: deleting a customer must not take them along silently.
    foreignKey({
      name: 'contracts_customer_fk',
      columns: [t.tenant_id, t.customer_id],
      foreignColumns: [customers.tenant_id, customers.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'contracts_predecessor_fk',
      columns: [t.tenant_id, t.predecessor_id],
      foreignColumns: [t.tenant_id, t.id],
    }),
    foreignKey({
      name: 'contracts_customer_signatory_fk',
      columns: [t.tenant_id, t.customer_signatory_id],
      foreignColumns: [customerContacts.tenant_id, customerContacts.id],
    }),
    foreignKey({ name: 'contracts_staff_signatory_id_fk', columns: [t.tenant_id, t.staff_signatory_id], foreignColumns: [users.tenant_id, users.id] }),
    foreignKey({ name: 'contracts_owner_id_fk', columns: [t.tenant_id, t.owner_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** Append-only history of every lifecycle event of a contract: who, when, from where to where, why. */
export const contractTransitions = pgTable(
  'contract_transitions',
  {
    tenant_id: tenantId(),
    id: identityId(),
    contract_id: bigint('contract_id', { mode: 'number' }).notNull(),
    event: varchar('event', { length: 32 }).$type<ContractEvent>().notNull(),
    from_state: varchar('from_state', { length: 24 }).$type<ContractState>().notNull(),
    to_state: varchar('to_state', { length: 24 }).$type<ContractState>().notNull(),
    /** The user who fired the event; `null` for the scheduler. */
    actor_id: varchar('actor_id', { length: 100 }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    reason: text('reason'),
    successor_id: bigint('successor_id', { mode: 'number' }),
    effective_date: date('effective_date', { mode: 'string' }),
    request_id: varchar('request_id', { length: 100 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('contract_transitions_contract_idx').on(t.tenant_id, t.contract_id, t.at),
    foreignKey({
      name: 'contract_transitions_contract_fk',
      columns: [t.tenant_id, t.contract_id],
      foreignColumns: [contracts.tenant_id, contracts.id],
    }).onDelete('cascade'),
  ],
);

/** The terms an amendment may change: what was agreed, not the period (a new period is a renewal). */
export type ContractTerms = {
  amount: string;
  currency: string;
  billing_cycle: BillingCycle;
  covered_services: CoveredService[];
  sla_tier_code: string | null;
};

/**
 * Every version of a contract's terms (变更): version 1 is written on activation, each amendment adds one
 * with the day it takes effect and closes the one before (kept, never rewritten but for `effective_to`).
 */
export const contractTerms = pgTable(
  'contract_terms',
  {
    tenant_id: tenantId(),
    contract_id: bigint('contract_id', { mode: 'number' }).notNull(),
    terms_version: integer('terms_version').notNull(),
    effective_from: date('effective_from', { mode: 'string' }).notNull(),
    /** The last day this version applies; `null` while it is the latest. */
    effective_to: date('effective_to', { mode: 'string' }),
    terms: jsonb('terms').$type<ContractTerms>().notNull(),
    reason: text('reason'),
    actor_id: varchar('actor_id', { length: 100 }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.contract_id, t.terms_version] }),
    check('contract_terms_period_check', sql`${t.effective_to} is null or ${t.effective_from} <= ${t.effective_to}`),
    foreignKey({ name: 'contract_terms_contract_fk', columns: [t.tenant_id, t.contract_id], foreignColumns: [contracts.tenant_id, contracts.id] }).onDelete('cascade'),
  ],
);

/**
 * Renewal reminders decided so far: one row per contract and offset, ever. The primary key is what makes
 * a reminder fire exactly once across restarts and replicas: the scheduler inserts first and notifies only
 * for the rows its insert created, in the same transaction.
 */
export const contractReminders = pgTable(
  'contract_reminders',
  {
    tenant_id: tenantId(),
    contract_id: bigint('contract_id', { mode: 'number' }).notNull(),
    offset_days: integer('offset_days').notNull(),
    due_date: date('due_date', { mode: 'string' }).notNull(),
    outcome: varchar('outcome', { length: 16 }).$type<'send' | 'superseded'>().notNull(),
    fired_at: timestamp('fired_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.contract_id, t.offset_days] }),
    check('contract_reminders_outcome_check', sql`${t.outcome} in ('send', 'superseded')`),
    foreignKey({ name: 'contract_reminders_contract_fk', columns: [t.tenant_id, t.contract_id], foreignColumns: [contracts.tenant_id, contracts.id] }).onDelete('cascade'),
  ],
);

export type ContractRow = typeof contracts.$inferSelect;
export type ContractTermsRow = typeof contractTerms.$inferSelect;
export type ContractTransitionRow = typeof contractTransitions.$inferSelect;
