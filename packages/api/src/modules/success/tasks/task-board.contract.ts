import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { etagHeader, tags, Task, TaskIdParam } from './tasks.contract.ts';
import { TASK_STATUSES } from './tasks.schema.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const TaskMove = z
  .strictObject({
    status: z.enum(TASK_STATUSES),
    before_id: z.number().int().positive().nullable().optional().openapi({ description: 'The task that will sit directly above the moved one (smaller position)' }),
    after_id: z.number().int().positive().nullable().optional().openapi({ description: 'The task that will sit directly below the moved one (larger position)' }),
  })
  .openapi('TaskMove');
export type TaskMove = z.infer<typeof TaskMove>;

export const TaskComment = z
  .object({
    id: z.number().int(),
    task_id: z.number().int(),
    author_id: z.number().int().nullable(),
    author_name: z.string().nullable(),
    body: z.string(),
    created_at: z.string(),
  })
  .openapi('TaskComment');
export type TaskComment = z.infer<typeof TaskComment>;

export const TaskCommentCreate = z.strictObject({ body: z.string().trim().min(1).max(5000) }).openapi('TaskCommentCreate');

export const moveTaskRoute = createRoute({
  method: 'post',
  path: '/api/v1/tasks/{id}/move',
  operationId: 'moveTask',
  ...permission('task:write'),
  tags,
  summary: 'Move a task on the board',
  description:
    'Puts the task into the column `status` between `before_id` (above) and `after_id` (below): its position becomes the midpoint of theirs. With one neighbour it goes right next to it; with none, at the end of the column. When the gap is too small the column is renumbered first. 409 `task.neighbour_invalid` when a neighbour is not in that column; needs `If-Match` (412 stale, 428 missing). Moving into `done` sets `completed_at`. Returns the task with its new ETag.',
  request: { params: TaskIdParam, headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: TaskMove } } } },
  responses: { 200: { ...jsonResponse(Task, 'Task', 'The task where it now sits'), headers: etagHeader }, ...writeErrorResponses },
});

export const listTaskCommentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/tasks/{id}/comments',
  operationId: 'listTaskComments',
  ...permission('task:read'),
  tags,
  summary: 'Comments on a task, oldest first',
  description: 'With the authors’ display names.',
  request: { params: TaskIdParam },
  responses: { 200: jsonResponse(z.array(TaskComment), 'TaskCommentList', 'The comments'), ...errorResponses },
});

export const createTaskCommentRoute = createRoute({
  method: 'post',
  path: '/api/v1/tasks/{id}/comments',
  operationId: 'createTaskComment',
  ...permission('task:write'),
  tags,
  summary: 'Comment on a task',
  description: 'At most 5,000 characters. The task’s `comment_count` follows. Audited.',
  request: { params: TaskIdParam, body: { required: true, content: { 'application/json': { schema: TaskCommentCreate } } } },
  responses: { 201: jsonResponse(TaskComment, 'TaskComment', 'The comment'), ...writeErrorResponses },
});
