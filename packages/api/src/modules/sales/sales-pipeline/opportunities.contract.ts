import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { money } from '../../contracts-sla/contracts/contracts.public.ts';
import { OPPORTUNITY_STATUSES, STAGE_KINDS } from './sales-pipeline.schema.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const PipelineStage = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    position: z.number().int(),
    probability: z.number().int().min(0).max(100),
    kind: z.enum(STAGE_KINDS),
  })
  .openapi('PipelineStage');
export type PipelineStage = z.infer<typeof PipelineStage>;

export const Pipeline = z
  .object({ id: z.number().int(), name: z.string(), is_default: z.boolean(), stages: z.array(PipelineStage) })
  .openapi('Pipeline');
export type Pipeline = z.infer<typeof Pipeline>;

export const PipelineList = z.object({ items: z.array(Pipeline) }).openapi('PipelineList');

export const PipelineStageInput = z
  .strictObject({
    code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a lower-case code'),
    name: z.string().trim().min(1).max(100),
    position: z.number().int().min(0).max(1000),
    probability: z.number().int().min(0).max(100),
    kind: z.enum(STAGE_KINDS).default('open'),
  })
  .openapi('PipelineStageInput');
export type PipelineStageInput = z.infer<typeof PipelineStageInput>;

export const PipelineCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: '大客户管道' }),
    is_default: z.boolean().default(false),
    stages: z.array(PipelineStageInput).min(3).max(20),
  })
  .openapi('PipelineCreate');
export type PipelineCreate = z.infer<typeof PipelineCreate>;

