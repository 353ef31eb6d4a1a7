import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IMPROVEMENT_ACTION_STATUSES } from './surveys.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const id = z.coerce.number().int().positive();

export const SurveyResultsQuery = z.strictObject({
  campaign_id: id.optional(),
  segment_id: id.optional(),
  customer_id: id.optional(),
  from: isoDate.optional().openapi({ description: 'First day (Beijing time) of submitted responses' }),
  to: isoDate.optional().openapi({ description: 'Last day (inclusive)' }),
  granularity: z.enum(['month', 'quarter']).default('month'),
});
export type SurveyResultsQuery = z.infer<typeof SurveyResultsQuery>;

/** The scores of a set of complete responses. */
export const SurveyMetrics = z
  .object({
    responses: z.number().int(),
    nps: z.number().nullable().openapi({ description: '% promoters (9–10) − % detractors (0–6), one decimal; null without NPS answers' }),
    nps_responses: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    csat_average: z.number().nullable(),
    csat_satisfied_pct: z.number().nullable().openapi({ description: '% of CSAT answers that are 4 or 5' }),
    csat_responses: z.number().int(),
    ces_average: z.number().nullable(),
    ces_responses: z.number().int(),
  })
  .openapi('SurveyMetrics');
export type SurveyMetrics = z.infer<typeof SurveyMetrics>;

export const SurveyResults = z
  .object({
    totals: SurveyMetrics,
    periods: z.array(SurveyMetrics.extend({ period: z.string().openapi({ example: '2026-05' }), nps_change: z.number().nullable().openapi({ description: 'NPS minus the previous period’s' }) })),
    themes: z.array(
      z.object({ code: z.string(), label: z.object({ zh: z.string(), en: z.string() }), responses: z.number().int(), positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() }),
    ),
  })
  .openapi('SurveyResults');
export type SurveyResults = z.infer<typeof SurveyResults>;

const ScoreAverages = z.object({ responses: z.number().int(), nps_average: z.number().nullable(), csat_average: z.number().nullable() });

export const ImprovementAction = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    owner_id: z.number().int().nullable(),
    due_date: z.string().nullable(),
    status: z.enum(IMPROVEMENT_ACTION_STATUSES),
    customer_id: z.number().int().nullable(),
    campaign_id: z.number().int().nullable(),
    response_ids: z.array(z.number().int()),
    completed_at: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
    effect: z
      .object({ customer_ids: z.array(z.number().int()), before: ScoreAverages, after: ScoreAverages.nullable().openapi({ description: 'Responses submitted after completion; null until the action is done' }) })
      .nullable()
      .openapi({ description: 'Average NPS and CSAT of the linked customers before the action was created and after it was completed (shown by GET of one action)' }),
  })
  .openapi('ImprovementAction');
export type ImprovementAction = z.infer<typeof ImprovementAction>;

const actionFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5_000).nullish(),
  owner_id: z.number().int().positive().nullish(),
  due_date: isoDate.nullish(),
  status: z.enum(IMPROVEMENT_ACTION_STATUSES),
  customer_id: z.number().int().positive().nullish(),
  campaign_id: z.number().int().positive().nullish(),
  response_ids: z.array(z.number().int().positive()).max(200),
};
export const ImprovementActionCreate = z.strictObject({ ...actionFields, status: actionFields.status.default('open'), response_ids: actionFields.response_ids.default([]) }).openapi('ImprovementActionCreate');
export type ImprovementActionCreate = z.infer<typeof ImprovementActionCreate>;
export const ImprovementActionPatch = z
  .strictObject({ ...actionFields, title: actionFields.title.optional(), status: actionFields.status.optional(), response_ids: actionFields.response_ids.optional() })
  .openapi('ImprovementActionPatch');
export type ImprovementActionPatch = z.infer<typeof ImprovementActionPatch>;
export const ImprovementActionListQuery = z.strictObject({ status: z.enum(IMPROVEMENT_ACTION_STATUSES).optional(), customer_id: id.optional(), campaign_id: id.optional(), ...pageQuery });

const tags = ['surveys'];

export const surveyResultsRoute = createRoute({
  method: 'get',
  path: '/api/v1/survey-results',
  operationId: 'getSurveyResults',
  ...permission('survey:read'),
  tags,
  summary: 'NPS, CSAT and CES per period with trend, and feedback themes',
  description: 'Complete responses of customers the caller may see, filtered by campaign, segment, customer and days; periods are Beijing months or quarters. Takes `survey:read`.',
  request: { query: SurveyResultsQuery },
  responses: { 200: jsonResponse(SurveyResults, 'SurveyResults', 'The results'), ...errorResponses },
});

const actionNote = 'Takes `survey:read` to read, `survey:write` to change.';
export const listImprovementActionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/improvement-actions',
  operationId: 'listImprovementActions',
  ...permission('survey:read'),
  tags,
  summary: 'Improvement actions, newest first',
  description: actionNote,
  request: { query: ImprovementActionListQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(ImprovementAction), next_cursor: z.string().nullable() }).openapi('ImprovementActionPage'), 'ImprovementActionPage', 'A page of actions'), ...errorResponses },
});

export const createImprovementActionRoute = createRoute({
  method: 'post',
  path: '/api/v1/improvement-actions',
  operationId: 'createImprovementAction',
  ...permission('survey:write'),
  tags,
  summary: 'Create an improvement action linked to feedback',
  description: `Linked responses, customer and campaign must be the tenant's (422 \`improvement_action.link_invalid\`); the owner a member of staff who may write surveys (422 \`user.reference_invalid\`). ${actionNote}`,
  request: { body: { required: true, content: { 'application/json': { schema: ImprovementActionCreate } } } },
  responses: { 201: jsonResponse(ImprovementAction, 'ImprovementAction', 'The action'), ...writeErrorResponses },
});

export const getImprovementActionRoute = createRoute({
  method: 'get',
  path: '/api/v1/improvement-actions/{id}',
  operationId: 'getImprovementAction',
  ...permission('survey:read'),
  tags,
  summary: 'One improvement action with its effect (ETag)',
  description: actionNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ImprovementAction, 'ImprovementAction', 'The action'), ...errorResponses },
});

export const updateImprovementActionRoute = createRoute({
  method: 'patch',
  path: '/api/v1/improvement-actions/{id}',
  operationId: 'updateImprovementAction',
  ...permission('survey:write'),
  tags,
  summary: 'Change an improvement action (If-Match)',
  description: `Status \`done\` records \`completed_at\`; a new owner must be a member of staff who may write surveys (422 \`user.reference_invalid\`). ${actionNote}`,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ImprovementActionPatch } } } },
  responses: { 200: jsonResponse(ImprovementAction, 'ImprovementAction', 'The action'), ...writeErrorResponses },
});

export const deleteImprovementActionRoute = createRoute({
  method: 'delete',
  path: '/api/v1/improvement-actions/{id}',
  operationId: 'deleteImprovementAction',
  ...permission('survey:write'),
  tags,
  summary: 'Delete an improvement action',
  description: actionNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(z.object({ id: z.number().int(), deleted: z.literal(true) }).openapi('ImprovementActionDeleted'), 'ImprovementActionDeleted', 'Deleted'), ...writeErrorResponses },
});
