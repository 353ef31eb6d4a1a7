import { createRoute, z } from '@hono/zod-openapi';
import { EMAIL_PATTERN, MOBILE_PATTERN } from '../../../platform/crypto/pii.ts';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { money } from '../../contracts-sla/contracts/contracts.public.ts';
import { BANT_VALUES } from './lead-qualification.ts';
import { LEAD_STATUSES } from './sales-pipeline.schema.ts';
import { Opportunity } from './opportunities.contract.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const Qualification = z
  .strictObject({
    budget: z.enum(BANT_VALUES.budget).optional(),
    authority: z.enum(BANT_VALUES.authority).optional(),
    need: z.enum(BANT_VALUES.need).optional(),
    timeline: z.enum(BANT_VALUES.timeline).optional(),
  })
  .openapi('LeadQualification', { description: 'BANT: budget, authority, need, timeline; the lead score (0–100) follows from it' });

const leadFields = {
  company_name: z.string().trim().min(1).max(200).openapi({ example: '星辰物流有限公司' }),
  contact_name: optionalText(100).openapi({ example: '王经理' }),
  title: optionalText(100).openapi({ example: 'IT 总监' }),
  mobile: z.string().trim().max(20).regex(MOBILE_PATTERN, '手机号格式不正确 / invalid mobile number').nullish().openapi({ example: '13900139000' }),
  email: z.string().trim().max(100).regex(EMAIL_PATTERN, '邮箱格式不正确 / invalid e-mail').nullish().openapi({ example: 'wang@xingchen.cn' }),
  source: z.string().trim().min(1).max(32).openapi({ example: 'website' }),
  owner_id: z.number().int().positive().nullish(),
  qualification: Qualification.optional(),
  industry: optionalText(50),
  region: optionalText(50),
  notes: optionalText(5000),
};

export const LeadCreate = z.strictObject(leadFields).openapi('LeadCreate');
export type LeadCreate = z.infer<typeof LeadCreate>;

export const LeadUpdate = z
  .strictObject({ ...leadFields, status: z.enum(LEAD_STATUSES).optional().openapi({ description: '`converted` is reached only through POST /leads/{id}/convert' }) })
  .partial()
  .openapi('LeadUpdate');
export type LeadUpdate = z.infer<typeof LeadUpdate>;

export const LeadDuplicate = z
  .object({
    kind: z.enum(['lead', 'customer', 'contact']),
    id: z.number().int(),
    name: z.string(),
    match: z.enum(['mobile', 'email', 'company_name']),
    customer_id: z.number().int().nullable().openapi({ description: 'The customer of a matching contact, or the customer itself' }),
  })
  .openapi('LeadDuplicate');
export type LeadDuplicate = z.infer<typeof LeadDuplicate>;

export const Lead = z
  .object({
    id: z.number().int(),
    company_name: z.string(),
    contact_name: z.string().nullable(),
    title: z.string().nullable(),
    mobile: z.string().nullable().openapi({ description: 'Masked (139****9000) unless the caller has pii:read' }),
    email: z.string().nullable(),
    source: z.string(),
    owner_id: z.number().int().nullable(),
    status: z.enum(LEAD_STATUSES),
    qualification: Qualification,
    score: z.number().int().nullable(),
    industry: z.string().nullable(),
    region: z.string().nullable(),
    notes: z.string().nullable(),
    converted_customer_id: z.number().int().nullable(),
    converted_opportunity_id: z.number().int().nullable(),
    converted_at: z.string().nullable(),
    version: z.number().int(),
    created_at: z.string().openapi({ example: '2026-11-26 10:00:00', description: 'Beijing time' }),
    updated_at: z.string(),
  })
  .openapi('Lead');
export type Lead = z.infer<typeof Lead>;

export const LeadCreated = Lead.extend({ duplicates: z.array(LeadDuplicate) }).openapi('LeadCreated');
export const LeadPage = pageOf(Lead, 'Lead');
export const LeadDuplicates = z.object({ items: z.array(LeadDuplicate) }).openapi('LeadDuplicates');

export const LeadListQuery = z
  .strictObject({
    mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true').openapi({ type: 'string', enum: ['true', 'false'], description: 'Only leads I own' }),
    status: z.enum(LEAD_STATUSES).optional(),
    source: z.string().trim().max(32).optional(),
    q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Part of the company or contact name' }),
    ...pageQuery,
  })
  .openapi('LeadListQuery');
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const LeadCreateQuery = z.strictObject({
  reject_duplicates: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ type: 'string', enum: ['true', 'false'], description: 'Refuse (409 `lead.duplicate`) instead of creating when duplicates exist' }),
});

export const LeadDuplicateQuery = z
  .strictObject({
    company_name: z.string().trim().min(1).max(200).optional(),
    mobile: z.string().trim().max(20).regex(MOBILE_PATTERN, '手机号格式不正确 / invalid mobile number').optional(),
    email: z.string().trim().max(100).regex(EMAIL_PATTERN, '邮箱格式不正确 / invalid e-mail').optional(),
  })
  .refine((q) => Boolean(q.company_name || q.mobile || q.email), { message: 'give company_name, mobile or email / 请提供 company_name、mobile 或 email' })
  .openapi('LeadDuplicateQuery');
