import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId } from '../../../platform/staff-users.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import type { TaskComment } from './task-board.contract.ts';
import { taskComments } from './tasks.schema.ts';
import { getTask } from './tasks.service.ts';

const columns = {
  id: taskComments.id,
  task_id: taskComments.task_id,
  author_id: taskComments.author_id,
  author_name: users.display_name,
  body: taskComments.body,
  created_at: taskComments.created_at,
};

const present = (row: { id: number; task_id: number; author_id: number | null; author_name: string | null; body: string; created_at: Date }): TaskComment => ({
  ...row,
  created_at: formatLocalDateTime(row.created_at),
});

/**
 * The comments on a task the caller may see (404 otherwise), oldest first, with author names.
 * @example const comments = await listTaskComments(scope, 12);
 */
export async function listTaskComments(scope: RequestScope, taskId: number): Promise<TaskComment[]> {
  await getTask(scope, taskId);
  const rows = await scope.tx
    .select(columns)
    .from(taskComments)
    .leftJoin(users, and(eq(users.tenant_id, taskComments.tenant_id), eq(users.id, taskComments.author_id)))
    .where(and(eq(taskComments.tenant_id, scope.tenantId), eq(taskComments.task_id, taskId)))
    .orderBy(asc(taskComments.id));
  return rows.map(present);
}

/**
 * Adds the caller's comment to a task the caller may see (404 otherwise). Audited.
 * @example await addTaskComment(scope, 12, '已电话联系陈总，下周拜访');
 */
export async function addTaskComment(scope: RequestScope, taskId: number, body: string): Promise<TaskComment> {
  await getTask(scope, taskId);
  const [inserted] = await scope.tx.insert(taskComments).values({ tenant_id: scope.tenantId, task_id: taskId, author_id: await actingUserId(scope), body }).returning();
  await audit(scope, { action: 'task.commented', entity_type: 'task', entity_id: taskId, after: { comment_id: inserted!.id, body } });
  const [row] = await scope.tx
    .select(columns)
    .from(taskComments)
    .leftJoin(users, and(eq(users.tenant_id, taskComments.tenant_id), eq(users.id, taskComments.author_id)))
    .where(and(eq(taskComments.tenant_id, scope.tenantId), eq(taskComments.id, inserted!.id)));
  return present(row!);
}
