import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES } from './tasks.schema.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const ChecklistItem = z.object({ text: z.string().trim().min(1).max(200), done: z.boolean() }).openapi('TaskChecklistItem');

/** A checklist as clients send it: plain lines (all open) or items with their state. */
export const ChecklistInput = z.union([z.array(z.string().trim().min(1).max(200)).max(50), z.array(ChecklistItem).max(50)]).openapi({ description: 'Lines (all open) or `{text, done}` items; at most 50' });

const Ref = (name: string) => z.object({ id: z.number().int(), name: z.string() }).nullable().openapi({ description: `The ${name} with its display name` });

/** The task fields stored on the row; `Task` adds what is joined in. */
export const TaskCore = z.object({
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
  risk_alert_id: z.number().int().nullable(),
  source_key: z.string().nullable().openapi({ description: 'Key of the work that created the task (`meeting:<id>:item:<n>`, `playbook:<code>:<customer>:<anchor>:<n>`); idempotency of created tasks' }),
  checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
  position: z.number().openapi({ description: 'Order within the board column, ascending' }),
  created_by: z.number().int().nullable(),
  completed_at: z.string().nullable(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TaskCore = z.infer<typeof TaskCore>;

export const Task = TaskCore.extend({
  comment_count: z.number().int(),
  customer: Ref('customer'),
  assignee: Ref('assignee'),
}).openapi('Task');
export type Task = z.infer<typeof Task>;

export const TaskBoard = z
  .object({
    columns: z.object({ todo: z.array(Task), in_progress: z.array(Task), blocked: z.array(Task), done: z.array(Task) }),
    counts: z.object({ todo: z.number().int(), in_progress: z.number().int(), blocked: z.number().int(), done: z.number().int() }),
  })
  .openapi('TaskBoard');
export type TaskBoard = z.infer<typeof TaskBoard>;

export const TaskFilters = z.object({
  view: z.enum(['board']).optional().openapi({ description: '`board`: the four columns with counts instead of a page' }),
  assignee: z
    .string()
    .regex(/^(me|team|\d{1,15})$/, 'me, team or a user id')
    .optional()
    .openapi({ description: '`me` (the caller), a user id, or `team` (every task the caller may see: the same as leaving it out)', example: 'me' }),
  customer_id: z.coerce.number().int().positive().optional(),
  status: z.enum(TASK_STATUSES).optional(),
  type: z.enum(TASK_TYPES).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: '`true`: due before today (Asia/Shanghai) and not done' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Words in the title or description' }),
});
export type TaskFilters = z.infer<typeof TaskFilters>;

export const TaskCreate = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    type: z.enum(TASK_TYPES),
    priority: z.enum(TASK_PRIORITIES).optional(),
    assignee_id: z.number().int().positive().nullable().optional(),
    due_date: isoDate.nullable().optional(),
    customer_id: z.number().int().positive().nullable().optional(),
    description: z.string().max(5000).nullable().optional(),
    checklist: ChecklistInput.optional(),
    complaint_id: z.number().int().positive().nullable().optional(),
    contract_id: z.number().int().positive().nullable().optional(),
    risk_alert_id: z.number().int().positive().nullable().optional(),
  })
  .openapi('TaskCreate');
export type TaskCreate = z.infer<typeof TaskCreate>;

export const TaskPatch = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional(),
    description: z.string().max(5000).nullable().optional(),
    status: z.enum(TASK_STATUSES).optional(),
    priority: z.enum(TASK_PRIORITIES).optional(),
    assignee_id: z.number().int().positive().nullable().optional(),
    due_date: isoDate.nullable().optional(),
    checklist: ChecklistInput.optional(),
  })
  .openapi('TaskPatch');
export type TaskPatch = z.infer<typeof TaskPatch>;

export const TaskIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const tags = ['tasks'];
export const etagHeader = { ETag: { description: 'Task version, for If-Match', schema: { type: 'string' as const } } };

export const listTasksRoute = createRoute({
  method: 'get',
  path: '/api/v1/tasks',
  operationId: 'listTasks',
  ...permission('task:read'),
  tags,
  summary: 'Tasks: a page newest first, or the board',
  description:
    'Filters by assignee (`me`, a user id, or `team` = every task the caller may see), customer, status, type, overdue and words. Tasks of customers the caller may not see are left out. Without `view`: keyset-paginated (`next_cursor`). With `view=board`: the columns `todo`, `in_progress`, `blocked`, `done`, each by `position` ascending (at most 500 tasks a column; `done` holds the 50 completed most recently), and the full count of each column.',
  request: { query: TaskFilters.extend(pageQuery) },
  responses: {
    200: jsonResponse(z.union([pageOf(Task, 'Task'), TaskBoard]).openapi('TaskListOrBoard'), 'TaskListOrBoard', 'A page of tasks, or the board with `view=board`'),
    ...errorResponses,
  },
});

export const createTaskRoute = createRoute({
  method: 'post',
  path: '/api/v1/tasks',
  operationId: 'createTask',
  ...permission('task:write'),
  tags,
  summary: 'Create a task',
  description:
    'A new task is `todo`, placed at the end of that column. The assignee must be staff of the tenant (422) and gets an in-app notification (`task.assigned`); the customer must be one the caller may see (404); linked complaint, contract and risk alert must exist and belong to that customer (422). Audited.',
  request: { body: { required: true, content: { 'application/json': { schema: TaskCreate } } } },
  responses: { 201: { ...jsonResponse(Task, 'Task', 'The task created'), headers: etagHeader }, ...writeErrorResponses },
});

export const getTaskRoute = createRoute({
  method: 'get',
  path: '/api/v1/tasks/{id}',
  operationId: 'getTask',
  ...permission('task:read'),
  tags,
  summary: 'One task',
  description: 'The ETag is what PATCH and move expect in If-Match.',
  request: { params: TaskIdParam },
  responses: { 200: { ...jsonResponse(Task, 'Task', 'The task'), headers: etagHeader }, ...errorResponses },
});

export const updateTaskRoute = createRoute({
  method: 'patch',
  path: '/api/v1/tasks/{id}',
  operationId: 'updateTask',
  ...permission('task:write'),
  tags,
  summary: 'Change a task: status, assignee, due date, title, priority, description, checklist',
  description:
    'Needs `If-Match` with the ETag read (412 when the task changed since, 428 without it). A checklist replaces the whole list. Moving to `done` sets `completed_at`; leaving `done` clears it. A new assignee gets an in-app notification (`task.assigned`). Audited.',
  request: { params: TaskIdParam, headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: TaskPatch } } } },
  responses: { 200: { ...jsonResponse(Task, 'Task', 'The task as saved'), headers: etagHeader }, ...writeErrorResponses },
});
