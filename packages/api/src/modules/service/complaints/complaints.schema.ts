import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/** Where a complaint came from. */
export const COMPLAINT_SOURCES = ['staff', 'portal', 'ticket'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/**
 * The seven steps of REQ-016 §5's complaint flow as states: submitted, classified and assigned happen on
 * submission (`open`); the assignee acknowledges; investigates (cause, scope, notes); resolves (solution,
 * measures); the customer confirms or rejects; closing records the lessons learned.
 */
export const COMPLAINT_STATUSES = ['open', 'acknowledged', 'investigating', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The deadlines a complaint can miss, each escalating on its own. */
export const COMPLAINT_DEADLINES = ['acknowledge', 'resolve'] as const;
export type ComplaintDeadline = (typeof COMPLAINT_DEADLINES)[number];

export const complaints = pgTable(
  'complaints',
  {
    tenant_id: tenantId(),
    id: identityId(),
    complaint_no: varchar('complaint_no', { length: 32 }).notNull(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    contact_id: bigint('contact_id', { mode: 'number' }),
    source: varchar('source', { length: 16 }).$type<ComplaintSource>().notNull(),
    /** The ticket it was raised from (service record id and its partition key). */
    service_record_id: bigint('service_record_id', { mode: 'number' }),
    service_record_opened_at: timestamp('service_record_opened_at', { withTimezone: true, mode: 'date' }),
    submitted_by: bigint('submitted_by', { mode: 'number' }),
    title: varchar('title', { length: 300 }).notNull(),
    description: text('description').notNull(),
    /** The classifier's answer (labels, confidences, drivers, model version), kept as it was given. */
    classification: jsonb('classification').$type<Record<string, unknown>>().notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    severity: varchar('severity', { length: 16 }).notNull(),
    sentiment: varchar('sentiment', { length: 16 }).notNull(),
    /** Set when staff corrected a label; the correction also lands in `complaint_classifier_corrections`. */
    corrected_by: bigint('corrected_by', { mode: 'number' }),
    priority: varchar('priority', { length: 2 }).notNull(),
    status: varchar('status', { length: 16 }).$type<ComplaintStatus>().notNull().default('open'),
    assignee_id: bigint('assignee_id', { mode: 'number' }),
    /** A queue when no manager could be assigned (`complaints`, or a team's queue). */
    queue: varchar('queue', { length: 64 }),
    acknowledge_due_at: timestamp('acknowledge_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolve_due_at: timestamp('resolve_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    acknowledged_at: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    resolved_at: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    closed_at: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    cause: text('cause'),
    impact_scope: text('impact_scope'),
    solution: text('solution'),
    improvement_measures: text('improvement_measures'),
    customer_confirmation: varchar('customer_confirmation', { length: 16 }).$type<'accepted' | 'rejected'>(),
    customer_feedback: text('customer_feedback'),
    customer_satisfaction: smallint('customer_satisfaction'),
    lessons_learned: text('lessons_learned'),
    /** The highest escalation level reached so far (0: none). */
    escalation_level: smallint('escalation_level').notNull().default(0),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('complaints_no_key').on(t.tenant_id, t.complaint_no),
    index('complaints_customer_idx').on(t.tenant_id, t.customer_id, t.created_at),
    index('complaints_open_ack_idx').on(t.tenant_id, t.acknowledge_due_at).where(sql`${t.status} = 'open'`),
    index('complaints_unresolved_idx').on(t.tenant_id, t.resolve_due_at).where(sql`${t.status} in ('open', 'acknowledged', 'investigating')`),
    index('complaints_assignee_idx').on(t.tenant_id, t.assignee_id, t.status),
    index('complaints_lessons_trgm_idx').using('gin', sql`${t.lessons_learned} gin_trgm_ops`),
    check('complaints_source_check', sql`${t.source} in ('staff', 'portal', 'ticket')`),
    check('complaints_status_check', sql`${t.status} in ('open', 'acknowledged', 'investigating', 'resolved', 'closed')`),
    check('complaints_priority_check', sql`${t.priority} in ('P1', 'P2', 'P3', 'P4')`),
    check('complaints_satisfaction_check', sql`${t.customer_satisfaction} is null or ${t.customer_satisfaction} between 1 and 5`),
    check('complaints_confirmation_check', sql`${t.customer_confirmation} is null or ${t.customer_confirmation} in ('accepted', 'rejected')`),
    foreignKey({ name: 'complaints_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
    foreignKey({ name: 'complaints_assignee_id_fk', columns: [t.tenant_id, t.assignee_id], foreignColumns: [users.tenant_id, users.id] }),
    foreignKey({ name: 'complaints_submitted_by_fk', columns: [t.tenant_id, t.submitted_by], foreignColumns: [users.tenant_id, users.id] }),
    foreignKey({ name: 'complaints_corrected_by_fk', columns: [t.tenant_id, t.corrected_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** Every step of a complaint's handling, in order: who did what, with the note they left. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    tenant_id: tenantId(),
    id: identityId(),
    complaint_id: bigint('complaint_id', { mode: 'number' }).notNull(),
    /** `submitted`, `classified`, `assigned`, `acknowledged`, `note`, `investigated`, `resolved`, `confirmed`, `rejected`, `closed`, `escalated`, `reclassified`. */
    event: varchar('event', { length: 32 }).notNull(),
    from_status: varchar('from_status', { length: 16 }),
    to_status: varchar('to_status', { length: 16 }),
    /** The user, or null for the system (classifier, escalation timer). */
    actor_id: bigint('actor_id', { mode: 'number' }),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('complaint_events_complaint_idx').on(t.tenant_id, t.complaint_id, t.id),
    foreignKey({ name: 'complaint_events_complaint_fk', columns: [t.tenant_id, t.complaint_id], foreignColumns: [complaints.tenant_id, complaints.id] }).onDelete('cascade'),
    foreignKey({ name: 'complaint_events_actor_id_fk', columns: [t.tenant_id, t.actor_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/**
 * One row per complaint, deadline and level reached. The primary key is what makes an escalation happen
 * exactly once across timer runs, restarts and replicas: only the run whose insert created the row notifies.
 */
export const complaintEscalations = pgTable(
  'complaint_escalations',
  {
    tenant_id: tenantId(),
    complaint_id: bigint('complaint_id', { mode: 'number' }).notNull(),
    deadline: varchar('deadline', { length: 16 }).$type<ComplaintDeadline>().notNull(),
    level: smallint('level').notNull(),
    /** The level's name in the chain (`manager`, `director`, `executive`) and who was told. */
    level_name: varchar('level_name', { length: 32 }).notNull(),
    notified_user_ids: bigint('notified_user_ids', { mode: 'number' }).array().notNull(),
    escalated_at: timestamp('escalated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.complaint_id, t.deadline, t.level] }),
    check('complaint_escalations_deadline_check', sql`${t.deadline} in ('acknowledge', 'resolve')`),
    foreignKey({ name: 'complaint_escalations_complaint_fk', columns: [t.tenant_id, t.complaint_id], foreignColumns: [complaints.tenant_id, complaints.id] }).onDelete('cascade'),
  ],
);

/** A level of the escalation chain: who hears, and how long after the missed deadline. */
export type EscalationLevel = {
  name: string;
  /** Minutes after the deadline at which this level is reached (the first level usually 0). */
  after_minutes: number;
  /** `customer_manager`: the customer's manager; otherwise the listed users. */
  notify: 'customer_manager' | 'users';
  user_ids?: number[];
};

/** A tenant's escalation chain (manager → director → executive by default) and its complaint deadlines. */
export const complaintPolicies = pgTable('complaint_policies', {
  tenant_id: tenantId().primaryKey(),
  chain: jsonb('chain').$type<EscalationLevel[]>().notNull(),
  /** Minutes to acknowledge and to resolve, per priority P1–P4. */
  deadlines: jsonb('deadlines').$type<Record<'P1' | 'P2' | 'P3' | 'P4', { acknowledge_minutes: number; resolve_minutes: number }>>().notNull(),
  version: rowVersion(),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A staff correction of the classifier: the text and the right labels, used to retrain the tenant's model. */
export const complaintClassifierCorrections = pgTable(
  'complaint_classifier_corrections',
  {
    tenant_id: tenantId(),
    id: identityId(),
    complaint_id: bigint('complaint_id', { mode: 'number' }).notNull(),
    text: text('text').notNull(),
    category: varchar('category', { length: 32 }),
    severity: varchar('severity', { length: 16 }),
    sentiment: varchar('sentiment', { length: 16 }),
    /** What the classifier had said. */
    predicted: jsonb('predicted').$type<Record<string, unknown>>().notNull(),
    /** Who corrected it; null for an integration or a user that is no longer known. */
    corrected_by: bigint('corrected_by', { mode: 'number' }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('complaint_corrections_complaint_idx').on(t.tenant_id, t.complaint_id),
    foreignKey({ name: 'complaint_corrections_complaint_fk', columns: [t.tenant_id, t.complaint_id], foreignColumns: [complaints.tenant_id, complaints.id] }).onDelete('cascade'),
    foreignKey({ name: 'complaint_classifier_corrections_corrected_by_fk', columns: [t.tenant_id, t.corrected_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintEventRow = typeof complaintEvents.$inferSelect;
