import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './tasks.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { complaintCustomerIds } from '../../service/complaints/complaints.public.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.public.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { riskAlertCustomerIds } from '../risk-alerts/risk-alerts.public.ts';
import type { TaskMove } from './task-board.contract.ts';
import type { Task, TaskBoard, TaskCreate, TaskFilters } from './tasks.contract.ts';
import { TASK_STATUSES, tasks, type TaskRow, type TaskStatus } from './tasks.schema.ts';
import { assertAssignee, completedAtFor, createTask, getTask, normalizeChecklist, POSITION_STEP, presentTasks, taskFilterWhere, toTask } from './tasks.service.ts';

const COLUMN_LIMIT = 500;
const DONE_LIMIT = 50;

/** The customer of each of these contracts of the tenant, read from the contracts' read model. */
async function contractCustomerIds(scope: RequestScope, contractIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await scope.tx
    .select({ id: contractDirectory.id, customer_id: contractDirectory.customer_id })
    .from(contractDirectory)
    .where(and(eq(contractDirectory.tenant_id, scope.tenantId), inArray(contractDirectory.id, [...contractIds])));
  return new Map(rows.map((row) => [row.id, row.customer_id]));
}

/** Checks that linked records exist in the tenant and concern the task's customer (422 otherwise). */
export async function assertTaskLinks(scope: RequestScope, customerId: number | null, links: { complaint_id?: number | null; contract_id?: number | null; risk_alert_id?: number | null }): Promise<void> {
  // Each linked record's owner says whose it is: complaints and risk alerts through their modules, contracts through the read model.
  const checks = [
    { key: 'complaint_id', id: links.complaint_id, customersOf: complaintCustomerIds },
    { key: 'contract_id', id: links.contract_id, customersOf: contractCustomerIds },
    { key: 'risk_alert_id', id: links.risk_alert_id, customersOf: riskAlertCustomerIds },
  ] as const;
  for (const { key, id, customersOf } of checks) {
    if (id === undefined || id === null) continue;
    const owner = (await customersOf(scope, [id])).get(id);
    if (owner === undefined || (customerId !== null && owner !== customerId)) throw new ApiError('task.link_invalid', { [key]: id });
  }
}

/**
 * Creates a task from the board's form: validates customer (visible, else 404), assignee (staff, else 422)
 * and links before anything is written.
 * @example const row = await createBoardTask(scope, { title: '流失风险电话关怀', type: 'care_call', customer_id: 12 });
 */
export async function createBoardTask(scope: RequestScope, input: TaskCreate): Promise<TaskRow> {
  const customerId = input.customer_id ?? null;
  if (customerId !== null) await findVisibleCustomer(scope, customerId);
  await assertAssignee(scope, input.assignee_id);
  await assertTaskLinks(scope, customerId, input);
  const { task } = await createTask(scope, { ...input, checklist: input.checklist ? normalizeChecklist(input.checklist) : [] });
  return task;
}

/**
 * The board: the four columns by position (done: the most recently completed) and each column's count.
 * @example const board = await taskBoard(scope, { assignee: 'me' }); board.counts.todo // 3
 */
export async function taskBoard(scope: RequestScope, filters: TaskFilters): Promise<TaskBoard> {
  const where = await taskFilterWhere(scope, { ...filters, status: undefined });
  const open = TASK_STATUSES.filter((s) => s !== 'done');
  const [countRows, doneRows, ...openRows] = await Promise.all([
    scope.tx.select({ status: tasks.status, n: sql<number>`count(*)::int` }).from(tasks).where(and(...where)).groupBy(tasks.status),
    scope.tx.select().from(tasks).where(and(...where, eq(tasks.status, 'done'))).orderBy(sql`${tasks.completed_at} desc nulls last`, desc(tasks.id)).limit(DONE_LIMIT),
    ...open.map((status) => scope.tx.select().from(tasks).where(and(...where, eq(tasks.status, status))).orderBy(asc(tasks.position), asc(tasks.id)).limit(COLUMN_LIMIT)),
  ]);
  const wanted = (status: TaskStatus) => filters.status === undefined || filters.status === status;
  const byStatus = new Map<TaskStatus, TaskRow[]>(open.map((status, i) => [status, wanted(status) ? openRows[i]! : []]));
  byStatus.set('done', wanted('done') ? [...doneRows].sort((a, b) => a.position - b.position || a.id - b.id) : []);
  const presented = await presentTasks(scope, [...byStatus.values()].flat());
  const byId = new Map(presented.map((t) => [t.id, t]));
  const column = (status: TaskStatus): Task[] => byStatus.get(status)!.map((r) => byId.get(r.id)!);
  const count = (status: TaskStatus) => (wanted(status) ? Number(countRows.find((r) => r.status === status)?.n ?? 0) : 0);
  return {
    columns: { todo: column('todo'), in_progress: column('in_progress'), blocked: column('blocked'), done: column('done') },
    counts: { todo: count('todo'), in_progress: count('in_progress'), blocked: count('blocked'), done: count('done') },
  };
}

