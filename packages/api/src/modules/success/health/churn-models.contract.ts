import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { HEALTH_FEATURE_NAMES } from './health-features.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

// zod 4's number() refuses NaN and ±Infinity.
const finite = z.number();
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

/**
 * Exactly what `churnProbability()` scores with: one mean, scale, imputation value and weight per feature, in
 * the order of `features`, every feature one the health features know, every number finite, scales positive,
 * a Platt calibration with a positive slope (a non-positive one would invert the ranking).
 */
export const ChurnModelParametersInput = z
  .strictObject({
    kind: z.literal('logistic-regression'),
    features: z.array(z.enum(HEALTH_FEATURE_NAMES)).min(1).max(HEALTH_FEATURE_NAMES.length),
    means: z.array(finite),
    scales: z.array(finite.positive()),
    imputation: z.array(finite),
    weights: z.array(finite),
    bias: finite,
    calibration: z.strictObject({ a: finite.positive(), b: finite }),
    high_risk_threshold: share,
  })
  .superRefine((p, ctx) => {
    if (new Set(p.features).size !== p.features.length) ctx.addIssue({ code: 'custom', path: ['features'], message: 'a feature is listed twice' });
    for (const key of ['means', 'scales', 'imputation', 'weights'] as const) {
      if (p[key].length !== p.features.length) ctx.addIssue({ code: 'custom', path: [key], message: `needs one number per feature (${p.features.length}), got ${p[key].length}` });
    }
  })
  .openapi('ChurnModelParameters', { description: 'Logistic regression over standardised health features with Platt calibration (`churn-model.ts`)' });

/** The backtest the trainer measured on held-out customers (`ChurnBacktest`). */
export const ChurnModelMetrics = z
  .strictObject({
    roc_auc: share,
    recall_high_risk: share,
    precision_high_risk: share,
    high_risk_share: share,
    train_size: count,
    test_size: count,
    churners_in_test: count,
    lead_time_recall_60d: share.optional(),
  })
  .openapi('ChurnModelMetrics');

const TrainedOn = z.record(z.string(), z.unknown()).openapi({ description: 'Where the model came from: source (csv, generator, history), customers, examples, trained_at…', example: { source: 'generator', seed: 1, customers: 3000 } });

/** The JSON `churn:train` writes: the three columns of `churn_models`. */
export const ChurnModelFile = z
  .strictObject({ parameters: ChurnModelParametersInput, metrics: ChurnModelMetrics, trained_on: TrainedOn })
  .openapi('ChurnModelFile', { description: 'The file `pnpm --filter @crm/api churn:train -- … --out model.json` writes' });
export type ChurnModelFile = z.infer<typeof ChurnModelFile>;

export const ChurnModelSummary = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    active: z.boolean().openapi({ description: 'Health scores take their churn probability from the active model' }),
    features: z.array(z.string()),
    high_risk_threshold: z.number(),
    metrics: ChurnModelMetrics,
    trained_on: TrainedOn,
    created_by: z.string().nullable(),
    created_at: z.string().openapi({ description: 'Local ISO time (+08:00)' }),
  })
  .openapi('ChurnModel');

export const listChurnModelsRoute = createRoute({
  method: 'get',
  path: '/api/v1/health/churn-models',
  operationId: 'listChurnModels',
  ...permission('settings:write'),
  tags: ['health'],
  summary: "The tenant's churn models, newest first",
  description: 'Each with its backtest and where it was trained; at most one is active. Needs `settings:write` (model administration).',
  responses: { 200: jsonResponse(z.array(ChurnModelSummary), 'ChurnModelList', 'The models'), ...errorResponses },
});

export const createChurnModelRoute = createRoute({
  method: 'post',
  path: '/api/v1/health/churn-models',
  operationId: 'createChurnModel',
  ...permission('settings:write'),
  tags: ['health'],
  summary: 'Upload a trained churn model and make it the active one',
  description:
    'The body is the JSON `churn:train` writes. Every feature must be a health feature, every number finite, one mean/scale/imputation/weight per feature, calibration slope > 0; otherwise 400 `request.invalid` listing each problem, and nothing is stored. The new model becomes active and the others inactive in one transaction; scores use it from their next recomputation. Needs `settings:write`.',
  request: { body: { required: true, content: { 'application/json': { schema: ChurnModelFile } } } },
  responses: { 201: jsonResponse(ChurnModelSummary, 'ChurnModel', 'The stored, active model'), ...writeErrorResponses },
});

export const activateChurnModelRoute = createRoute({
  method: 'post',
  path: '/api/v1/health/churn-models/{id}/activate',
  operationId: 'activateChurnModel',
  ...permission('settings:write'),
  tags: ['health'],
  summary: 'Make an earlier churn model the active one again (roll back)',
  description: 'The other models become inactive; scores use it from their next recomputation. Needs `settings:write`; an unknown id 404 `churn_model.not_found`.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(ChurnModelSummary, 'ChurnModel', 'The active model'), ...writeErrorResponses },
});
