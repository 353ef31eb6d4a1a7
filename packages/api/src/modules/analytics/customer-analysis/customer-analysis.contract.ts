import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { ANALYSIS_PERIODS } from './analysis-period.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const AnalysisQuery = z.strictObject({
  period: z.enum(ANALYSIS_PERIODS).default('12m').openapi({ description: '`3m`, `6m`, `12m` (default), `24m`: the months ending today (Beijing); `custom` with `from` and `to`' }),
  from: isoDate.optional().openapi({ description: 'period=custom: first business date, inclusive' }),
  to: isoDate.optional().openapi({ description: 'period=custom: last business date, inclusive' }),
});
export type AnalysisQuery = z.infer<typeof AnalysisQuery>;

/** REQ-016 §8's analysis response: every field of the example, plus the numbers behind its human strings. */
export const CustomerAnalysis = z
  .object({
    customer_info: z.object({ customer_id: z.number().int(), customer_name: z.string(), level: z.number().int(), status: z.number().int() }),
    period: z.object({ name: z.enum(ANALYSIS_PERIODS), from: z.string(), to: z.string(), days: z.number().int(), months: z.number() }),
    service_statistics: z.object({
      total_tickets: z.number().int(),
      resolved_tickets: z.number().int(),
      average_resolution_time: z.string().nullable().openapi({ example: '4.2小时' }),
      average_resolution_hours: z.number().nullable(),
      satisfaction_score: z.number().nullable().openapi({ example: 4.6 }),
    }),
    financial_analysis: z.object({
      total_revenue: z.number().openapi({ description: 'Invoiced in the period (non-void invoices by issue date), CNY' }),
      monthly_revenue: z.number(),
      ltv: z.number().openapi({ description: 'Monthly revenue × expected lifetime in months (from the churn probability; 36 without one)' }),
      expected_lifetime_months: z.number(),
      profit_margin: z.number().nullable().openapi({ description: 'Estimated: (revenue − service cost) / revenue; see profit_margin_basis' }),
      service_cost_estimate: z.number(),
      profit_margin_basis: z.literal('estimated').openapi({ description: 'Service cost = tickets × typical engineer hours of their priority (P1 6 h … P4 1 h) × 300 CNY, until a cost ledger exists' }),
    }),
    behavior_analysis: z.object({
      login_frequency: z.string().openapi({ example: '每周3次' }),
      logins_per_week: z.number(),
      feature_usage: z.record(z.string(), z.number()).openapi({ description: 'Per feature: share of active days it was used (0–1)', example: { 工单管理: 0.95 } }),
      support_channel_preference: z.string().nullable().openapi({ example: '在线客服' }),
      support_channel: z.string().nullable(),
    }),
    risk_assessment: z.object({
      churn_risk: z.string().nullable().openapi({ example: '低' }),
      churn_risk_level: z.enum(['high', 'medium', 'low']).nullable(),
      churn_probability: z.number().nullable(),
      satisfaction_trend: z.string().openapi({ example: '上升' }),
      satisfaction_trend_direction: z.enum(['up', 'down', 'flat', 'unknown']),
      renewal_probability: z.number().nullable().openapi({ example: 0.92 }),
    }),
  })
  .openapi('CustomerAnalysis');
export type CustomerAnalysis = z.infer<typeof CustomerAnalysis>;

export const customerAnalysisRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/analysis',
  operationId: 'getCustomerAnalysis',
  ...permission('analysis:read'),
  tags: ['customers'],
  summary: 'A customer analysis over a period (REQ-016 §8)',
  description:
    'customer_info, service_statistics, financial_analysis, behavior_analysis and risk_assessment computed from the service records, invoices, usage and the health score, for 3m, 6m, 12m, 24m or a custom range. Human strings follow Accept-Language (`4.2小时` / `4.2 hours`); each has its number beside it. Takes `analysis:read`; portal users get 403; 422 for a bad range.',
  request: { params: IdParam, query: AnalysisQuery },
  responses: { 200: jsonResponse(CustomerAnalysis, 'CustomerAnalysis', 'The analysis'), ...errorResponses },
});
