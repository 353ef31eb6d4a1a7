import type { z } from '@hono/zod-openapi';
import { and, desc, eq, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './tasks.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, assertUserReferences } from '../../../platform/staff-users.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { customerDirectory, findVisibleCustomer, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { notify } from '../notifications/notifications.public.ts';
import type { ChecklistInput, Task, TaskCore, TaskFilters, TaskPatch } from './tasks.contract.ts';
import { taskComments, tasks, type TaskChecklistItem, type TaskPriority, type TaskRow, type TaskStatus, type TaskType } from './tasks.schema.ts';

/**
 * The stored fields of a task as the API shows them (audit payloads; `presentTasks` adds names and counts).
 * @example toTask(row).status // 'todo'
 */
export const toTask = (row: TaskRow): TaskCore => ({
  id: row.id,
  title: row.title,
  description: row.description,
  type: row.type,
  status: row.status,
  priority: row.priority,
  assignee_id: row.assignee_id,
  due_date: row.due_date,
  customer_id: row.customer_id,
  communication_id: row.communication_id,
  complaint_id: row.complaint_id,
  contract_id: row.contract_id,
  risk_alert_id: row.risk_alert_id,
  source_key: row.source_key,
  checklist: row.checklist,
  position: row.position,
  created_by: row.created_by,
  completed_at: row.completed_at ? formatLocalDateTime(row.completed_at) : null,
  version: row.version,
  created_at: formatLocalDateTime(row.created_at),
  updated_at: formatLocalDateTime(row.updated_at),
});

/** What other work hands to `createTask`. */
export type TaskInput = {
  title: string;
  type: TaskType;
  description?: string | null;
  priority?: TaskPriority;
  assignee_id?: number | null;
  due_date?: string | null;
  customer_id?: number | null;
  communication_id?: number | null;
  communication_occurred_at?: Date | null;
  complaint_id?: number | null;
  contract_id?: number | null;
  risk_alert_id?: number | null;
  checklist?: TaskChecklistItem[];
  /** The same key always answers the same task: what makes re-saving the work that creates tasks safe. */
  source_key?: string | null;
};

/**
 * Refuses (422 `task.assignee_invalid`) an assignee who is not a member of staff of the tenant; any member of
 * staff may be given a task.
 * @example await assertAssignee(scope, input.assignee_id);
 */
export const assertAssignee = (scope: RequestScope, assigneeId: number | null | undefined): Promise<void> =>
  assertUserReferences(scope, [{ field: 'assignee_id', id: assigneeId }], 'task.assignee_invalid');

/** The assignee's in-app notice; once per task and assignee however often it is called. */
async function notifyAssignee(scope: RequestScope, task: TaskRow): Promise<void> {
  if (task.assignee_id === null) return;
  await notify(scope, {
    recipient_ids: [task.assignee_id],
    kind: 'task.assigned',
    title: { zh: `新任务：${task.title}`, en: `New task: ${task.title}` },
    body: task.due_date ? { zh: `截止日期 ${task.due_date}`, en: `Due ${task.due_date}` } : undefined,
    entity_type: 'task',
    entity_id: task.id,
    data: { task_id: task.id, customer_id: task.customer_id, communication_id: task.communication_id, due_date: task.due_date },
    dedupe_key: `task:${task.id}:assigned:${task.assignee_id}`,
  });
}

/**
 * Creates a task, or returns the existing one when its `source_key` is already taken (then nothing is
 * written). A new task with an assignee puts a `task.assigned` notification in the assignee's inbox.
 * The caller validates the assignee and the customer.
 * @example const { task, created } = await createTask(scope, { title: '发送报价单', type: 'action_item', assignee_id: 7, source_key: 'meeting:5:item:1' });
 */
export async function createTask(scope: RequestScope, input: TaskInput): Promise<{ task: TaskRow; created: boolean }> {
  const values = {
    tenant_id: scope.tenantId,
    title: input.title,
    type: input.type,
    description: input.description ?? null,
    priority: input.priority ?? 'normal',
    assignee_id: input.assignee_id ?? null,
    due_date: input.due_date ?? null,
    customer_id: input.customer_id ?? null,
    communication_id: input.communication_id ?? null,
    communication_occurred_at: input.communication_occurred_at ?? null,
    complaint_id: input.complaint_id ?? null,
    contract_id: input.contract_id ?? null,
    risk_alert_id: input.risk_alert_id ?? null,
    checklist: input.checklist ?? [],
    position: endOfColumn(scope, 'todo'),
    source_key: input.source_key ?? null,
    created_by: await actingUserId(scope),
  };
  const [inserted] = await scope.tx.insert(tasks).values(values).onConflictDoNothing({ target: [tasks.tenant_id, tasks.source_key] }).returning();
  if (!inserted) {
    const [existing] = await scope.tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.tenant_id, scope.tenantId), eq(tasks.source_key, input.source_key!)));
    return { task: existing!, created: false };
  }
  await audit(scope, { action: 'task.created', entity_type: 'task', entity_id: inserted.id, after: toTask(inserted) });
  await emitEvent(scope, { type: 'task.created', entity_type: 'task', entity_id: inserted.id, payload: { type: inserted.type, assignee_id: inserted.assignee_id, customer_id: inserted.customer_id } });
  await notifyAssignee(scope, inserted);
  return { task: inserted, created: true };
}

