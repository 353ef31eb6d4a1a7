import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { PRIORITIES } from '../../service/service-records/service-records.public.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const MINUTES_PER_YEAR = 366 * 24 * 60;

export const PriorityTargetSchema = z
  .strictObject({
    response_minutes: z.number().int().min(1).max(MINUTES_PER_YEAR).openapi({ description: 'First response within this many service minutes' }),
    resolution_minutes: z.number().int().min(1).max(MINUTES_PER_YEAR).openapi({ description: 'Resolution within this many service minutes' }),
  })
  .refine((t) => t.resolution_minutes >= t.response_minutes, { message: 'resolution_minutes must not be shorter than response_minutes', path: ['resolution_minutes'] })
  .openapi('SlaPriorityTarget');

/** A more urgent priority never gets a looser target than a less urgent one. */
export const SlaTargetsSchema = z
  .strictObject({ P1: PriorityTargetSchema, P2: PriorityTargetSchema, P3: PriorityTargetSchema, P4: PriorityTargetSchema })
  .superRefine((targets, issue) => {
    for (let i = 1; i < PRIORITIES.length; i += 1) {
      const urgent = targets[PRIORITIES[i - 1]!];
      const lesser = targets[PRIORITIES[i]!];
      for (const field of ['response_minutes', 'resolution_minutes'] as const) {
        if (urgent[field] > lesser[field]) {
          issue.addIssue({ code: 'custom', path: [PRIORITIES[i - 1]!, field], message: `${PRIORITIES[i - 1]} must not be looser than ${PRIORITIES[i]}` });
        }
      }
    }
  })
  .openapi('SlaTargets');

export const EscalationStepSchema = z
  .strictObject({
    level: z.number().int().min(1).max(9),
    after_minutes: z.number().int().min(0).max(MINUTES_PER_YEAR).openapi({ description: 'Escalate to this contact after so many minutes without a response' }),
    name: z.string().trim().min(1).max(100),
    role: z.string().trim().min(1).max(64),
    contact: z.string().trim().max(200).optional(),
  })
  .openapi('SlaEscalationStep');

export const ServiceCreditSchema = z
  .strictObject({
    below_availability: z.number().gt(0).max(100),
    credit_percent: z.number().gt(0).max(100),
  })
  .openapi('SlaServiceCredit');

export const SlaVersionInput = z
  .strictObject({
    service_hours: z.enum(['7x24', '5x8']).openapi({ description: '7x24 around the clock, or 5x8 on the tenant working calendar' }),
    targets: SlaTargetsSchema,
    availability_target: z.number().min(90).max(100).openapi({ example: 99.9, description: 'Monthly availability target, percent' }),
    escalation: z.array(EscalationStepSchema).max(9).default([]),
    service_credits: z.array(ServiceCreditSchema).max(10).default([]),
    reviews_per_year: z.number().int().min(0).max(52).default(0),
    notes: z.string().trim().max(2000).nullish(),
  })
  .openapi('SlaVersionInput');
export type SlaVersionInput = z.infer<typeof SlaVersionInput>;

export const SlaVersion = z
  .object({
    id: z.number().int(),
    tier_id: z.number().int(),
    tier_code: z.string(),
    tier_name: z.object({ zh: z.string(), en: z.string() }),
    tier_rank: z.number().int(),
    version_no: z.number().int(),
    status: z.enum(['draft', 'published', 'retired']),
    service_hours: z.enum(['7x24', '5x8']),
    targets: SlaTargetsSchema,
    availability_target: z.number(),
    escalation: z.array(EscalationStepSchema),
    service_credits: z.array(ServiceCreditSchema),
    reviews_per_year: z.number().int(),
    notes: z.string().nullable(),
    published_at: z.string().nullable(),
    retired_at: z.string().nullable(),
  })
  .openapi('SlaVersion');
export type SlaVersion = z.infer<typeof SlaVersion>;

export const SlaTier = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name_zh: z.string(),
    name_en: z.string(),
    rank: z.number().int(),
    description: z.string().nullable(),
    versions: z.array(SlaVersion).openapi({ description: 'Every version, newest first' }),
  })
  .openapi('SlaTier');
export type SlaTier = z.infer<typeof SlaTier>;

