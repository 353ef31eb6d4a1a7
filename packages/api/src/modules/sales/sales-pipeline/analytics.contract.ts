import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { WIN_FEATURE_NAMES } from './win-probability.ts';
import { STAGE_KINDS } from './sales-pipeline.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const FunnelQuery = z
  .strictObject({
    pipeline_id: z.coerce.number().int().positive().optional().openapi({ description: 'Default: the default pipeline' }),
    from: isoDate.optional().openapi({ description: 'Default: 1 January of the current year (Beijing)' }),
    to: isoDate.optional().openapi({ description: 'Default: 31 December of the current year' }),
    owner_id: z.coerce.number().int().positive().optional(),
    granularity: z.enum(['month', 'quarter']).default('month'),
  })
  .openapi('FunnelQuery');
export type FunnelQuery = z.infer<typeof FunnelQuery>;

const ForecastFigures = { committed: z.number().openapi({ description: 'Won' }), weighted: z.number().openapi({ description: 'Won + Σ open amount × stage probability' }), best_case: z.number().openapi({ description: 'Won + Σ open amount' }) };

export const Funnel = z
  .object({
    pipeline_id: z.number().int(),
    from: z.string().openapi({ format: 'date' }),
    to: z.string().openapi({ format: 'date' }),
    granularity: z.enum(['month', 'quarter']),
    stages: z.array(
      z.object({
        stage_id: z.number().int(),
        code: z.string(),
        name: z.string(),
        probability: z.number().int(),
        kind: z.enum(STAGE_KINDS),
        entered: z.number().int().openapi({ description: 'Opportunities of the cohort that reached this stage or passed it' }),
        converted: z.number().int().nullable().openapi({ description: 'Of those, how many got further (null for the won stage)' }),
        conversion_rate: z.number().nullable().openapi({ description: 'converted / entered, in %' }),
        avg_days_in_stage: z.number().nullable().openapi({ description: 'Velocity: mean days of the completed stays' }),
      }),
    ),
    lost: z.number().int().openapi({ description: 'Opportunities of the cohort that were lost' }),
    win_rate: z.number().nullable().openapi({ description: 'won / (won + lost) of those closed in the range, in %' }),
    weighted_pipeline: z.number().openapi({ description: 'Σ amount × stage probability of the open opportunities now' }),
    forecast_by_period: z.array(z.object({ period: z.string().openapi({ example: '2027-Q1' }), ...ForecastFigures })),
    forecast_by_owner: z.array(z.object({ owner_id: z.number().int().nullable(), ...ForecastFigures })),
  })
  .openapi('Funnel');

export const WinProbability = z
  .object({
    opportunity_id: z.number().int(),
    probability: z.number().min(0).max(1),
    model: z.enum(['logistic_regression', 'stage_default']).openapi({ description: '`stage_default` (the stage probability) until the tenant has 20 closed opportunities' }),
    stage_probability: z.number().int(),
    training_size: z.number().int().openapi({ description: 'Closed (won or lost) opportunities the model learnt from' }),
    factors: z.array(z.object({ feature: z.enum(WIN_FEATURE_NAMES), value: z.number(), contribution: z.number().openapi({ description: 'coefficient × standardised value; positive pushes towards winning' }) })),
  })
  .openapi('WinProbability');
export type WinProbability = z.infer<typeof WinProbability>;

export const funnelRoute = createRoute({
  method: 'get',
  path: '/api/v1/analytics/funnel',
  operationId: 'getSalesFunnel',
  ...permission('opportunity:read'),
  tags: ['sales-pipeline'],
  summary: 'Sales funnel: conversion and velocity per stage, weighted pipeline, forecast by period and owner, win rate',
  description: 'The cohort is the opportunities created between `from` and `to`; the forecast buckets open opportunities by expected close date and won ones by close date.',
  request: { query: FunnelQuery },
  responses: { 200: jsonResponse(Funnel, 'Funnel', 'The funnel'), ...errorResponses },
});

export const winProbabilityRoute = createRoute({
  method: 'get',
  path: '/api/v1/opportunities/{id}/win-probability',
  operationId: 'getWinProbability',
  ...permission('opportunity:read'),
  tags: ['sales-pipeline'],
  summary: "Win probability learnt from the tenant's own won and lost opportunities, with its factors",
  description: 'Logistic regression over log amount, stage probability, days open, days since the last stage change, next step, customer level and the source\'s win rate, trained on the tenant\'s 2,000 most recently closed opportunities; each factor is coefficient × standardised value. Below 20 closed opportunities (or for a closed one) the stage probability with `model: stage_default`.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(WinProbability, 'WinProbability', 'The probability and what drives it'), ...errorResponses },
});