/** A position after every task of the column: new and moved-to-the-end tasks go last. */
export const endOfColumn = (scope: RequestScope, status: TaskStatus): SQL<number> =>
  sql<number>`(select coalesce(max(${tasks.position}), 0) + ${POSITION_STEP} from ${tasks} where ${tasks.tenant_id} = ${scope.tenantId} and ${tasks.status} = ${status})`;

/** The gap left between neighbours when a column is numbered afresh. */
export const POSITION_STEP = 1024;

/**
 * A checklist as stored, from lines (all open) or items.
 * @example normalizeChecklist(['准备报价']) // [{ text: '准备报价', done: false }]
 */
export const normalizeChecklist = (input: z.infer<typeof ChecklistInput>): TaskChecklistItem[] =>
  input.map((item) => (typeof item === 'string' ? { text: item, done: false } : { text: item.text, done: item.done }));

/**
 * Tasks with their customer and assignee names and comment counts, in the order given.
 * @example const [task] = await presentTasks(scope, [row]); task.customer?.name // '岭南物流股份有限公司'
 */
export async function presentTasks(scope: RequestScope, rows: readonly TaskRow[]): Promise<Task[]> {
  if (rows.length === 0) return [];
  const customerIds = [...new Set(rows.map((r) => r.customer_id).filter((id): id is number => id !== null))];
  const userIds = [...new Set(rows.map((r) => r.assignee_id).filter((id): id is number => id !== null))];
  const [customerRows, userRows, counts] = await Promise.all([
    customerIds.length ? scope.tx.select({ id: customerDirectory.id, name: customerDirectory.customer_name }).from(customerDirectory).where(and(eq(customerDirectory.tenant_id, scope.tenantId), inArray(customerDirectory.id, customerIds))) : [],
    userIds.length ? scope.tx.select({ id: users.id, name: users.display_name }).from(users).where(and(eq(users.tenant_id, scope.tenantId), inArray(users.id, userIds))) : [],
    scope.tx
      .select({ task_id: taskComments.task_id, n: sql<number>`count(*)::int` })
      .from(taskComments)
      .where(and(eq(taskComments.tenant_id, scope.tenantId), inArray(taskComments.task_id, rows.map((r) => r.id))))
      .groupBy(taskComments.task_id),
  ]);
  const customerName = new Map(customerRows.map((c) => [c.id, c.name]));
  const userName = new Map(userRows.map((u) => [u.id, u.name]));
  const commentCount = new Map(counts.map((c) => [c.task_id, Number(c.n)]));
  return rows.map((row) => ({
    ...toTask(row),
    comment_count: commentCount.get(row.id) ?? 0,
    customer: row.customer_id === null ? null : { id: row.customer_id, name: customerName.get(row.customer_id) ?? '' },
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: userName.get(row.assignee_id) ?? '' },
  }));
}

/**
 * One task with names and counts.
 * @example const task = await presentTask(scope, row);
 */
export const presentTask = async (scope: RequestScope, row: TaskRow): Promise<Task> => (await presentTasks(scope, [row]))[0]!;

/** Tasks without a customer, or of a customer the caller may see. */
export function visibleTasks(scope: RequestScope): SQL {
  const visible = scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(visibleCustomers(scope, customerDirectory));
  return and(eq(tasks.tenant_id, scope.tenantId), or(isNull(tasks.customer_id), inArray(tasks.customer_id, visible)))!;
}

