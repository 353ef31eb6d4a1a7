import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { users } from '../../../platform/identity/users.schema.ts';

export const SURVEY_TEMPLATE_STATUSES = ['draft', 'active', 'archived'] as const;
export const SURVEY_CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'closed'] as const;
export const SURVEY_CHANNELS = ['email', 'portal', 'widget'] as const;
export const SURVEY_INVITATION_STATUSES = ['pending', 'sent', 'responded', 'expired', 'throttled'] as const;
export const IMPROVEMENT_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

/** A survey template: its questions are one typed union (NPS, CSAT, CES, rating, choices, text) kept as JSON. */
export const surveyTemplates = pgTable(
  'survey_templates',
  {
    tenant_id: tenantId(),
    id: identityId(),
    name: varchar('name', { length: 200 }).notNull(),
    description: text('description'),
    questions: jsonb('questions').$type<Record<string, unknown>[]>().notNull(),
    status: varchar('status', { length: 16 }).notNull().default('draft'),
    created_by: bigint('created_by', { mode: 'number' }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    check('survey_templates_status_check', sql`${t.status} in ('draft', 'active', 'archived')`),
    foreignKey({ name: 'survey_templates_created_by_fk', columns: [t.tenant_id, t.created_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** A campaign: whom (`target`), when (`starts_at`, reminders), how (`channel`) and how often a contact may be asked (`throttle_days`). */
export const surveyCampaigns = pgTable(
  'survey_campaigns',
  {
    tenant_id: tenantId(),
    id: identityId(),
    template_id: bigint('template_id', { mode: 'number' }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    target: jsonb('target').$type<Record<string, unknown>>().notNull(),
    channel: varchar('channel', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('draft'),
    starts_at: timestamp('starts_at', { withTimezone: true, mode: 'date' }),
    ends_at: timestamp('ends_at', { withTimezone: true, mode: 'date' }),
    reminder_days: jsonb('reminder_days').$type<number[]>().notNull().default([]),
    throttle_days: integer('throttle_days').notNull().default(30),
    token_ttl_days: integer('token_ttl_days').notNull().default(14),
    created_by: bigint('created_by', { mode: 'number' }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    check('survey_campaigns_status_check', sql`${t.status} in ('draft', 'scheduled', 'running', 'closed')`),
    check('survey_campaigns_channel_check', sql`${t.channel} in ('email', 'portal', 'widget')`),
    foreignKey({ name: 'survey_campaigns_template_fk', columns: [t.tenant_id, t.template_id], foreignColumns: [surveyTemplates.tenant_id, surveyTemplates.id] }),
    foreignKey({ name: 'survey_campaigns_created_by_fk', columns: [t.tenant_id, t.created_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/**
 * One invitation of a customer (and contact) to a campaign. The link's token is random (32 bytes) and only its
 * SHA-256 is stored; single use, expiring. Unique per campaign, customer and contact, so sending twice invites once.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    tenant_id: tenantId(),
    id: identityId(),
    campaign_id: bigint('campaign_id', { mode: 'number' }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    contact_id: bigint('contact_id', { mode: 'number' }),
    token_hash: varchar('token_hash', { length: 64 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('pending'),
    expires_at: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    sent_at: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    reminders_sent: smallint('reminders_sent').notNull().default(0),
    last_reminded_at: timestamp('last_reminded_at', { withTimezone: true, mode: 'date' }),
    responded_at: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('survey_invitations_token_key').on(t.token_hash),
    uniqueIndex('survey_invitations_target_key').on(t.tenant_id, t.campaign_id, t.customer_id, sql`coalesce(${t.contact_id}, 0)`),
    index('survey_invitations_contact_idx').on(t.tenant_id, t.contact_id, t.sent_at),
    index('survey_invitations_customer_idx').on(t.tenant_id, t.customer_id, t.sent_at),
    check('survey_invitations_status_check', sql`${t.status} in ('pending', 'sent', 'responded', 'expired', 'throttled')`),
    foreignKey({ name: 'survey_invitations_campaign_fk', columns: [t.tenant_id, t.campaign_id], foreignColumns: [surveyCampaigns.tenant_id, surveyCampaigns.id] }).onDelete('cascade'),
    foreignKey({ name: 'survey_invitations_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

/**
 * A response, partial until `complete`. Scores are lifted out of the answers for the results (NPS 0–10, CSAT
 * 1–5, CES 1–7); free text gets its sentiment and themes.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    tenant_id: tenantId(),
    id: identityId(),
    campaign_id: bigint('campaign_id', { mode: 'number' }).notNull(),
    invitation_id: bigint('invitation_id', { mode: 'number' }),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    contact_id: bigint('contact_id', { mode: 'number' }),
    portal_user_id: bigint('portal_user_id', { mode: 'number' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    complete: boolean('complete').notNull().default(false),
    nps: smallint('nps'),
    csat: numeric('csat', { precision: 4, scale: 2 }),
    ces: numeric('ces', { precision: 4, scale: 2 }),
    sentiment: varchar('sentiment', { length: 16 }),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    submitted_at: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('survey_responses_invitation_key').on(t.tenant_id, t.invitation_id),
    index('survey_responses_campaign_idx').on(t.tenant_id, t.campaign_id, t.submitted_at),
    index('survey_responses_customer_idx').on(t.tenant_id, t.customer_id, t.submitted_at),
    check('survey_responses_nps_check', sql`${t.nps} is null or ${t.nps} between 0 and 10`),
    foreignKey({ name: 'survey_responses_campaign_fk', columns: [t.tenant_id, t.campaign_id], foreignColumns: [surveyCampaigns.tenant_id, surveyCampaigns.id] }).onDelete('cascade'),
    foreignKey({ name: 'survey_responses_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
    foreignKey({ name: 'survey_responses_portal_user_id_fk', columns: [t.tenant_id, t.portal_user_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** An improvement action taken on feedback: owner, due date, status, and the responses that caused it. */
export const improvementActions = pgTable(
  'improvement_actions',
  {
    tenant_id: tenantId(),
    id: identityId(),
    title: varchar('title', { length: 300 }).notNull(),
    description: text('description'),
    owner_id: bigint('owner_id', { mode: 'number' }),
    due_date: varchar('due_date', { length: 10 }),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    customer_id: bigint('customer_id', { mode: 'number' }),
    campaign_id: bigint('campaign_id', { mode: 'number' }),
    response_ids: bigint('response_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    completed_at: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    created_by: bigint('created_by', { mode: 'number' }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('improvement_actions_customer_idx').on(t.tenant_id, t.customer_id),
    check('improvement_actions_status_check', sql`${t.status} in ('open', 'in_progress', 'done', 'cancelled')`),
    foreignKey({ name: 'improvement_actions_owner_id_fk', columns: [t.tenant_id, t.owner_id], foreignColumns: [users.tenant_id, users.id] }),
    foreignKey({ name: 'improvement_actions_created_by_fk', columns: [t.tenant_id, t.created_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);
