import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { MAX_RULE_LENGTH, RULE_FIELDS, VALUE_TIERS } from './segment-rules.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const RuleText = z
  .string()
  .min(1)
  .max(MAX_RULE_LENGTH)
  .openapi({
    description: `The rule (see docs/segments.md). Fields: ${Object.keys(RULE_FIELDS).join(', ')}. Operators: = != > >= < <= in, not in, is [not] null; and/or/not with parentheses; strings in double quotes.`,
    example: 'level >= 3 and industry in ("制造业", "金融") and (health_band = "red" or revenue_12m > 100000)',
  });

export const SegmentPreviewInput = z.strictObject({ rule_text: RuleText }).openapi('SegmentPreviewInput');

/** A customer as a preview sample shows it. */
export const SegmentSampleCustomer = z
  .object({ id: z.number().int(), code: z.string(), name: z.string(), level: z.number().int(), industry: z.string().nullable() })
  .openapi('SegmentSampleCustomer');

export const SegmentPreview = z
  .object({ count: z.number().int().openapi({ description: 'Customers the rule matches now (of those the caller may see)' }), sample: z.array(SegmentSampleCustomer).openapi({ description: 'The first 20 by id' }) })
  .openapi('SegmentPreview');

export const SegmentCreate = z
  .strictObject({ name: z.string().trim().min(1).max(100), description: z.string().trim().max(2_000).nullable().optional(), rule_text: RuleText })
  .openapi('SegmentCreate');
export type SegmentCreate = z.infer<typeof SegmentCreate>;

export const SegmentPatch = z
  .strictObject({ name: z.string().trim().min(1).max(100).optional(), description: z.string().trim().max(2_000).nullable().optional(), rule_text: RuleText.optional() })
  .openapi('SegmentPatch');
export type SegmentPatch = z.infer<typeof SegmentPatch>;

/** A saved segment with its rule (text and parsed AST) and the size of its last refresh. */
export const Segment = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    rule_text: z.string(),
    rule: z.record(z.string(), z.unknown()).openapi({ description: 'The parsed rule (AST)' }),
    member_count: z.number().int(),
    refreshed_at: z.string().nullable().openapi({ description: 'Beijing time of the last refresh' }),
    created_at: z.string(),
    updated_at: z.string(),
    version: z.number().int(),
  })
  .openapi('Segment');
export type Segment = z.infer<typeof Segment>;

export const SegmentPage = z.object({ items: z.array(Segment), next_cursor: z.string().nullable() }).openapi('SegmentPage');

/** A member of a segment with the columns of the export. */
export const SegmentMember = z
  .object({
    customer_id: z.number().int(),
    customer_code: z.string(),
    customer_name: z.string(),
    level: z.number().int(),
    industry: z.string().nullable(),
    region: z.string().nullable(),
    health_band: z.enum(['green', 'yellow', 'red']).nullable(),
    revenue_12m: z.string().openapi({ description: 'Non-void invoices issued in the last 12 months, decimal string', example: '120000.00' }),
    value_tier: z.enum(VALUE_TIERS).nullable(),
  })
  .openapi('SegmentMember');
export type SegmentMember = z.infer<typeof SegmentMember>;

export const SegmentMemberPage = z.object({ items: z.array(SegmentMember), next_cursor: z.string().nullable() }).openapi('SegmentMemberPage');

export const SegmentPushResult = z
  .object({ pushed: z.number().int().openapi({ description: 'Members handed over' }), events: z.number().int().openapi({ description: '`segment.pushed` events written (500 members each)' }) })
  .openapi('SegmentPushResult');

export const ValueTier = z
  .object({
    customer_id: z.number().int(),
    tier: z.enum(VALUE_TIERS),
    recency_days: z.number().int().nullable().openapi({ description: 'Days since the last non-void invoice within 12 months; null without one' }),
    frequency: z.number().int(),
    monetary: z.string(),
    r_score: z.number().int(),
    f_score: z.number().int(),
    m_score: z.number().int(),
    computed_at: z.string(),
  })
  .openapi('ValueTier');

export const ValueTierRecompute = z
  .object({ customers: z.number().int(), tiers: z.record(z.string(), z.number().int()).openapi({ description: 'Customers per tier' }) })
  .openapi('ValueTierRecompute');

const tags = ['segments'];
const readNote = 'Takes `segment:read`.';
const writeNote = 'Takes `segment:write` (managers, analysts, admins).';

export const previewSegmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/segments/preview',
  operationId: 'previewSegment',
  ...permission('segment:read'),
  tags,
  summary: 'Count the customers a rule matches, without saving',
  description: `The count and the first 20 customers. 422 \`segment.rule_invalid\` with \`details.position\` (1-based) and \`details.message\` {zh, en} when the rule does not parse (unknown field, wrong value type, syntax). ${readNote}`,
  request: { body: { content: { 'application/json': { schema: SegmentPreviewInput } }, required: true } },
  responses: { 200: jsonResponse(SegmentPreview, 'SegmentPreview', 'The count and a sample'), ...errorResponses },
});