export const SlaTierCreate = z
  .strictObject({
    code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,31}$/, 'lower-case letters, digits and _').openapi({ example: 'gold' }),
    name_zh: z.string().trim().min(1).max(50),
    name_en: z.string().trim().min(1).max(50),
    rank: z.number().int().min(0).max(99),
    description: z.string().trim().max(1000).nullish(),
  })
  .openapi('SlaTierCreate');
export type SlaTierCreate = z.infer<typeof SlaTierCreate>;

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const tags = ['sla-policies'];

export const listSlaTiersRoute = createRoute({
  method: 'get',
  path: '/api/v1/sla/tiers',
  operationId: 'listSlaTiers',
  ...permission('customer:read'),
  tags,
  summary: 'The SLA catalogue: tiers and their versions',
  description: 'REQ-016-009. Every tier (标准, 高级, 尊享, 战略 by default, lowest rank first) with all its versions. A new tenant starts with the default catalogue, published as version 1 of each tier.',
  responses: { 200: jsonResponse(z.object({ items: z.array(SlaTier) }).openapi('SlaTierList'), 'SlaTierList', 'The catalogue'), ...errorResponses },
});

export const createSlaTierRoute = createRoute({
  method: 'post',
  path: '/api/v1/sla/tiers',
  operationId: 'createSlaTier',
  ...permission('sla:write'),
  tags,
  summary: 'Add a tier to the catalogue',
  description: 'A tier has no version until one is drafted and published. A code already used answers 409 `sla.tier_exists`.',
  request: { body: json(SlaTierCreate) },
  responses: { 201: jsonResponse(SlaTier, 'SlaTier', 'The new tier'), ...writeErrorResponses },
});

export const createSlaVersionRoute = createRoute({
  method: 'post',
  path: '/api/v1/sla/tiers/{id}/versions',
  operationId: 'createSlaVersion',
  ...permission('sla:write'),
  tags,
  summary: 'Draft a new version of a tier',
  description: 'The draft is numbered after the newest version of the tier. It changes nothing until it is published, and publishing changes no existing binding by itself.',
  request: { params: IdParam, body: json(SlaVersionInput) },
  responses: { 201: jsonResponse(SlaVersion, 'SlaVersion', 'The draft'), ...writeErrorResponses },
});

export const getSlaVersionRoute = createRoute({
  method: 'get',
  path: '/api/v1/sla/versions/{id}',
  operationId: 'getSlaVersion',
  ...permission('customer:read'),
  tags,
  summary: 'One SLA version',
  description: 'Its targets per priority, service hours, availability, escalation chain, service credits and status. Published versions never change.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(SlaVersion, 'SlaVersion', 'The version'), ...errorResponses },
});

export const updateSlaVersionRoute = createRoute({
  method: 'put',
  path: '/api/v1/sla/versions/{id}',
  operationId: 'updateSlaVersion',
  ...permission('sla:write'),
  tags,
  summary: 'Replace the terms of a draft',
  description: 'Only drafts change: a published or retired version answers 409 `sla.version_immutable` (the database refuses it as well).',
  request: { params: IdParam, body: json(SlaVersionInput) },
  responses: { 200: jsonResponse(SlaVersion, 'SlaVersion', 'The draft'), ...writeErrorResponses },
});

export const publishSlaVersionRoute = createRoute({
  method: 'post',
  path: '/api/v1/sla/versions/{id}/publish',
  operationId: 'publishSlaVersion',
  ...permission('sla:write'),
  tags,
  summary: 'Publish a draft: it becomes immutable and bindable',
  description: 'Existing bindings keep their version; activations, amendments and re-evaluations from now on pick the newest published version. Announced as `sla.version_published`.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(SlaVersion, 'SlaVersion', 'The published version'), ...writeErrorResponses },
});

export const retireSlaVersionRoute = createRoute({
  method: 'post',
  path: '/api/v1/sla/versions/{id}/retire',
  operationId: 'retireSlaVersion',
  ...permission('sla:write'),
  tags,
  summary: 'Retire a published version: nothing new binds to it',
  description: 'Bindings that use it stay as they are (they are what was agreed); a new binding to it answers 422 `sla.version_not_bindable`.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(SlaVersion, 'SlaVersion', 'The retired version'), ...writeErrorResponses },
});
