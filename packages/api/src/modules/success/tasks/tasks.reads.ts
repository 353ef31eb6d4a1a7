import { and, eq, inArray } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { tasks, type TaskStatus } from './tasks.schema.ts';

/** What another record shows of a task it links to. */
export type TaskSummary = { id: number; title: string; status: TaskStatus; assignee_id: number | null };

/**
 * The title, status and assignee of many tasks of the tenant, in one statement; unknown ids are absent.
 * @example const byId = await taskSummaries(scope, [12, 13]); byId.get(12)?.status // 'todo'
 */
export async function taskSummaries(scope: RequestScope, taskIds: readonly number[]): Promise<Map<number, TaskSummary>> {
  if (taskIds.length === 0) return new Map();
  const rows = await scope.tx
    .select({ id: tasks.id, title: tasks.title, status: tasks.status, assignee_id: tasks.assignee_id })
    .from(tasks)
    .where(and(eq(tasks.tenant_id, scope.tenantId), inArray(tasks.id, [...taskIds])));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Which of these source keys already name a task of the tenant, in one statement: the work that creates tasks
 * under a key (`createTask`'s `source_key`) skips those.
 * @example await takenTaskSourceKeys(scope, ['opportunity:renewal:7:2026Q2']) // Set { 'opportunity:renewal:7:2026Q2' }
 */
export async function takenTaskSourceKeys(scope: RequestScope, sourceKeys: readonly string[]): Promise<Set<string>> {
  if (sourceKeys.length === 0) return new Set();
  const rows = await scope.tx
    .select({ key: tasks.source_key })
    .from(tasks)
    .where(and(eq(tasks.tenant_id, scope.tenantId), inArray(tasks.source_key, [...sourceKeys])));
  return new Set(rows.flatMap((row) => (row.key === null ? [] : [row.key])));
}
