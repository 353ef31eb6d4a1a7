import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createTaskCommentRoute, listTaskCommentsRoute, moveTaskRoute } from './task-board.contract.ts';
import { createBoardTask, moveTask, taskBoard } from './task-board.service.ts';
import { addTaskComment, listTaskComments } from './task-comments.service.ts';
import { createTaskRoute, getTaskRoute, listTasksRoute, updateTaskRoute } from './tasks.contract.ts';
import { getTask, listTasks, presentTask, updateTask } from './tasks.service.ts';

/** Tasks of staff: meeting action items, complaint follow-ups and the customer-success board. */
export const taskRoutes = createRouter()
  .openapi(listTasksRoute, async function listTasksHandler(c) {
    const { limit, cursor, view, ...filters } = c.req.valid('query');
    if (view === 'board') return ok(c, await taskBoard(scopeOf(c), filters), undefined, 200);
    return ok(c, await listTasks(scopeOf(c), filters, { limit, cursor }), undefined, 200);
  })
  .openapi(createTaskRoute, async function createTaskHandler(c) {
    const scope = scopeOf(c);
    const row = await createBoardTask(scope, c.req.valid('json'));
    c.header('ETag', etagOf('task', row.id, row.version));
    return ok(c, await presentTask(scope, row), { zh: '任务已创建', en: 'Task created' }, 201);
  })
  .openapi(getTaskRoute, async function getTaskHandler(c) {
    const scope = scopeOf(c);
    const row = await getTask(scope, c.req.valid('param').id);
    c.header('ETag', etagOf('task', row.id, row.version));
    return ok(c, await presentTask(scope, row), undefined, 200);
  })
  .openapi(updateTaskRoute, async function updateTaskHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const row = await updateTask(scope, id, expectedVersion(c, 'task', id), c.req.valid('json'));
    c.header('ETag', etagOf('task', row.id, row.version));
    return ok(c, await presentTask(scope, row), { zh: '任务已更新', en: 'Task updated' }, 200);
  })
  .openapi(moveTaskRoute, async function moveTaskHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const row = await moveTask(scope, id, expectedVersion(c, 'task', id), c.req.valid('json'));
    c.header('ETag', etagOf('task', row.id, row.version));
    return ok(c, await presentTask(scope, row), { zh: '任务已移动', en: 'Task moved' }, 200);
  })
  .openapi(listTaskCommentsRoute, async function listTaskCommentsHandler(c) {
    return ok(c, await listTaskComments(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(createTaskCommentRoute, async function createTaskCommentHandler(c) {
    const comment = await addTaskComment(scopeOf(c), c.req.valid('param').id, c.req.valid('json').body);
    return ok(c, comment, { zh: '评论已添加', en: 'Comment added' }, 201);
  });
