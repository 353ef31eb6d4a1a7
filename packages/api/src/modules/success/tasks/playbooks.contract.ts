import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { Task } from './tasks.contract.ts';
import { TASK_PRIORITIES, TASK_TYPES } from './tasks.schema.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const PlaybookTaskTemplate = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    type: z.enum(TASK_TYPES),
    priority: z.enum(TASK_PRIORITIES).default('normal'),
    due_in_days: z.number().int().min(0).max(365),
    checklist: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    description: z.string().max(5000).optional(),
  })
  .openapi('PlaybookTaskTemplate');

export const Playbook = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    tasks: z.array(PlaybookTaskTemplate),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Playbook');
export type Playbook = z.infer<typeof Playbook>;

export const PlaybookCreate = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _'),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
    tasks: z.array(PlaybookTaskTemplate).min(1).max(30),
  })
  .openapi('PlaybookCreate');
export type PlaybookCreate = z.infer<typeof PlaybookCreate>;

export const PlaybookRun = z
  .strictObject({
    customer_id: z.number().int().positive(),
    assignee_id: z.number().int().positive().nullable().optional(),
    risk_alert_id: z.number().int().positive().nullable().optional(),
    contract_id: z.number().int().positive().nullable().optional(),
  })
  .openapi('PlaybookRun');
export type PlaybookRun = z.infer<typeof PlaybookRun>;

export const PlaybookRunResult = z
  .object({ playbook_code: z.string(), created: z.number().int().openapi({ description: 'Tasks created by this run (0 on a repeat)' }), tasks: z.array(Task) })
  .openapi('PlaybookRunResult');

const tags = ['tasks'];
const CodeParam = z.object({ code: z.string().max(64).openapi({ param: { name: 'code', in: 'path' }, example: 'risk_mitigation' }) });

export const listPlaybooksRoute = createRoute({
  method: 'get',
  path: '/api/v1/playbooks',
  operationId: 'listPlaybooks',
  ...permission('task:read'),
  tags,
  summary: 'Playbooks: named sets of task templates',
  description: 'A tenant without playbooks gets the defaults on first read: risk_mitigation, renewal_preparation, onboarding, qbr, complaint_follow_up.',
  responses: { 200: jsonResponse(z.array(Playbook), 'PlaybookList', 'The playbooks by code'), ...errorResponses },
});

export const createPlaybookRoute = createRoute({
  method: 'post',
  path: '/api/v1/playbooks',
  operationId: 'createPlaybook',
  ...permission('settings:write'),
  tags,
  summary: 'Add a playbook (admin)',
  description: 'Needs `settings:write`. 409 `playbook.duplicate` when the code is taken; 422 `playbook.invalid` when two templates share a title. Audited.',
  request: { body: { required: true, content: { 'application/json': { schema: PlaybookCreate } } } },
  responses: { 201: jsonResponse(Playbook, 'Playbook', 'The playbook'), ...writeErrorResponses },
});

export const runPlaybookRoute = createRoute({
  method: 'post',
  path: '/api/v1/playbooks/{code}/run',
  operationId: 'runPlaybook',
  ...permission('task:write'),
  tags,
  summary: 'Run a playbook for a customer',
  description:
    'Creates one task per template, due today (Asia/Shanghai) + `due_in_days`, with its checklist, for the assignee given or else the customer’s manager or else the caller. Idempotent per customer and risk alert (else contract, else day): a repeat creates nothing and answers the same tasks (200).',
  request: { params: CodeParam, body: { required: true, content: { 'application/json': { schema: PlaybookRun } } } },
  responses: {
    201: jsonResponse(PlaybookRunResult, 'PlaybookRunResult', 'The tasks created'),
    200: jsonResponse(PlaybookRunResult, 'PlaybookRunResult', 'Already run: the tasks it created then'),
    ...writeErrorResponses,
  },
});
