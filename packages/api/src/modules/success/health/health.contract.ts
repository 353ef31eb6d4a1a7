import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { HEALTH_BANDS } from './health.schema.ts';
import { HEALTH_FACTORS, HEALTH_STAGES } from './health-score.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const Localised = z.object({ zh: z.string(), en: z.string() }).openapi('LocalisedText');
const Thresholds = z
  .object({
    green: z.number().openapi({ description: 'Green at or above this score (1–99)', example: 70 }),
    yellow: z.number().openapi({ description: 'Red below this score, yellow between (1–99, below green)', example: 40 }),
  })
  .openapi('HealthThresholds');

export const HealthContribution = z
  .object({
    factor: z.enum(HEALTH_FACTORS),
    label: Localised,
    value: z.number().nullable().openapi({ description: 'The measured value the factor reads (tickets in 90 days, breach rate, overdue ratio, mean rating, logins, days to contract end, availability)' }),
    score: z.number().nullable().openapi({ description: 'The factor score 0–100; null when the factor has no data' }),
    weight: z.number().openapi({ description: 'Effective weight share 0–1 after leaving out factors without data' }),
    points: z.number().openapi({ description: 'weight × score; the points of all factors add up to the score' }),
    missing: z.boolean().openapi({ description: 'No data for this factor: left out, the other weights renormalised' }),
  })
  .openapi('HealthContribution');

export const CustomerHealth = z
  .object({
    customer_id: z.number().int(),
    score: z.number().int().openapi({ example: 72 }),
    band: z.enum(HEALTH_BANDS),
    thresholds: Thresholds,
    stage: z.enum(HEALTH_STAGES).openapi({ description: 'onboarding: first 90 days; renewal: the contract in force ends within 90 days; else established' }),
    trend: z
      .object({
        delta_30d: z.number().nullable().openapi({ description: 'Score now minus the score about 30 days before; null without history' }),
        direction: z.enum(['up', 'down', 'flat']),
        history: z.array(z.object({ day: z.string(), score: z.number().int() })).openapi({ description: 'The last 90 days, oldest first' }),
      })
      .openapi('HealthTrend'),
    churn_probability: z.number().nullable(),
    churn_risk: z.enum(['high', 'medium', 'low']).nullable(),
    contributions: z.array(HealthContribution).openapi({ description: 'Largest points first' }),
    model_version: z.string().openapi({ description: '`weights-<policy version>` (cold start) or `churn-<model id>`' }),
    computed_at: z.string().openapi({ description: 'Local ISO time (+08:00)' }),
  })
  .openapi('CustomerHealth');

const StageWeightsInput = z.record(z.string(), z.record(z.string(), z.number())).openapi({
  description: `Weights per stage (${HEALTH_STAGES.join(', ')}) and factor (${HEALTH_FACTORS.join(', ')}); unset ones keep their default`,
});
const AlertRules = z
  .object({
    fall_points: z.number().openapi({ description: 'Alert when the score fell at least this much within 30 days', example: 15 }),
    churn_probability: z.number().openapi({ description: 'High churn risk at or above this probability (cold start)', example: 0.6 }),
  })
  .openapi('HealthAlertRules');
export const HealthPolicyInput = z.object({ thresholds: Thresholds, weights: StageWeightsInput, alert_rules: AlertRules }).openapi('HealthPolicyInput');
export const HealthPolicy = z
  .object({
    thresholds: Thresholds,
    weights: z.record(z.string(), z.record(z.string(), z.number())),
    alert_rules: AlertRules,
    is_default: z.boolean(),
    version: z.number().int().openapi({ description: '0 while the defaults apply' }),
  })
  .openapi('HealthPolicy');

export const HealthListItem = z
  .object({
    customer_id: z.number().int(),
    customer_name: z.string(),
    score: z.number().int(),
    band: z.enum(HEALTH_BANDS),
    stage: z.string(),
    churn_probability: z.number().nullable(),
    computed_at: z.string(),
  })
  .openapi('HealthListItem');

const etagHeader = { ETag: { description: 'Policy version, for If-Match', schema: { type: 'string' as const } } };

export const getCustomerHealthRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/health',
  operationId: 'getCustomerHealth',
  ...permission('health:read'),
  tags: ['health'],
  summary: "A customer's health score, trend, churn risk and why",
  description:
    'REQ-016-010. Score 0–100 from seven factors (support load, SLA, finance, satisfaction, engagement, contract, operations) weighted by lifecycle stage; a factor without data is left out and the weights renormalised. Computed and stored on the first read; then recomputed on events and nightly. Needs `health:read`; portal users 403; a customer the caller may not see 404.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(CustomerHealth, 'CustomerHealth', 'The health'), ...errorResponses },
});

export const recomputeCustomerHealthRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/health/recompute',
  operationId: 'recomputeCustomerHealth',
  ...permission('health:read', 'customer:write'),
  tags: ['health'],
  summary: "Recompute a customer's health now",
  description: 'Needs `health:read` and `customer:write`. `as_of` (optional) scores the customer as of that instant, e.g. to rebuild history; it also sets the history day.',
  request: { params: IdParam, query: z.object({ as_of: isoInstant.optional() }) },
  responses: { 200: jsonResponse(CustomerHealth, 'CustomerHealth', 'The new health'), ...writeErrorResponses },
});

export const listHealthRoute = createRoute({
  method: 'get',
  path: '/api/v1/health',
  operationId: 'listHealth',
  ...permission('health:read'),
  tags: ['health'],
  summary: 'Customers by health score, lowest first (the at-risk list)',
  description: 'Customers the caller may see that have a score, lowest score first; `band` filters. Keyset-paginated (`next_cursor`). Needs `health:read`.',
  request: { query: z.object({ band: z.enum(HEALTH_BANDS).optional(), ...pageQuery }) },
  responses: { 200: jsonResponse(pageOf(HealthListItem, 'HealthListItem'), 'HealthListItemPage', 'A page of customers'), ...errorResponses },
});

export const getHealthPolicyRoute = createRoute({
  method: 'get',
  path: '/api/v1/health/policy',
  operationId: 'getHealthPolicy',
  ...permission('health:read'),
  tags: ['health'],
  summary: 'Health bands, weights per stage and alert rules',
  description: 'Without a stored policy the defaults apply: green ≥ 70, red < 40; weights per stage as documented in `health-score.ts`; alert on a 15-point fall within 30 days or churn probability ≥ 0.6. Needs `health:read`.',
  responses: { 200: { ...jsonResponse(HealthPolicy, 'HealthPolicy', 'The policy in force'), headers: etagHeader }, ...errorResponses },
});

export const putHealthPolicyRoute = createRoute({
  method: 'put',
  path: '/api/v1/health/policy',
  operationId: 'putHealthPolicy',
  ...permission('settings:write'),
  tags: ['health'],
  summary: 'Replace the health bands, weights and alert rules',
  description:
    'Needs `settings:write` and `If-Match` (the ETag read, or `*`). Thresholds whole numbers 1–99 with green > yellow; weights non-negative, known stages and factors only, at least one positive per stage; `fall_points` in (0, 100], `churn_probability` in (0, 1). Otherwise 422 `health.policy_invalid`. Applies at the next recomputation.',
  request: { headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: HealthPolicyInput } } } },
  responses: { 200: { ...jsonResponse(HealthPolicy, 'HealthPolicy', 'The stored policy'), headers: etagHeader }, ...writeErrorResponses },
});
