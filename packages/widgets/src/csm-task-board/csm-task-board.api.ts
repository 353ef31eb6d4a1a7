import { CrmError } from '@crm/sdk';
import type { CrmWidgetConfig } from '../config/config.js';
import { taskEtag, type BoardColumn, type BoardColumns, type BoardCounts, type BoardTask, type TaskPriority, type TaskType } from './csm-task-board.format.js';
import type { CsmTaskBoardMessages } from './csm-task-board.messages.js';

/** What the board shows: the columns, their full counts, and who "me" is (for "assign to me"). */
export type BoardData = { columns: BoardColumns; counts: BoardCounts; me: { id: number | null } };

/** The board's filters, as `GET /api/v1/tasks?view=board` takes them. */
export type BoardQuery = { assignee: 'me' | 'team'; customerId: number | null; overdue: boolean };

/** Raised when no `<crm-provider>` or `configure()` gave the board a client. */
export { NotConfiguredError } from '../config/load-failure.js';

/**
 * The `customer_id` filter from the attribute: none when empty. Ids are positive integers, so anything else cannot
 * name a customer: say so as the API would, without asking it.
 */
export function customerFilter(customerId: string): number | null {
  if (!customerId) return null;
  const id = Number(customerId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new CrmError({ status: 404, code: 'customer.not_found', message: `customer-id="${customerId}"` });
  return id;
}

/** The board and the caller, in parallel. */
export async function loadBoard(config: CrmWidgetConfig, query: BoardQuery, signal?: AbortSignal): Promise<BoardData> {
  const [board, me] = await Promise.all([
    config.client.GET('/api/v1/tasks', {
      params: {
        query: {
          view: 'board',
          assignee: query.assignee,
          customer_id: query.customerId ?? undefined,
          overdue: query.overdue ? 'true' : undefined,
        },
      },
      signal,
    }),
    config.client.GET('/api/v1/auth/me', { signal }),
  ]);
  if (board.error) throw board.error;
  // With view=board the answer is the board, never a page.
  if (!('columns' in board.data)) throw new TypeError('GET /api/v1/tasks?view=board answered a page');
  return { columns: board.data.columns, counts: board.data.counts, me: { id: me.data?.id ?? null } };
}

/** Moves a task between `before_id` and `after_id` of a column, as of the version the board saw. */
export async function moveTaskRequest(
  config: CrmWidgetConfig,
  task: BoardTask,
  move: { status: BoardColumn; before_id: number | null; after_id: number | null },
): Promise<BoardTask> {
  const { data, error } = await config.client.POST('/api/v1/tasks/{id}/move', {
    params: { path: { id: task.id } },
    headers: { 'If-Match': taskEtag(task) },
    body: move,
  });
  if (error) throw error;
  return data;
}

/** What the create form sends. */
export type NewTask = { title: string; type: TaskType; due_date: string | null; assignee_id: number | null; customer_id: number | null };

export async function createTaskRequest(config: CrmWidgetConfig, input: NewTask): Promise<BoardTask> {
  const { data, error } = await config.client.POST('/api/v1/tasks', { body: input });
  if (error) throw error;
  return data;
}

/** What the inline edit sends. */
export type TaskEdit = { title: string; priority: TaskPriority; due_date: string | null; assignee_id: number | null };

export async function updateTaskRequest(config: CrmWidgetConfig, task: BoardTask, edit: Partial<TaskEdit>): Promise<BoardTask> {
  const { data, error } = await config.client.PATCH('/api/v1/tasks/{id}', {
    params: { path: { id: task.id } },
    headers: { 'If-Match': taskEtag(task) },
    body: edit,
  });
  if (error) throw error;
  return data;
}

/** The API's own message of a failed write (already in the request's language), else the board's. */
export function writeFailure(error: unknown, fallback: string): string {
  const failure = (typeof error === 'object' && error !== null ? error : undefined) as Partial<CrmError> | undefined;
  return failure?.message ? `${fallback} ${failure.message}` : fallback;
}
