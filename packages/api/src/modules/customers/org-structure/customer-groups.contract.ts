import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const CustomerGroupMember = z
  .object({
    id: z.number().int(),
    customer_code: z.string(),
    customer_name: z.string(),
    customer_type: z.number().int(),
    industry: z.string().nullable(),
    region: z.string().nullable(),
    status: z.number().int(),
    level: z.number().int(),
    parent_customer_id: z.number().int().nullable(),
    assigned_manager_id: z.number().int().nullable(),
    assigned_manager_name: z.string().nullable(),
    completeness_score: z.number().int(),
    contact_count: z.number().int(),
    archived_at: z.string().nullable(),
  })
  .openapi('CustomerGroupMember');
export type CustomerGroupMember = z.infer<typeof CustomerGroupMember>;

const countsOf = (keys: readonly string[], description: string) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()]))).openapi({ description });

export const CustomerGroupRollup = z
  .object({
    member_count: z.number().int().openapi({ description: 'The parent company and its subsidiaries that you may see' }),
    subsidiary_count: z.number().int(),
    total_contacts: z.number().int(),
    by_status: countsOf(['1', '2', '3'], 'Members per status: 1 潜在客户, 2 正式客户, 3 流失客户'),
    by_level: countsOf(['1', '2', '3', '4'], 'Members per level: 1 普通, 2 重要, 3 VIP, 4 战略'),
    highest_level: z.number().int(),
    average_completeness: z.number().openapi({ description: 'Mean completeness score of the members, one decimal' }),
    total_revenue: z.number().nullable().openapi({ description: 'Reserved for contract and invoice figures (REQ-016-002, REQ-018); null until those land' }),
  })
  .openapi('CustomerGroupRollup');
export type CustomerGroupRollup = z.infer<typeof CustomerGroupRollup>;

export const CustomerGroup = z
  .object({
    customer_id: z.number().int(),
    role: z.enum(['parent', 'subsidiary', 'standalone']).openapi({ description: 'Where this customer sits in its group' }),
    group_root_id: z.number().int().openapi({ description: 'The parent company of the group (the customer itself unless it is a subsidiary)' }),
    parent: CustomerGroupMember.nullable().openapi({ description: "This customer's parent company, when it has one you may see" }),
    children: z.array(CustomerGroupMember).openapi({ description: 'Subsidiaries of this customer (not archived), by name' }),
    rollup: CustomerGroupRollup,
  })
  .openapi('CustomerGroup');
export type CustomerGroup = z.infer<typeof CustomerGroup>;

export const ParentAssignment = z
  .strictObject({ parent_customer_id: z.number().int().positive().openapi({ example: 12000 }) })
  .openapi('ParentAssignment');

// ---- routes -------------------------------------------------------------------------------------

const CustomerParam = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, example: 12345 }),
});
const etagHeader = { ETag: { description: "The customer's new version, for If-Match on the customer", schema: { type: 'string' as const } } };
const groupRules =
  'Groups are two levels deep: the parent must be a customer you may see that is not itself a subsidiary, and a customer with subsidiaries cannot become one (422 `customer.parent_invalid`). `If-Match` with the customer ETag is optional; when given, a stale version answers 412.';

export const getCustomerGroupRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/group',
  operationId: 'getCustomerGroup',
  ...permission('customer:read'),
  tags: ['org-structure'],
  summary: 'Customer group: parent company, subsidiaries and a roll-up over the group',
  description: 'Only customers you may see are listed and counted; archived subsidiaries are left out.',
  request: { params: CustomerParam },
  responses: { 200: jsonResponse(CustomerGroup, 'CustomerGroup', 'The group'), ...errorResponses },
});

export const setCustomerParentRoute = createRoute({
  method: 'put',
  path: '/api/v1/customers/{id}/parent',
  operationId: 'setCustomerParent',
  ...permission('customer:write'),
  tags: ['org-structure'],
  summary: 'Attach this customer to a parent company as a subsidiary',
  description: groupRules,
  request: { params: CustomerParam, headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: ParentAssignment } } } },
  responses: { 200: { ...jsonResponse(CustomerGroup, 'CustomerGroup', 'The group after the change'), headers: etagHeader }, ...writeErrorResponses },
});

export const removeCustomerParentRoute = createRoute({
  method: 'delete',
  path: '/api/v1/customers/{id}/parent',
  operationId: 'removeCustomerParent',
  ...permission('customer:write'),
  tags: ['org-structure'],
  summary: 'Detach this customer from its parent company',
  description: 'Answers 200 with the unchanged group when the customer has no parent.',
  request: { params: CustomerParam, headers: ifMatchHeader },
  responses: { 200: { ...jsonResponse(CustomerGroup, 'CustomerGroup', 'The group after the change'), headers: etagHeader }, ...writeErrorResponses },
});