export const createSegmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/segments',
  operationId: 'createSegment',
  ...permission('segment:write'),
  tags,
  summary: 'Save a segment and materialise its members',
  description: `Parses the rule, saves it and stores its members in the same transaction. 422 \`segment.rule_invalid\` saves nothing. ${writeNote}`,
  request: { body: { content: { 'application/json': { schema: SegmentCreate } }, required: true } },
  responses: { 201: jsonResponse(Segment, 'Segment', 'The segment'), ...writeErrorResponses },
});

export const listSegmentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/segments',
  operationId: 'listSegments',
  ...permission('segment:read'),
  tags,
  summary: 'Segments, newest first',
  description: readNote,
  request: { query: z.strictObject(pageQuery) },
  responses: { 200: jsonResponse(SegmentPage, 'SegmentPage', 'A page of segments'), ...errorResponses },
});

export const getSegmentRoute = createRoute({
  method: 'get',
  path: '/api/v1/segments/{id}',
  operationId: 'getSegment',
  ...permission('segment:read'),
  tags,
  summary: 'One segment',
  description: `With an \`ETag\` for \`If-Match\` on PATCH. ${readNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Segment, 'Segment', 'The segment'), ...errorResponses },
});

export const updateSegmentRoute = createRoute({
  method: 'patch',
  path: '/api/v1/segments/{id}',
  operationId: 'updateSegment',
  ...permission('segment:write'),
  tags,
  summary: 'Change a segment (If-Match); a new rule refreshes its members',
  description: `Needs \`If-Match\` (428 without, 412 when stale). ${writeNote}`,
  request: { params: IdParam, body: { content: { 'application/json': { schema: SegmentPatch } }, required: true } },
  responses: { 200: jsonResponse(Segment, 'Segment', 'The segment'), ...writeErrorResponses },
});

export const deleteSegmentRoute = createRoute({
  method: 'delete',
  path: '/api/v1/segments/{id}',
  operationId: 'deleteSegment',
  ...permission('segment:write'),
  tags,
  summary: 'Delete a segment and its members',
  description: writeNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Segment, 'Segment', 'The deleted segment'), ...writeErrorResponses },
});

export const refreshSegmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/segments/{id}/refresh',
  operationId: 'refreshSegment',
  ...permission('segment:write'),
  tags,
  summary: 'Re-evaluate the rule and replace the members',
  description: `Segments are also refreshed nightly after 04:00 Beijing time. ${writeNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Segment, 'Segment', 'The refreshed segment'), ...writeErrorResponses },
});

export const listSegmentMembersRoute = createRoute({
  method: 'get',
  path: '/api/v1/segments/{id}/members',
  operationId: 'listSegmentMembers',
  ...permission('segment:read'),
  tags,
  summary: 'Members of a segment at its last refresh, by customer id',
  description: `Only the members the caller may see. ${readNote}`,
  request: { params: IdParam, query: z.strictObject(pageQuery) },
  responses: { 200: jsonResponse(SegmentMemberPage, 'SegmentMemberPage', 'A page of members'), ...errorResponses },
});

export const exportSegmentRoute = createRoute({
  method: 'get',
  path: '/api/v1/segments/{id}/export',
  operationId: 'exportSegment',
  ...permission('segment:read'),
  tags,
  summary: 'Download the members as CSV (UTF-8 with BOM) or XLSX',
  description: `Columns: customer code, name, level, industry, region, health band, revenue 12m, value tier. ${readNote}`,
  request: { params: IdParam, query: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
  responses: {
    200: {
      description: 'The file',
      content: { 'text/csv': { schema: z.string().openapi({ example: '客户编码,客户名称,等级\n' }) }, [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses,
  },
});

export const pushSegmentRoute = createRoute({
  method: 'post',
  path: '/api/v1/segments/{id}/push',
  operationId: 'pushSegment',
  ...permission('segment:write'),
  tags,
  summary: 'Hand the members to marketing automation (signed webhook)',
  description: `Writes \`segment.pushed\` events with the members in chunks of 500 (id, code, name, level, industry, region — no contact data); the webhook worker delivers them signed to subscriptions with target \`marketing\` and event type \`segment.*\`. ${writeNote}`,
  request: { params: IdParam },
  responses: { 202: jsonResponse(SegmentPushResult, 'SegmentPushResult', 'What was queued'), ...writeErrorResponses },
});

export const recomputeValueTiersRoute = createRoute({
  method: 'post',
  path: '/api/v1/segments/value-tiers/recompute',
  operationId: 'recomputeValueTiers',
  ...permission('segment:write'),
  tags,
  summary: 'Recompute the RFM value tier of every customer now',
  description: `Also done nightly. Recency, frequency and monetary value from the non-void invoices of the last 12 months, each scored 1–5 by quintile among the customers with invoices (1 without). ${writeNote}`,
  responses: { 200: jsonResponse(ValueTierRecompute, 'ValueTierRecompute', 'Customers per tier'), ...writeErrorResponses },
});

export const getCustomerValueTierRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/value-tier',
  operationId: 'getCustomerValueTier',
  ...permission('segment:read'),
  tags,
  summary: "A customer's value tier and its RFM scores",
  description: `404 \`value_tier.not_found\` until the first computation. ${readNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ValueTier, 'ValueTier', 'The value tier'), ...errorResponses },
});