export const Opportunity = z
  .object({
    id: z.number().int(),
    name: z.string(),
    customer_id: z.number().int(),
    customer_name: z.string().openapi({ example: '星辰物流有限公司' }),
    lead_id: z.number().int().nullable(),
    pipeline_id: z.number().int(),
    stage_id: z.number().int(),
    stage_name: z.string(),
    probability: z.number().int().openapi({ description: 'The probability of the current stage (0–100)' }),
    status: z.enum(OPPORTUNITY_STATUSES),
    amount: z.string().openapi({ example: '250000.00' }),
    currency: z.string(),
    expected_close_date: z.string().nullable().openapi({ format: 'date' }),
    next_step: z.string().nullable(),
    owner_id: z.number().int().nullable(),
    owner_name: z.string().nullable().openapi({ example: '李销售' }),
    source: z.string().nullable(),
    lost_reason: z.string().nullable(),
    closed_at: z.string().nullable(),
    contract_id: z.number().int().nullable(),
    stage_entered_at: z.string(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Opportunity');
export type Opportunity = z.infer<typeof Opportunity>;

export const OpportunityPage = pageOf(Opportunity, 'Opportunity');

const opportunityFields = {
  name: z.string().trim().min(1).max(200).openapi({ example: '星辰物流 运维外包' }),
  amount: money.default('0'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code').default('CNY'),
  expected_close_date: isoDate.nullish(),
  next_step: z.string().trim().max(300).nullish(),
  owner_id: z.number().int().positive().nullish(),
  source: z.string().trim().max(32).nullish(),
};

export const OpportunityCreate = z
  .strictObject({
    ...opportunityFields,
    customer_id: z.number().int().positive(),
    pipeline_id: z.number().int().positive().optional().openapi({ description: 'Default: the default pipeline' }),
    stage_id: z.number().int().positive().optional().openapi({ description: 'An open stage of the pipeline; default: the first' }),
  })
  .openapi('OpportunityCreate');
export type OpportunityCreate = z.infer<typeof OpportunityCreate>;

export const OpportunityUpdate = z
  .strictObject({ ...opportunityFields, amount: money, currency: opportunityFields.currency.optional() })
  .partial()
  .openapi('OpportunityUpdate');
export type OpportunityUpdate = z.infer<typeof OpportunityUpdate>;

export const OpportunityMove = z
  .strictObject({
    stage_id: z.number().int().positive(),
    lost_reason: z.string().trim().min(1).max(300).optional().openapi({ description: 'Required when moving to the lost stage' }),
  })
  .openapi('OpportunityMove');
export type OpportunityMove = z.infer<typeof OpportunityMove>;

export const OpportunityListQuery = z
  .strictObject({
    pipeline_id: z.coerce.number().int().positive().optional(),
    stage_id: z.coerce.number().int().positive().optional(),
    owner_id: z.coerce.number().int().positive().optional(),
    mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true').openapi({ type: 'string', enum: ['true', 'false'], description: 'Only opportunities I own' }),
    status: z.enum(OPPORTUNITY_STATUSES).optional(),
    customer_id: z.coerce.number().int().positive().optional(),
    close_from: isoDate.optional().openapi({ description: 'Expected close on or after' }),
    close_to: isoDate.optional().openapi({ description: 'Expected close on or before' }),
    ...pageQuery,
  })
  .openapi('OpportunityListQuery');
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;

export const BoardColumn = z
  .object({
    stage: PipelineStage,
    count: z.number().int(),
    amount: z.string().openapi({ example: '500000.00' }),
    weighted_amount: z.string().openapi({ description: 'Σ amount × stage probability' }),
    opportunities: z.array(Opportunity).openapi({ description: 'The 50 most recently moved of the column' }),
  })
  .openapi('PipelineBoardColumn');

export const PipelineBoardQuery = z
  .strictObject({
    owner_id: z.coerce.number().int().positive().optional().openapi({ description: 'Only opportunities of this owner' }),
    mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true').openapi({ type: 'string', enum: ['true', 'false'], description: 'Only opportunities I own' }),
  })
  .openapi('PipelineBoardQuery');
export type PipelineBoardQuery = z.infer<typeof PipelineBoardQuery>;

export const PipelineBoard = z
  .object({
    pipeline: Pipeline.omit({ stages: true }),
    columns: z.array(BoardColumn),
    totals: z.object({ count: z.number().int(), amount: z.string(), weighted_amount: z.string() }).openapi({ description: 'Open opportunities only' }),
  })
  .openapi('PipelineBoard');
export type PipelineBoard = z.infer<typeof PipelineBoard>;

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Opportunity version, for If-Match', schema: { type: 'string' as const } } };

export const listPipelinesRoute = createRoute({
  method: 'get',
  path: '/api/v1/pipelines',
  operationId: 'listPipelines',
  ...permission('opportunity:read'),
  tags: ['sales-pipeline'],
  summary: 'Sales pipelines with their stages (the default one is created on first read)',
  description: 'The default pipeline: 线索确认 10%, 需求分析 25%, 方案报价 50%, 商务谈判 75%, 赢单 100% (won), 输单 0% (lost).',
  responses: { 200: jsonResponse(PipelineList, 'PipelineList', 'The pipelines, default first'), ...errorResponses },
});

export const createPipelineRoute = createRoute({
  method: 'post',
  path: '/api/v1/pipelines',
  operationId: 'createPipeline',
  ...permission('opportunity:write'),
  tags: ['sales-pipeline'],
  summary: 'Create a pipeline with its own stages',
  description: 'Positions and codes unique, at least one open stage, exactly one won and one lost stage (else 422 `pipeline.invalid`).',
  request: { headers: idempotencyHeader, body: json(PipelineCreate) },
  responses: { 201: jsonResponse(Pipeline, 'Pipeline', 'Created'), ...writeErrorResponses },
});

export const pipelineBoardRoute = createRoute({
  method: 'get',
  path: '/api/v1/pipelines/{id}/board',
  operationId: 'getPipelineBoard',
  ...permission('opportunity:read'),
  tags: ['sales-pipeline'],
  summary: 'The pipeline as columns with their opportunities and totals',
  description: 'What `<crm-opportunity-pipeline>` shows: per stage the count, amount and weighted amount (amount × stage probability), and its 50 most recently moved opportunities; `owner_id` or `mine=true` narrow it to one owner.',
  request: { params: IdParam, query: PipelineBoardQuery },
  responses: { 200: jsonResponse(PipelineBoard, 'PipelineBoard', 'The board'), ...errorResponses },
});

export const createOpportunityRoute = createRoute({
  method: 'post',
  path: '/api/v1/opportunities',
  operationId: 'createOpportunity',
  ...permission('opportunity:write'),
  tags: ['sales-pipeline'],
  summary: 'Create an opportunity for a customer',
  description: 'Starts at the given open stage or the first stage of the pipeline (default: the default pipeline) and writes the first stage-history entry; the owner defaults to the caller, and one named must be a member of staff of the tenant who may write opportunities (else 422 `user.reference_invalid`).',
  request: { headers: idempotencyHeader, body: json(OpportunityCreate) },
  responses: { 201: { ...jsonResponse(Opportunity, 'Opportunity', 'Created'), headers: etagHeader }, ...writeErrorResponses },
});

export const listOpportunitiesRoute = createRoute({
  method: 'get',
  path: '/api/v1/opportunities',
  operationId: 'listOpportunities',
  ...permission('opportunity:read'),
  tags: ['sales-pipeline'],
  summary: 'Opportunities, newest first (keyset pages)',
  description: 'Filters: pipeline, stage, owner or `mine`, status, customer, expected close date range.',
  request: { query: OpportunityListQuery },
  responses: { 200: jsonResponse(OpportunityPage, 'OpportunityPage', 'A page of opportunities'), ...errorResponses },
});

export const getOpportunityRoute = createRoute({
  method: 'get',
  path: '/api/v1/opportunities/{id}',
  operationId: 'getOpportunity',
  ...permission('opportunity:read'),
  tags: ['sales-pipeline'],
  summary: 'One opportunity, with its ETag',
  description: 'With the name and probability of its current stage; the ETag is what PATCH expects in If-Match.',
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Opportunity, 'Opportunity', 'The opportunity'), headers: etagHeader }, ...errorResponses },
});

export const updateOpportunityRoute = createRoute({
  method: 'patch',
  path: '/api/v1/opportunities/{id}',
  operationId: 'updateOpportunity',
  ...permission('opportunity:write'),
  tags: ['sales-pipeline'],
  summary: 'Update an open opportunity (If-Match required)',
  description: 'Stages change through POST /opportunities/{id}/move; a closed opportunity answers 409 `opportunity.closed`; a new `owner_id` must name a member of staff who may write opportunities (else 422 `user.reference_invalid`).',
  request: { params: IdParam, headers: ifMatchHeader, body: json(OpportunityUpdate) },
  responses: { 200: { ...jsonResponse(Opportunity, 'Opportunity', 'The updated opportunity'), headers: etagHeader }, ...writeErrorResponses },
});

export const moveOpportunityRoute = createRoute({
  method: 'post',
  path: '/api/v1/opportunities/{id}/move',
  operationId: 'moveOpportunity',
  ...permission('opportunity:write'),
  tags: ['sales-pipeline'],
  summary: 'Move an opportunity to another stage (If-Match required)',
  description: 'Needs `If-Match` with the ETag read (412 when someone changed or moved it since, 428 without it): two sellers dragging the same card do not overwrite each other. Writes the stage history. The won stage closes it as won and creates a contract draft for the customer (linked as `contract_id`); the lost stage needs `lost_reason` (else 422 `opportunity.lost_reason_required`). A closed opportunity answers 409 `opportunity.closed`.',
  request: { params: IdParam, headers: ifMatchHeader.extend(idempotencyHeader.shape), body: json(OpportunityMove) },
  responses: { 200: { ...jsonResponse(Opportunity, 'Opportunity', 'The moved opportunity'), headers: etagHeader }, ...writeErrorResponses },
});
