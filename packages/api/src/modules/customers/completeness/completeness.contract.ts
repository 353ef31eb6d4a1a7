import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { KEY_INFORMATION } from '../customers/customers.public.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** The KPI of REQ-016 §2 / §6: ≥95% of customers with complete key information. */
export const COMPLETENESS_TARGET_PERCENTAGE = 95;

/** `contact`: any key contact information missing (the default reminder); `any`: any key information. */
export const GAP_FILTERS = ['contact', 'any', ...KEY_INFORMATION] as const;

const managerId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().openapi({ description: 'Only customers assigned to this 客户经理' });

/** Query of the completeness summary. */
export const CompletenessSummaryQuery = z.strictObject({ manager_id: managerId }).openapi('CompletenessSummaryQuery');
export type CompletenessSummaryQuery = z.infer<typeof CompletenessSummaryQuery>;

/** How many customers miss one item. */
export const MissingKeyCount = z
  .object({
    key: z.string().openapi({ example: 'decision_maker' }),
    count: z.number().int(),
    key_information: z.boolean().openapi({ description: 'Missing it makes a customer incomplete (otherwise it only lowers the score)' }),
  })
  .openapi('MissingKeyCount');

/** The tenant's completeness against the KPI. */
export const CompletenessSummary = z
  .object({
    total: z.number().int().openapi({ description: 'Active (not archived) customers the caller may see' }),
    complete: z.number().int().openapi({ description: 'Customers with no key information missing' }),
    incomplete: z.number().int(),
    complete_percentage: z.number().openapi({ example: 96.4, description: 'complete / total × 100, one decimal; 100 when there are no customers' }),
    target_percentage: z.number().openapi({ example: COMPLETENESS_TARGET_PERCENTAGE }),
    meets_target: z.boolean(),
    average_score: z.number().openapi({ example: 88.2 }),
    missing: z.array(MissingKeyCount).openapi({ description: 'How many customers miss each item, most frequent first' }),
  })
  .openapi('CompletenessSummary');
export type CompletenessSummary = z.infer<typeof CompletenessSummary>;

/** Query of the gap list. */
export const CompletenessGapQuery = z
  .strictObject({
    missing: z
      .string()
      .refine((v) => (GAP_FILTERS as readonly string[]).includes(v), { message: `one of ${GAP_FILTERS.join(', ')}` })
      .default('contact')
      .openapi({ enum: [...GAP_FILTERS], description: '`contact` (default): any key contact information missing; `any`: any key information; or one key' }),
    manager_id: managerId,
    ...pageQuery,
  })
  .openapi('CompletenessGapQuery');
export type CompletenessGapQuery = z.infer<typeof CompletenessGapQuery>;

/** A customer with missing key information, and what is missing. */
export const CompletenessGap = z
  .object({
    customer_id: z.number().int(),
    customer_code: z.string(),
    customer_name: z.string(),
    level: z.number().int(),
    status: z.number().int(),
    assigned_manager_id: z.number().int().nullable(),
    assigned_manager_name: z.string().nullable(),
    primary_contact_name: z.string().nullable(),
    completeness_score: z.number().int(),
    missing_key_information: z.array(z.string()).openapi({ example: ['decision_maker', 'decision_maker_reachable'] }),
    missing: z.array(z.string()).openapi({ description: 'Everything missing, key and recommended' }),
    updated_at: z.string(),
  })
  .openapi('CompletenessGap');
export type CompletenessGap = z.infer<typeof CompletenessGap>;

/** A page of the gap list. */
export const CompletenessGapPage = pageOf(CompletenessGap, 'CompletenessGap');

/** `GET /api/v1/customers/completeness` */
export const completenessSummaryRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/completeness',
  operationId: 'getCompletenessSummary',
  ...permission('customer:read'),
  tags: ['completeness'],
  summary: 'Data completeness of the customers the caller may see, against the ≥95% KPI',
  description: 'Active customers only. Complete = no key information missing (industry, address, 客户经理, primary contact, decision maker, a reachable contact and a reachable decision maker); the per-key counts include recommended fields too.',
  request: { query: CompletenessSummaryQuery },
  responses: { 200: jsonResponse(CompletenessSummary, 'CompletenessSummary', 'Counts and percentages'), ...errorResponses },
});

/** `GET /api/v1/customers/completeness/gaps` */
export const completenessGapsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/completeness/gaps',
  operationId: 'listCompletenessGaps',
  ...permission('customer:read'),
  tags: ['completeness'],
  summary: 'Customers missing key (contact) information, least complete first — the reminder list for 客户经理',
  description: 'REQ-016 §9 联系人信息缺失: filter by one missing key, any key contact information (default) or any key information; keyset-paginated by (score, id).',
  request: { query: CompletenessGapQuery },
  responses: { 200: jsonResponse(CompletenessGapPage, 'CompletenessGapPage', 'A page of customers with gaps'), ...errorResponses },
});