/**
 * One task the caller may see; 404 otherwise.
 * @example const row = await getTask(scope, 12);
 */
export async function getTask(scope: RequestScope, id: number): Promise<TaskRow> {
  const [row] = await scope.tx.select().from(tasks).where(and(visibleTasks(scope), eq(tasks.id, id)));
  if (!row) throw new ApiError('task.not_found', { id });
  return row;
}

/**
 * A page of tasks, newest first, keyset-paginated on id.
 * @example await listTasks(scope, { assignee: 'me', status: 'todo' }, { limit: 20 })
 */
export async function listTasks(scope: RequestScope, filters: TaskFilters, page: { limit: number; cursor?: string }) {
  const where = await taskFilterWhere(scope, filters);
  const after = decodeCursor(page.cursor);
  if (after) where.push(lt(tasks.id, after.id));
  const rows = await scope.tx
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(desc(tasks.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: await presentTasks(scope, items), next_cursor: rows.length > page.limit && last ? encodeCursor({ value: null, id: last.id }) : null };
}

/**
 * The conditions of the list and board filters (visibility first). `team` is every task the caller may see.
 * @example await taskFilterWhere(scope, { assignee: 'me', overdue: 'true' })
 */
export async function taskFilterWhere(scope: RequestScope, filters: TaskFilters, now = new Date()): Promise<SQL[]> {
  const where: SQL[] = [visibleTasks(scope)];
  if (filters.assignee === 'me') {
    if (scope.principal.userId === null) throw new ApiError('request.invalid', { assignee: 'me needs a signed-in user' });
    where.push(eq(tasks.assignee_id, scope.principal.userId));
  } else if (filters.assignee && filters.assignee !== 'team') where.push(eq(tasks.assignee_id, Number(filters.assignee)));
  if (filters.customer_id !== undefined) {
    await findVisibleCustomer(scope, filters.customer_id);
    where.push(eq(tasks.customer_id, filters.customer_id));
  }
  if (filters.status) where.push(eq(tasks.status, filters.status));
  if (filters.type) where.push(eq(tasks.type, filters.type));
  if (filters.overdue === 'true') where.push(lt(tasks.due_date, businessDate(now)), ne(tasks.status, 'done'));
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern))!);
  }
  return where;
}

/**
 * Changes a task if its version is still the one the caller read (`null` = any). `completed_at` follows
 * the status; a new assignee is notified.
 * @example await updateTask(scope, 12, 3, { status: 'done' })
 */
export async function updateTask(scope: RequestScope, id: number, expected: number | null, patch: TaskPatch): Promise<TaskRow> {
  const before = await getTask(scope, id);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  if (patch.assignee_id !== before.assignee_id) await assertAssignee(scope, patch.assignee_id);
  const status = patch.status ?? before.status;
  const { checklist, ...fields } = patch;
  const [row] = await scope.tx
    .update(tasks)
    .set({
      ...fields,
      ...(checklist ? { checklist: normalizeChecklist(checklist) } : {}),
      // A task that changes column through PATCH goes to the end of its new column.
      ...(status !== before.status ? { position: endOfColumn(scope, status) } : {}),
      completed_at: completedAtFor(before, status),
      version: before.version + 1,
      updated_at: new Date(),
    })
    .where(and(eq(tasks.tenant_id, scope.tenantId), eq(tasks.id, id), eq(tasks.version, before.version)))
    .returning();
  if (!row) throw new ApiError('precondition.failed', { reason: 'changed concurrently' });
  await audit(scope, { action: 'task.updated', entity_type: 'task', entity_id: id, before: toTask(before), after: toTask(row) });
  await emitEvent(scope, { type: 'task.updated', entity_type: 'task', entity_id: id, payload: { status: row.status, assignee_id: row.assignee_id, customer_id: row.customer_id } });
  if (row.assignee_id !== before.assignee_id) await notifyAssignee(scope, row);
  return row;
}

/**
 * `completed_at` after a change of status: set on entering `done`, kept while there, cleared on leaving.
 * @example completedAtFor(row, 'done') // a Date
 */
export const completedAtFor = (before: Pick<TaskRow, 'status' | 'completed_at'>, status: TaskStatus): Date | null =>
  status === 'done' ? (before.status === 'done' ? before.completed_at : new Date()) : null;
