import { assertCan } from '../../platform/auth/authenticate.ts';
import { ok } from '../../platform/envelope.ts';
import { etagOf, expectedVersion } from '../../platform/etag.ts';
import { scopeOf } from '../../platform/request-context.ts';
import { createRouter } from '../../platform/router.ts';
import { getTaskRoute, listTasksRoute, updateTaskRoute } from './tasks.contract.ts';
import { getTask, listTasks, toTask, updateTask } from './tasks.service.ts';

/** Tasks of staff: meeting action items now, the customer-success board later. */
export const taskRoutes = createRouter()
  .openapi(listTasksRoute, async (c) => {
    assertCan(c.var.principal, 'task:read');
    const { limit, cursor, ...filters } = c.req.valid('query');
    return ok(c, await listTasks(scopeOf(c), filters, { limit, cursor }), undefined, 200);
  })
  .openapi(getTaskRoute, async (c) => {
    assertCan(c.var.principal, 'task:read');
    const row = await getTask(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('task', row.id, row.version));
    return ok(c, toTask(row), undefined, 200);
  })
  .openapi(updateTaskRoute, async (c) => {
    assertCan(c.var.principal, 'task:write');
    const { id } = c.req.valid('param');
    const row = await updateTask(scopeOf(c), id, expectedVersion(c, 'task', id), c.req.valid('json'));
    c.header('ETag', etagOf('task', row.id, row.version));
    return ok(c, toTask(row), { zh: '任务已更新', en: 'Task updated' }, 200);
  });
