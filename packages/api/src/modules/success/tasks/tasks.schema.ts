import { sql } from 'drizzle-orm';
import { bigint, check, date, doublePrecision, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { TASK_PRIORITIES, type TaskPriority } from './task-priorities.ts';

/** What a task is for; the customer-success board (issue 5) groups and templates by it. */
export const TASK_TYPES = ['action_item', 'care_call', 'qbr', 'renewal_preparation', 'onboarding_step', 'risk_mitigation', 'complaint_follow_up', 'care_plan', 'expansion'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** The board's columns. */
export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

// The module's own files still name priorities through the schema; other modules use task-priorities.ts.
export { TASK_PRIORITIES, type TaskPriority };

export type TaskChecklistItem = { text: string; done: boolean };

/**
 * Work a member of staff owes a customer: a meeting's action items, complaint follow-ups, and the
 * customer-success tasks. A task reaches the records it concerns through its link columns (customer,
 * meeting, complaint, contract). `source_key` makes tasks that other work creates idempotent.
 */
export const tasks = pgTable(
  'tasks',
  {
    tenant_id: tenantId(),
    id: identityId(),
    title: varchar('title', { length: 300 }).notNull(),
    description: text('description'),
    type: varchar('type', { length: 32 }).$type<TaskType>().notNull(),
    status: varchar('status', { length: 16 }).$type<TaskStatus>().notNull().default('todo'),
    priority: varchar('priority', { length: 16 }).$type<TaskPriority>().notNull().default('normal'),
    assignee_id: bigint('assignee_id', { mode: 'number' }),
    due_date: date('due_date', { mode: 'string' }),
    customer_id: bigint('customer_id', { mode: 'number' }),
    /** The meeting an action item comes from (id and partition key of `communications`). */
    communication_id: bigint('communication_id', { mode: 'number' }),
    communication_occurred_at: timestamp('communication_occurred_at', { withTimezone: true, mode: 'date' }),
    complaint_id: bigint('complaint_id', { mode: 'number' }),
    contract_id: bigint('contract_id', { mode: 'number' }),
    risk_alert_id: bigint('risk_alert_id', { mode: 'number' }),
    /** Order within a board column; a move takes a value between its neighbours. */
    position: doublePrecision('position').notNull().default(0),
    checklist: jsonb('checklist').$type<TaskChecklistItem[]>().notNull().default([]),
    source_key: varchar('source_key', { length: 200 }),
    created_by: bigint('created_by', { mode: 'number' }),
    completed_at: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('tasks_source_key').on(t.tenant_id, t.source_key),
    index('tasks_assignee_status_idx').on(t.tenant_id, t.assignee_id, t.status, t.position),
    index('tasks_customer_idx').on(t.tenant_id, t.customer_id),
    index('tasks_complaint_idx').on(t.tenant_id, t.complaint_id),
    check('tasks_type_check', sql`${t.type} in ('action_item', 'care_call', 'qbr', 'renewal_preparation', 'onboarding_step', 'risk_mitigation', 'complaint_follow_up', 'care_plan', 'expansion')`),
    check('tasks_status_check', sql`${t.status} in ('todo', 'in_progress', 'blocked', 'done')`),
    check('tasks_priority_check', sql`${t.priority} in ('low', 'normal', 'high', 'urgent')`),
    foreignKey({ name: 'tasks_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
    foreignKey({ name: 'tasks_assignee_id_fk', columns: [t.tenant_id, t.assignee_id], foreignColumns: [users.tenant_id, users.id] }),
    foreignKey({ name: 'tasks_created_by_fk', columns: [t.tenant_id, t.created_by], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;

/** Comments on a task, oldest first. */
export const taskComments = pgTable(
  'task_comments',
  {
    tenant_id: tenantId(),
    id: identityId(),
    task_id: bigint('task_id', { mode: 'number' }).notNull(),
    author_id: bigint('author_id', { mode: 'number' }),
    body: text('body').notNull(),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    index('task_comments_task_idx').on(t.tenant_id, t.task_id, t.id),
    foreignKey({ name: 'task_comments_task_fk', columns: [t.tenant_id, t.task_id], foreignColumns: [tasks.tenant_id, tasks.id] }).onDelete('cascade'),
    foreignKey({ name: 'task_comments_author_id_fk', columns: [t.tenant_id, t.author_id], foreignColumns: [users.tenant_id, users.id] }),
  ],
);

/** One task a playbook creates: due `due_in_days` after the playbook runs. */
export type PlaybookTaskTemplate = { title: string; type: TaskType; priority: TaskPriority; due_in_days: number; checklist: string[]; description?: string };

/** A playbook: a named set of task templates (risk mitigation, renewal preparation, onboarding, …). */
export const playbooks = pgTable(
  'playbooks',
  {
    tenant_id: tenantId(),
    id: identityId(),
    code: varchar('code', { length: 64 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    description: text('description'),
    tasks: jsonb('tasks').$type<PlaybookTaskTemplate[]>().notNull(),
    version: rowVersion(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), uniqueIndex('playbooks_code_key').on(t.tenant_id, t.code)],
);

export type TaskCommentRow = typeof taskComments.$inferSelect;
export type PlaybookRow = typeof playbooks.$inferSelect;
