import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader } from '../../../platform/http/headers.ts';
import { RENEWAL_BUCKETS } from './contract-dates.ts';
import { Contract, CoveredServiceInput, money, slaTierCode } from './contracts.contract.ts';
import { CONTRACT_STATES } from './contract-lifecycle.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** What a renewal may set differently from its predecessor; everything else is copied. */
export const RenewalRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    end_date: isoDate.optional().openapi({ description: 'Default: as long a term as the predecessor' }),
    signing_date: isoDate.nullish(),
    customer_signatory_id: z.number().int().positive().nullish(),
    staff_signatory_id: z.number().int().positive().nullish(),
    amount: money.optional(),
    covered_services: z.array(CoveredServiceInput).max(200).optional(),
    sla_tier_code: slaTierCode.nullish(),
    auto_renew: z.boolean().optional(),
    notice_period_days: z.number().int().min(0).max(366).optional(),
  })
  .openapi('RenewalRequest');
export type RenewalRequest = z.infer<typeof RenewalRequest>;

export const RenewalItem = z
  .object({
    contract: Contract,
    customer_name: z.string(),
    days_to_end: z.number().int(),
    bucket: z.number().int().openapi({ description: '30, 60 or 90: the smallest window the end date falls in' }),
    annual_value: z.string(),
    successor: z.object({ id: z.number().int(), contract_no: z.string(), state: z.enum(CONTRACT_STATES) }).nullable().openapi({ description: 'The renewal drafted or signed so far' }),
  })
  .openapi('RenewalItem');

export const RenewalsView = z
  .object({
    buckets: z.array(z.object({ within_days: z.number().int(), count: z.number().int(), annual_value: z.string(), unrenewed_count: z.number().int() })),
    items: z.array(RenewalItem).openapi({ description: 'Running contracts ending within the window, soonest first' }),
  })
  .openapi('RenewalsView');

export const renewalsRoute = createRoute({
  method: 'get',
  path: '/api/v1/contracts/renewals',
  operationId: 'listRenewals',
  ...permission('customer:read'),
  tags: ['contracts'],
  summary: 'Renewals due in 30, 60 or 90 days, with their value',
  description: 'Active and expiring contracts of the customers the caller may see whose end date falls within `within` days (30, 60 or 90; default 90), soonest first, with the annual value and the successor drafted so far; `buckets` sums count and annual value per window (cumulative). `owner=me` keeps the caller\'s own contracts.',
  request: { query: z.object({ within: z.enum(RENEWAL_BUCKETS.map(String) as ['30', '60', '90']).default('90'), owner: z.enum(['me', 'all']).default('all') }) },
  responses: { 200: jsonResponse(RenewalsView, 'RenewalsView', 'The renewals'), ...errorResponses },
});

export const createRenewalRoute = createRoute({
  method: 'post',
  path: '/api/v1/contracts/{id}/renewal',
  operationId: 'createRenewal',
  ...permission('customer:write'),
  tags: ['contracts'],
  summary: 'Draft the renewal of a running contract, pre-filled and linked',
  description: 'Creates the successor: kind `renewal`, linked by `predecessor_id`, starting the day after the predecessor ends and running as long, with a copy of its terms; fields in the body replace the copied ones (a `staff_signatory_id` must be a member of staff who may write customers, else 422 `user.reference_invalid`); the owner is the predecessor\'s while they may still write customers, else the caller. It is signed and approved like any contract; when approved, the predecessor becomes `renewed` and the successor is bound to its SLA. A contract that already has an open renewal answers 409 `contract.renewal_exists`; one not running answers 409 `contract.illegal_transition`.',
  request: { params: IdParam, headers: idempotencyHeader, body: { required: false, content: { 'application/json': { schema: RenewalRequest } } } },
  responses: { 201: jsonResponse(Contract, 'Contract', 'The renewal draft'), ...writeErrorResponses },
});