type Slot = { id: number; position: number };

/**
 * Where a task lands between `lo` and `hi` (either may be missing), or `null` when the gap is too small
 * for a midpoint that stays strictly between them.
 * @example positionBetween(1024, 2048) // 1536
 */
export function positionBetween(lo: number | undefined, hi: number | undefined): number | null {
  if (lo === undefined && hi === undefined) return POSITION_STEP;
  if (hi === undefined) return lo! + POSITION_STEP;
  if (lo === undefined) return hi - POSITION_STEP;
  const mid = (lo + hi) / 2;
  // Doubles run out of room after ~50 halvings; renumber well before.
  return hi - lo > 1e-6 && mid > lo && mid < hi ? mid : null;
}

/** The neighbours' positions in `column` (ordered, without the task moved); 409 when one is not there. */
function gapOf(column: readonly Slot[], move: TaskMove): { lo?: number; hi?: number } {
  const indexOf = (id: number) => {
    const i = column.findIndex((slot) => slot.id === id);
    if (i < 0) throw new ApiError('task.neighbour_invalid', { neighbour_id: id, status: move.status });
    return i;
  };
  const above = move.before_id ? indexOf(move.before_id) : undefined;
  const below = move.after_id ? indexOf(move.after_id) : undefined;
  if (above !== undefined && below !== undefined) {
    const [a, b] = [column[above]!.position, column[below]!.position];
    return { lo: Math.min(a, b), hi: Math.max(a, b) };
  }
  if (above !== undefined) return { lo: column[above]!.position, hi: column[above + 1]?.position };
  if (below !== undefined) return { lo: column[below - 1]?.position, hi: column[below]!.position };
  return { lo: column[column.length - 1]?.position };
}

/**
 * Moves a task into a column between two neighbours, if its version is still the one the caller read
 * (`null` = any). Renumbers the column (steps of 1024, order kept) when the neighbours sit too close.
 * @example await moveTask(scope, 12, 3, { status: 'in_progress', before_id: 7, after_id: 9 })
 */
export async function moveTask(scope: RequestScope, id: number, expected: number | null, move: TaskMove): Promise<TaskRow> {
  const before = await getTask(scope, id);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  if (move.before_id === id || move.after_id === id) throw new ApiError('task.neighbour_invalid', { neighbour_id: id, reason: 'self' });
  const columnOf = () =>
    scope.tx
      .select({ id: tasks.id, position: tasks.position })
      .from(tasks)
      .where(and(eq(tasks.tenant_id, scope.tenantId), eq(tasks.status, move.status), ne(tasks.id, id)))
      .orderBy(asc(tasks.position), asc(tasks.id));
  let column = await columnOf();
  let gap = gapOf(column, move);
  let position = positionBetween(gap.lo, gap.hi);
  if (position === null) {
    // Renumbering only spreads the column out: the order and the tasks' versions stay as they were.
    await scope.tx.execute(sql`
      update ${tasks} t set position = r.rn * ${POSITION_STEP}
      from (select id, row_number() over (order by position, id) as rn from ${tasks} where tenant_id = ${scope.tenantId} and status = ${move.status} and id <> ${id}) r
      where t.tenant_id = ${scope.tenantId} and t.id = r.id`);
    column = await columnOf();
    gap = gapOf(column, move);
    position = positionBetween(gap.lo, gap.hi)!;
  }
  const [row] = await scope.tx
    .update(tasks)
    .set({ status: move.status, position, completed_at: completedAtFor(before, move.status), version: before.version + 1, updated_at: new Date() })
    .where(and(eq(tasks.tenant_id, scope.tenantId), eq(tasks.id, id), eq(tasks.version, before.version)))
    .returning();
  if (!row) throw new ApiError('precondition.failed', { reason: 'changed concurrently' });
  await audit(scope, { action: 'task.moved', entity_type: 'task', entity_id: id, before: toTask(before), after: toTask(row) });
  if (row.status !== before.status) {
    await emitEvent(scope, { type: 'task.updated', entity_type: 'task', entity_id: id, payload: { status: row.status, assignee_id: row.assignee_id, customer_id: row.customer_id } });
  }
  return row;
}
