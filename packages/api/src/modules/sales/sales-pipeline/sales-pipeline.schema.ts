import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { users } from '../../../platform/identity/users.schema.ts';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;

/**
 * A lead: someone who may become a customer. Contact channels are sealed with a blind index (duplicate check
 * against leads and contacts); conversion makes a potential customer plus an opportunity, once.
 */
export const leads = pgTable(
  'leads',
  {
    tenant_id: tenantId(),
    id: identityId(),
    company_name: varchar('company_name', { length: 200 }).notNull(),
    contact_name: varchar('contact_name', { length: 100 }),
    title: varchar('title', { length: 100 }),
    mobile_enc: text('mobile_enc'),
    mobile_bidx: varchar('mobile_bidx', { length: 64 }),
    email_enc: text('email_enc'),
    email_bidx: varchar('email_bidx', { length: 64 }),
    source: varchar('source', { length: 32 }).notNull(),
    owner_id: bigint('owner_id', { mode: 'number' }),
    status: varchar('status', { length: 16 }).notNull().default('new'),
    /** BANT qualification: budget, authority, need, timeline, with a 0–100 score. */
    qualification: jsonb('qualification').$type<Record<string, unknown>>().notNull().default({}),
    score: smallint('score'),
    industry: varchar('industry', { length: 50 }),
    region: varchar('region', { length: 50 }),
    notes: text('notes'),
    converted_customer_id: bigint('converted_customer_id', { mode: 'number' }),
    converted_opportunity_id: bigint('converted_opportunity_id', { mode: 'number' }),
    converted_at: timestamp('converted_at', { withTimezone: true, mode: 'date' }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('leads_owner_status_idx').on(t.tenant_id, t.owner_id, t.status),
    index('leads_mobile_bidx_idx').on(t.tenant_id, t.mobile_bidx),
    index('leads_email_bidx_idx').on(t.tenant_id, t.email_bidx),
    check('leads_status_check', sql`${t.status} in ('new', 'contacted', 'qualified', 'unqualified', 'converted')`),
    foreignKey({ name: 'leads_owner_id_fk', columns: [t.tenant_id, t.owner_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** A sales pipeline; one per tenant is the default. */
export const pipelines = pgTable(
  'pipelines',
  {
    tenant_id: tenantId(),
    id: identityId(),
    name: varchar('name', { length: 100 }).notNull(),
    is_default: boolean('is_default').notNull().default(false),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), uniqueIndex('pipelines_one_default').on(t.tenant_id).where(sql`${t.is_default}`)],
);

/** A stage of a pipeline, in order, with its probability (0–100) and whether it is open, won or lost. */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    tenant_id: tenantId(),
    id: identityId(),
    pipeline_id: bigint('pipeline_id', { mode: 'number' }).notNull(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    position: smallint('position').notNull(),
    probability: smallint('probability').notNull(),
    kind: varchar('kind', { length: 8 }).notNull().default('open'),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('pipeline_stages_code_key').on(t.tenant_id, t.pipeline_id, t.code),
    check('pipeline_stages_probability_check', sql`${t.probability} between 0 and 100`),
    check('pipeline_stages_kind_check', sql`${t.kind} in ('open', 'won', 'lost')`),
    foreignKey({ name: 'pipeline_stages_pipeline_fk', columns: [t.tenant_id, t.pipeline_id], foreignColumns: [pipelines.tenant_id, pipelines.id] }).onDelete('cascade'),
  ],
);

/** An opportunity: amount, expected close, next step, stage; won leads to a contract draft, lost records why. */
export const opportunities = pgTable(
  'opportunities',
  {
    tenant_id: tenantId(),
    id: identityId(),
    name: varchar('name', { length: 200 }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    lead_id: bigint('lead_id', { mode: 'number' }),
    pipeline_id: bigint('pipeline_id', { mode: 'number' }).notNull(),
    stage_id: bigint('stage_id', { mode: 'number' }).notNull(),
    status: varchar('status', { length: 8 }).notNull().default('open'),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull().default('0'),
    currency: varchar('currency', { length: 3 }).notNull().default('CNY'),
    expected_close_date: date('expected_close_date', { mode: 'string' }),
    next_step: varchar('next_step', { length: 300 }),
    owner_id: bigint('owner_id', { mode: 'number' }),
    source: varchar('source', { length: 32 }),
    lost_reason: varchar('lost_reason', { length: 300 }),
    closed_at: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    contract_id: bigint('contract_id', { mode: 'number' }),
    stage_entered_at: timestamp('stage_entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('opportunities_pipeline_stage_idx').on(t.tenant_id, t.pipeline_id, t.stage_id),
    index('opportunities_owner_status_idx').on(t.tenant_id, t.owner_id, t.status),
    index('opportunities_customer_idx').on(t.tenant_id, t.customer_id),
    check('opportunities_status_check', sql`${t.status} in ('open', 'won', 'lost')`),
    check('opportunities_amount_check', sql`${t.amount} >= 0`),
    foreignKey({ name: 'opportunities_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
    foreignKey({ name: 'opportunities_stage_fk', columns: [t.tenant_id, t.stage_id], foreignColumns: [pipelineStages.tenant_id, pipelineStages.id] }),
    foreignKey({ name: 'opportunities_owner_id_fk', columns: [t.tenant_id, t.owner_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** Every stage change of an opportunity (the funnel's conversion and velocity are read from here). */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    tenant_id: tenantId(),
    id: identityId(),
    opportunity_id: bigint('opportunity_id', { mode: 'number' }).notNull(),
    from_stage_id: bigint('from_stage_id', { mode: 'number' }),
    to_stage_id: bigint('to_stage_id', { mode: 'number' }).notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    changed_by: varchar('changed_by', { length: 100 }),
    changed_at: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('opportunity_stage_history_opportunity_idx').on(t.tenant_id, t.opportunity_id, t.changed_at),
    foreignKey({ name: 'opportunity_stage_history_opportunity_fk', columns: [t.tenant_id, t.opportunity_id], foreignColumns: [opportunities.tenant_id, opportunities.id] }).onDelete('cascade'),
  ],
);