export type LeadDuplicateQuery = z.infer<typeof LeadDuplicateQuery>;

export const LeadConversion = z
  .strictObject({
    customer_id: z.number().int().positive().optional().openapi({ description: 'Link to this existing customer instead of creating a potential customer' }),
    opportunity: z.strictObject({
      name: z.string().trim().min(1).max(200).openapi({ example: '星辰物流 运维外包' }),
      amount: money.default('0'),
      expected_close_date: isoDate.nullish(),
      pipeline_id: z.number().int().positive().optional().openapi({ description: 'Default: the default pipeline' }),
    }),
  })
  .openapi('LeadConversion');
export type LeadConversion = z.infer<typeof LeadConversion>;

export const LeadConverted = z
  .object({ lead: Lead, customer_id: z.number().int(), customer_created: z.boolean(), contact_id: z.number().int().nullable(), opportunity: Opportunity })
  .openapi('LeadConverted');

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Lead version, for If-Match', schema: { type: 'string' as const } } };

export const createLeadRoute = createRoute({
  method: 'post',
  path: '/api/v1/leads',
  operationId: 'createLead',
  ...permission('lead:write'),
  tags: ['sales-pipeline'],
  summary: 'Create a lead; answers the duplicates it found',
  description: 'Mobile and e-mail are checked by blind index against leads and customer contacts, the company name against customers (normalised and similar). Duplicates do not block unless `reject_duplicates=true` (409 `lead.duplicate`). `owner_id` (default: the caller) must name a member of staff of the tenant who may write leads (else 422 `user.reference_invalid`).',
  request: { query: LeadCreateQuery, headers: idempotencyHeader, body: json(LeadCreate) },
  responses: { 201: { ...jsonResponse(LeadCreated, 'LeadCreated', 'Created'), headers: etagHeader }, ...writeErrorResponses },
});

export const listLeadsRoute = createRoute({
  method: 'get',
  path: '/api/v1/leads',
  operationId: 'listLeads',
  ...permission('lead:read'),
  tags: ['sales-pipeline'],
  summary: 'Leads, newest first (keyset pages)',
  description: 'Contact fields are masked unless the caller holds `pii:read`.',
  request: { query: LeadListQuery },
  responses: { 200: jsonResponse(LeadPage, 'LeadPage', 'A page of leads'), ...errorResponses },
});

export const leadDuplicatesRoute = createRoute({
  method: 'get',
  path: '/api/v1/leads/duplicates',
  operationId: 'findLeadDuplicates',
  ...permission('lead:read'),
  tags: ['sales-pipeline'],
  summary: 'Leads, customers and contacts a prospective lead duplicates',
  description: 'Exact blind-index match of mobile / e-mail against leads and customer contacts; company name against customers (normalised exact and trigram-similar).',
  request: { query: LeadDuplicateQuery },
  responses: { 200: jsonResponse(LeadDuplicates, 'LeadDuplicates', 'The duplicates found'), ...errorResponses },
});

export const getLeadRoute = createRoute({
  method: 'get',
  path: '/api/v1/leads/{id}',
  operationId: 'getLead',
  ...permission('lead:read'),
  tags: ['sales-pipeline'],
  summary: 'One lead, with its ETag',
  description: 'Mobile and e-mail are masked unless the caller holds `pii:read`; the ETag is what PATCH expects in If-Match.',
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Lead, 'Lead', 'The lead'), headers: etagHeader }, ...errorResponses },
});

export const updateLeadRoute = createRoute({
  method: 'patch',
  path: '/api/v1/leads/{id}',
  operationId: 'updateLead',
  ...permission('lead:write'),
  tags: ['sales-pipeline'],
  summary: 'Update a lead (If-Match required)',
  description: 'Status changes follow new → contacted → qualified / unqualified; a converted lead cannot be edited (409 `lead.already_converted`); a new `owner_id` must name a member of staff who may write leads (else 422 `user.reference_invalid`).',
  request: { params: IdParam, headers: ifMatchHeader, body: json(LeadUpdate) },
  responses: { 200: { ...jsonResponse(Lead, 'Lead', 'The updated lead'), headers: etagHeader }, ...writeErrorResponses },
});

export const convertLeadRoute = createRoute({
  method: 'post',
  path: '/api/v1/leads/{id}/convert',
  operationId: 'convertLead',
  ...permission('lead:write', 'opportunity:write', 'customer:write'),
  tags: ['sales-pipeline'],
  summary: 'Convert a lead into a potential customer (or link one) plus an opportunity, once',
  description: 'In one transaction: a potential customer (status 1) with the lead\'s contact, or the given existing customer; an opportunity at the first stage; the lead becomes `converted`. A second conversion answers 409 `lead.already_converted` and writes nothing.',
  request: { params: IdParam, headers: idempotencyHeader, body: json(LeadConversion) },
  responses: { 201: jsonResponse(LeadConverted, 'LeadConverted', 'Converted'), ...writeErrorResponses },
});
