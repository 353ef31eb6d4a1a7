import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { WebhookDeliverySummary } from '../../integrations/webhooks/webhooks.public.ts';
import { RISK_ALERT_STATUSES, RISK_CAUSES } from './risk-alerts.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const Localized = z.object({ zh: z.string(), en: z.string() });

/** A risk alert with its whole chain: what fired, what was suggested, who was told, which task took it. */
export const RiskAlert = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    customer_name: z.string(),
    cause: z.enum(RISK_CAUSES),
    cause_text: Localized,
    status: z.enum(RISK_ALERT_STATUSES),
    trigger: z.record(z.string(), z.unknown()).openapi({ description: 'The facts that fired it: bands and scores, the fall and its threshold, or the churn probability and its threshold' }),
    suggestion: z
      .object({ kind: z.enum(['sla_upgrade', 'proactive_reviews']), current_tier: z.string().nullable(), tier: z.string().nullable(), message: Localized })
      .nullable()
      .openapi({ description: "The SLA module's suggestion: upgrade the tier (its recommendation is above the tier in force) or add proactive reviews" }),
    notified: z
      .object({
        user_ids: z.array(z.number().int()),
        channels: z.array(z.string()),
        event: z.string(),
        at: z.string(),
        webhooks: z.array(WebhookDeliverySummary).openapi({ description: 'Signed webhook deliveries of the `risk_alert.opened` event (notification module REQ-011, hosts); empty until the worker fans it out' }),
      })
      .nullable(),
    task: z.object({ id: z.number().int(), title: z.string(), status: z.string(), assignee_id: z.number().int().nullable() }).nullable(),
    opened_at: z.string(),
    closed_at: z.string().nullable(),
  })
  .openapi('RiskAlert');
export type RiskAlert = z.infer<typeof RiskAlert>;

export const RiskAlertPage = z.object({ items: z.array(RiskAlert), next_cursor: z.string().nullable() }).openapi('RiskAlertPage');

export const RiskAlertListQuery = z.strictObject({
  status: z.enum(RISK_ALERT_STATUSES).optional(),
  cause: z.enum(RISK_CAUSES).optional(),
  customer_id: z.coerce.number().int().positive().optional(),
  ...pageQuery,
});
export type RiskAlertListQuery = z.infer<typeof RiskAlertListQuery>;

export const RiskAlertClose = z.strictObject({ note: z.string().trim().max(2_000).optional() }).openapi('RiskAlertClose');

const tags = ['risk-alerts'];
const readNote = 'Takes `health:read`; portal users get 403.';

export const listRiskAlertsRoute = createRoute({
  method: 'get',
  path: '/api/v1/risk-alerts',
  operationId: 'listRiskAlerts',
  ...permission('health:read'),
  tags,
  summary: 'Risk alerts, newest first',
  description: `Alerts opened by the health recomputation (band drop, a fall within 30 days, churn probability over the threshold) with their chain. ${readNote}`,
  request: { query: RiskAlertListQuery },
  responses: { 200: jsonResponse(RiskAlertPage, 'RiskAlertPage', 'A page of alerts'), ...errorResponses },
});

export const getRiskAlertRoute = createRoute({
  method: 'get',
  path: '/api/v1/risk-alerts/{id}',
  operationId: 'getRiskAlert',
  ...permission('health:read'),
  tags,
  summary: 'One risk alert with its chain',
  description: `What fired, what the SLA module suggested, who was told and which task took it. ${readNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(RiskAlert, 'RiskAlert', 'The alert'), ...errorResponses },
});

const step = (action: 'acknowledge' | 'close', summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/risk-alerts/{id}/${action}`,
    operationId: `${action}RiskAlert`,
    ...permission('task:write'),
    tags,
    summary,
    description: `${description} Takes \`task:write\`. A closed alert lets the same cause open a new one later.`,
    request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: RiskAlertClose } } } },
    responses: { 200: jsonResponse(RiskAlert, 'RiskAlert', 'The alert'), ...writeErrorResponses },
  });

export const acknowledgeRiskAlertRoute = step('acknowledge', 'Acknowledge a risk alert', 'Someone took it: open → acknowledged.');
export const closeRiskAlertRoute = step('close', 'Close a risk alert', 'The risk is handled: open or acknowledged → closed.');
