import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const minutes = z.number().int().min(0).max(366 * 24 * 60);

export const EscalationLevelSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(32).openapi({ example: 'director' }),
    after_minutes: minutes.openapi({ description: 'Minutes after the missed deadline at which this level is reached; strictly increasing along the chain', example: 60 }),
    notify: z.enum(['customer_manager', 'users']).openapi({ description: '`customer_manager`: the customer\'s manager (else the assignee, else the admins); `users`: the listed users' }),
    user_ids: z.array(z.number().int().positive()).max(50).optional().openapi({ description: 'notify `users`: staff users of the tenant' }),
  })
  .openapi('ComplaintEscalationLevel');

const DeadlineMinutes = z.strictObject({
  acknowledge_minutes: minutes.min(1).openapi({ example: 30 }),
  resolve_minutes: minutes.min(1).openapi({ example: 1440 }),
});

export const ComplaintDeadlinesSchema = z
  .strictObject({ P1: DeadlineMinutes, P2: DeadlineMinutes, P3: DeadlineMinutes, P4: DeadlineMinutes })
  .openapi('ComplaintDeadlines', { description: 'Wall-clock minutes from submission, per priority' });

export const ComplaintPolicyInput = z
  .strictObject({
    chain: z.array(EscalationLevelSchema).min(1).max(5),
    deadlines: ComplaintDeadlinesSchema,
  })
  .openapi('ComplaintPolicyInput');
export type ComplaintPolicyInput = z.infer<typeof ComplaintPolicyInput>;

export const ComplaintPolicy = ComplaintPolicyInput.extend({
  is_default: z.boolean().openapi({ description: 'No policy stored: the built-in chain and deadlines apply' }),
  version: z.number().int().openapi({ description: '0 while the default applies' }),
}).openapi('ComplaintPolicy');
export type ComplaintPolicy = z.infer<typeof ComplaintPolicy>;

const etagHeader = { ETag: { description: 'Policy version, for If-Match', schema: { type: 'string' as const } } };

export const getComplaintPolicyRoute = createRoute({
  method: 'get',
  path: '/api/v1/complaints/policy',
  operationId: 'getComplaintPolicy',
  ...permission('settings:write'),
  tags: ['complaints'],
  summary: 'The complaint escalation chain and deadlines',
  description:
    'REQ-016 §9 投诉升级. Without a stored policy the default applies: level 1 `manager` (the customer\'s manager) at the missed deadline, level 2 `director` after 60 minutes and level 3 `executive` after 240 minutes (both: the tenant\'s admins); deadlines P1 30 min / 24 h, P2 2 h / 72 h, P3 8 h / 7 days, P4 24 h / 14 days (wall-clock). Needs `settings:write`.',
  responses: { 200: { ...jsonResponse(ComplaintPolicy, 'ComplaintPolicy', 'The policy in force'), headers: etagHeader }, ...errorResponses },
});

export const putComplaintPolicyRoute = createRoute({
  method: 'put',
  path: '/api/v1/complaints/policy',
  operationId: 'putComplaintPolicy',
  ...permission('settings:write'),
  tags: ['complaints'],
  summary: 'Replace the complaint escalation chain and deadlines',
  description:
    'Needs `settings:write` and `If-Match` (the ETag read, or `*`). 1–5 levels with strictly increasing `after_minutes`; a `users` level names at least one staff user of the tenant; resolve deadlines are not shorter than acknowledge deadlines. Otherwise 422 `complaint.policy_invalid`. New deadlines apply to complaints submitted afterwards; the chain applies at the next escalation run.',
  request: { headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: ComplaintPolicyInput } } } },
  responses: { 200: { ...jsonResponse(ComplaintPolicy, 'ComplaintPolicy', 'The stored policy'), headers: etagHeader }, ...writeErrorResponses },
});
