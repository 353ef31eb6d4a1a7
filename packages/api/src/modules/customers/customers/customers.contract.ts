import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { Contact, ContactInput } from '../contacts/contacts.public.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const CUSTOMER_TYPES = [1, 2, 3] as const;
export const CUSTOMER_STATUSES = [1, 2, 3] as const;
export const CUSTOMER_LEVELS = [1, 2, 3, 4] as const;

const enumInt = <T extends readonly number[]>(values: T, description: string) =>
  z
    .number()
    .int()
    .refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` })
    .openapi({ enum: [...values], description });

const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** 统一社会信用代码: 18 characters of digits and upper-case letters (no I, O, S, V, Z). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const customerFields = {
  customer_name: z.string().trim().min(1).max(200).openapi({ example: 'ABC科技有限公司' }),
  customer_type: enumInt(CUSTOMER_TYPES, '1 企业 enterprise, 2 政府 government, 3 个人 individual'),
  industry: optionalText(100).openapi({ example: '软件开发' }),
  scale: optionalText(50).openapi({ example: '中型企业' }),
  address: optionalText(500).openapi({ example: '北京市朝阳区xxx路xxx号' }),
  website: optionalText(200)
    .refine((v) => !v || /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(v), { message: 'invalid website' })
    .openapi({ example: 'https://www.abc-tech.com' }),
  description: optionalText(5000),
  status: enumInt(CUSTOMER_STATUSES, '1 潜在客户 potential, 2 正式客户 formal, 3 流失客户 lost'),
  level: enumInt(CUSTOMER_LEVELS, '1 普通, 2 重要, 3 VIP, 4 战略'),
  source: optionalText(50).openapi({ example: '网络推广' }),
  assigned_manager_id: z.number().int().positive().nullish().openapi({ example: 1001 }),
  credit_code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(CREDIT_CODE, 'invalid unified social credit code')
    .nullish()
    .openapi({ description: '统一社会信用代码' }),
  region: optionalText(100).openapi({ example: '北京' }),
  parent_customer_id: z.number().int().positive().nullish().openapi({ description: 'Parent company (customer group)' }),
};

export const CustomerCreate = z
  .strictObject({
    ...customerFields,
    customer_type: customerFields.customer_type.default(1),
    status: customerFields.status.default(1),
    level: customerFields.level.default(1),
    contacts: z.array(ContactInput).max(50).default([]),
    tag_ids: z.array(z.number().int().positive()).max(50).default([]),
  })
  .openapi('CustomerCreate');
export type CustomerCreate = z.infer<typeof CustomerCreate>;

export const CustomerUpdate = z.strictObject(customerFields).partial().openapi('CustomerUpdate');
export type CustomerUpdate = z.infer<typeof CustomerUpdate>;

export const CustomerCreated = z
  .object({
    customer_id: z.number().int().openapi({ example: 12345 }),
    customer_code: z.string().openapi({ example: 'CUST202408110001' }),
    customer_name: z.string(),
    status: z.number().int(),
    created_at: z.string().openapi({ example: '2024-08-11 14:30:00', description: 'Tenant local time (Asia/Shanghai)' }),
    contacts: z.array(z.object({ id: z.number().int(), contact_name: z.string() })),
  })
  .openapi('CustomerCreated');

export const TagRef = z.object({ id: z.number().int(), name: z.string(), color: z.string() }).openapi('TagRef');

export const Completeness = z
  .object({
    score: z.number().int().min(0).max(100),
    complete: z.boolean().openapi({ description: 'All key information present (score ≥ 95 and a reachable decision maker)' }),
    missing: z.array(z.string()).openapi({ example: ['website', 'decision_maker'] }),
  })
  .openapi('Completeness');

export const Department = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    parent_id: z.number().int().nullable(),
    name: z.string(),
    sort_order: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Department');

const customerCore = {
  id: z.number().int(),
  customer_code: z.string(),
  customer_name: z.string(),
  customer_type: z.number().int(),
  industry: z.string().nullable(),
  scale: z.string().nullable(),
  status: z.number().int(),
  level: z.number().int(),
  region: z.string().nullable(),
  assigned_manager_id: z.number().int().nullable(),
  assigned_manager_name: z.string().nullable(),
  archived_at: z.string().nullable(),
  updated_at: z.string(),
};

export const Customer = z
  .object({
    ...customerCore,
    address: z.string().nullable(),
    website: z.string().nullable(),
    description: z.string().nullable(),
    source: z.string().nullable(),
    credit_code: z.string().nullable(),
    parent_customer_id: z.number().int().nullable(),
    version: z.number().int(),
    created_at: z.string(),
    contacts: z.array(Contact),
    departments: z.array(Department),
    tags: z.array(TagRef),
    completeness: Completeness,
  })
  .openapi('Customer');
export type Customer = z.infer<typeof Customer>;

export const CustomerSummary = z
  .object({
    ...customerCore,
    primary_contact_name: z.string().nullable(),
    tags: z.array(TagRef),
    completeness_score: z.number().int(),
  })
  .openapi('CustomerSummary');
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerPage = pageOf(CustomerSummary, 'Customer');

const csvInts = (max: number) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated integers')
    .transform((s) => s.split(',').map(Number))
    .refine((list) => list.every((n) => n >= 1 && n <= max), { message: `values between 1 and ${max}` })
    .optional();

export const CUSTOMER_SORTS = ['-created_at', 'created_at', 'customer_name', '-customer_name', '-updated_at', 'relevance'] as const;

export const CustomerListQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional().openapi({ description: 'Name (fuzzy, pinyin, initials), code, or exact contact phone / e-mail' }),
    status: csvInts(3).openapi({ type: 'string', example: '1,2' }),
    level: csvInts(4).openapi({ type: 'string', example: '3,4' }),
    customer_type: csvInts(3).openapi({ type: 'string', example: '1' }),
    industry: z.string().trim().max(100).optional(),
    region: z.string().trim().max(100).optional(),
    manager_id: z.coerce.number().int().positive().optional(),
    tag_id: z.coerce.number().int().positive().optional(),
    parent_customer_id: z.coerce.number().int().positive().optional(),
    archived: z.enum(['false', 'true', 'all']).default('false'),
    sort: z.enum(CUSTOMER_SORTS).optional().openapi({ description: 'Default: relevance when q is given, else -created_at' }),
    ...pageQuery,
  })
  .openapi('CustomerListQuery');
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;


export const ForceQuery = z.strictObject({
  force: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ description: 'Create even when likely duplicates exist', type: 'string', enum: ['true', 'false'] }),
});

export const DuplicateCandidate = z
  .object({
    customer_id: z.number().int(),
    customer_code: z.string(),
    customer_name: z.string(),
    score: z.number().min(0).max(1),
    reasons: z.array(z.enum(['credit_code', 'name', 'similar_name', 'website_domain', 'contact'])),
  })
  .openapi('DuplicateCandidate');

export const DuplicateCheck = z
  .object({ candidates: z.array(DuplicateCandidate), blocking: z.boolean() })
  .openapi('DuplicateCheck');

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Entity version, for If-Match', schema: { type: 'string' as const } } };

export const createCustomerRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers',
  operationId: 'createCustomer',
  ...permission('customer:write'),
  tags: ['customers'],
  summary: 'Create a customer with contacts',
  description: 'REQ-016 §8. Refuses likely duplicates with 409 `customer.duplicate` and scored candidates unless `force=true`. `assigned_manager_id` must name a member of staff of the tenant who may write customers (else 422 `user.reference_invalid`, `details.reason`: `not_in_tenant`, `portal_user` or `role`).',
  request: { query: ForceQuery, headers: idempotencyHeader, body: json(CustomerCreate) },
  responses: {
    200: jsonResponse(CustomerCreated, 'CustomerCreated', 'Created (code 200, as in the requirement)'),
    ...writeErrorResponses,
  },
});

export const listCustomersRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers',
  operationId: 'listCustomers',
  ...permission('customer:read'),
  description: 'Customers the caller may see (data scope applies), filtered by status, level, type, industry, region, manager, tag or group. `q` matches the name fuzzily (trigram), by pinyin or initials, a code prefix, or exactly a contact phone or e-mail. Keyset pagination through `cursor`.',
  tags: ['customers'],
  summary: 'List and search customers',
  request: { query: CustomerListQuery },
  responses: { 200: jsonResponse(CustomerPage, 'CustomerPage', 'A page of customers'), ...errorResponses },
});

export const getCustomerRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}',
  operationId: 'getCustomer',
  ...permission('customer:read'),
  description: 'The full profile with contacts (phone, mobile, e-mail and WeChat masked unless the caller holds pii:read; unmasked reads are audited), departments, tags and completeness. The ETag is what PATCH expects in If-Match.',
  tags: ['customers'],
  summary: 'Customer profile with contacts, departments, tags and completeness',
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Customer, 'Customer', 'The customer'), headers: etagHeader }, ...errorResponses },
});

export const updateCustomerRoute = createRoute({
  method: 'patch',
  path: '/api/v1/customers/{id}',
  operationId: 'updateCustomer',
  ...permission('customer:write'),
  description: 'Partial update guarded by If-Match (428 without it, 412 when stale). Changing the name, website or credit code re-runs the duplicate check unless `force=true`. A new `assigned_manager_id` must name a member of staff of the tenant who may write customers (else 422 `user.reference_invalid`). Audited with before and after.',
  tags: ['customers'],
  summary: 'Update a customer (If-Match required)',
  request: { params: IdParam, query: ForceQuery, headers: ifMatchHeader, body: json(CustomerUpdate) },
  responses: { 200: { ...jsonResponse(Customer, 'Customer', 'The updated customer'), headers: etagHeader }, ...writeErrorResponses },
});

export const archiveCustomerRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/archive',
  operationId: 'archiveCustomer',
  ...permission('customer:archive'),
  description: 'Hides the customer from lists and searches without deleting anything; restore brings it back. Audited and announced as an event.',
  tags: ['customers'],
  summary: 'Archive a customer (hidden from lists, kept in full)',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Customer, 'Customer', 'The archived customer'), ...writeErrorResponses },
});

export const restoreCustomerRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/restore',
  operationId: 'restoreCustomer',
  ...permission('customer:archive'),
  description: 'Brings an archived customer back into lists and searches. Audited and announced as an event.',
  tags: ['customers'],
  summary: 'Restore an archived customer',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Customer, 'Customer', 'The restored customer'), ...writeErrorResponses },
});

export const checkDuplicatesRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/duplicate-check',
  operationId: 'checkCustomerDuplicates',
  ...permission('customer:read'),
  description: 'Scores existing customers against a prospective one (normalised name, trigram similarity, website domain, credit code, contact phone or e-mail) so a form can warn before saving.',
  tags: ['customers'],
  summary: 'Score likely duplicates of a prospective customer without creating it',
  request: { body: json(CustomerCreate.partial().extend({ exclude_id: z.number().int().positive().optional() }).openapi('DuplicateProbe')) },
  responses: { 200: jsonResponse(DuplicateCheck, 'DuplicateCheck', 'Candidates, best first'), ...errorResponses },
});
