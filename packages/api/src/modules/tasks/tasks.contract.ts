import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../platform/envelope.ts';
import { ifMatchHeader } from '../../platform/http-headers.ts';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES } from './tasks.schema.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const Task = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    type: z.enum(TASK_TYPES),
    status: z.enum(TASK_STATUSES),
    priority: z.enum(TASK_PRIORITIES),
    assignee_id: z.number().int().nullable(),
    due_date: z.string().nullable().openapi({ example: '2026-03-20' }),
    customer_id: z.number().int().nullable(),
    communication_id: z.number().int().nullable().openapi({ description: 'The meeting an action item comes from' }),
    complaint_id: z.number().int().nullable(),
    contract_id: z.number().int().nullable(),
    source_key: z.string().nullable().openapi({ description: 'Key of the work that created the task (`meeting:<id>:item:<n>`); idempotency of created tasks' }),
    checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
    position: z.number(),
    created_by: z.number().int().nullable(),
    completed_at: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Task');
export type Task = z.infer<typeof Task>;

export const TaskFilters = z.object({
  assignee: z
    .string()
    .regex(/^(me|\d{1,15})$/, 'me or a user id')
    .optional()
    .openapi({ description: '`me` (the caller) or a user id', example: 'me' }),
  customer_id: z.coerce.number().int().positive().optional(),
  status: z.enum(TASK_STATUSES).optional(),
});
export type TaskFilters = z.infer<typeof TaskFilters>;

export const TaskPatch = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    priority: z.enum(TASK_PRIORITIES).optional(),
    assignee_id: z.number().int().positive().nullable().optional(),
    due_date: day.nullable().optional(),
  })
  .openapi('TaskPatch');
export type TaskPatch = z.infer<typeof TaskPatch>;

export const TaskIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const tags = ['tasks'];
const etagHeader = { ETag: { description: 'Task version, for If-Match', schema: { type: 'string' as const } } };

export const listTasksRoute = createRoute({
  method: 'get',
  path: '/api/v1/tasks',
  operationId: 'listTasks',
  tags,
  summary: 'Tasks, newest first',
  description: 'Filters by assignee (`me` or a user id), customer and status. Tasks of customers the caller may not see are left out. Keyset-paginated (`next_cursor`).',
  request: { query: TaskFilters.extend(pageQuery) },
  responses: { 200: jsonResponse(pageOf(Task, 'Task'), 'TaskPage', 'A page of tasks'), ...errorResponses },
});

export const getTaskRoute = createRoute({
  method: 'get',
  path: '/api/v1/tasks/{id}',
  operationId: 'getTask',
  tags,
  summary: 'One task',
  description: 'The ETag is what PATCH expects in If-Match.',
  request: { params: TaskIdParam },
  responses: { 200: { ...jsonResponse(Task, 'Task', 'The task'), headers: etagHeader }, ...errorResponses },
});

export const updateTaskRoute = createRoute({
  method: 'patch',
  path: '/api/v1/tasks/{id}',
  operationId: 'updateTask',
  tags,
  summary: 'Change a task: status, assignee, due date, title, priority',
  description:
    'Needs `If-Match` with the ETag read (412 when the task changed since, 428 without it). Moving to `done` sets `completed_at`; leaving `done` clears it. A new assignee gets an in-app notification (`task.assigned`). Audited.',
  request: { params: TaskIdParam, headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: TaskPatch } } } },
  responses: { 200: { ...jsonResponse(Task, 'Task', 'The task as saved'), headers: etagHeader }, ...writeErrorResponses },
});
