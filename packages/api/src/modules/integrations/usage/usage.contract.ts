import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IntegrationCustomerRef } from '../finance/finance.public.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const MAX_USAGE_EVENTS = 1_000;
/** Distinct users kept per customer and day: enough for an active-user count, bounded in size. */
export const MAX_ACTIVE_USERS_PER_DAY = 500;

const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !/[\u0000-\u001f]/.test(value), { message: 'must not contain control characters' });

/** One usage event of the portal or the product. */
export const UsageEvent = z
  .strictObject({
    event_id: printable(100),
    customer: IntegrationCustomerRef,
    user_id: printable(100),
    kind: z.enum(['login', 'feature']),
    feature: printable(64).optional(),
    at: isoInstant,
  })
  .refine((event) => event.kind !== 'feature' || event.feature !== undefined, { message: 'a feature event names its feature', path: ['feature'] })
  .openapi('UsageEvent');
export type UsageEvent = z.infer<typeof UsageEvent>;

export const UsageEventBatch = z
  .strictObject({
    source: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, - and _'),
    events: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(MAX_USAGE_EVENTS)
      .openapi({ description: 'Usage events (schema `UsageEvent`), checked one by one: a bad event is reported and the others are counted' }),
  })
  .openapi('UsageEventBatch');

export const UsageEventResult = z
  .object({
    index: z.number().int(),
    outcome: z.enum(['counted', 'duplicate', 'failed']),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
  })
  .openapi('UsageEventResult');

export const UsageEventBatchResult = z
  .object({ counted: z.number().int(), duplicate: z.number().int(), failed: z.number().int(), results: z.array(UsageEventResult) })
  .openapi('UsageEventBatchResult');

export const UsageQuery = z.strictObject({
  from: isoDate.optional().openapi({ description: 'First business day; default 29 days before `to`' }),
  to: isoDate.optional().openapi({ description: 'Last business day; default today' }),
});

export const UsageDay = z
  .object({ day: z.string(), logins: z.number().int(), active_users: z.number().int(), feature_uses: z.record(z.string(), z.number().int()) })
  .openapi('UsageDay');
export type UsageDay = z.infer<typeof UsageDay>;

export const CustomerUsage = z
  .object({
    customer_id: z.number().int(),
    from: z.string(),
    to: z.string(),
    days: z.array(UsageDay).openapi({ description: 'Days with any usage, oldest first' }),
    totals: z.object({ logins: z.number().int(), active_users: z.number().int().openapi({ description: 'Distinct users over the range' }), feature_uses: z.record(z.string(), z.number().int()) }),
  })
  .openapi('CustomerUsage');

export const recordUsageEventsRoute = createRoute({
  method: 'post',
  path: '/api/v1/integrations/usage-events',
  operationId: 'recordUsageEvents',
  ...permission('integration:write'),
  tags: ['integrations', 'usage'],
  summary: 'Record up to 1,000 usage events (logins, feature use), each counted once',
  description:
    'REQ-013 engagement signals. Each event is counted once ever, by source and `event_id` (a resent one answers `duplicate`), into the usage of its customer on its business day (Asia/Shanghai): logins, distinct active users (at most 500 kept per day) and uses per feature. Bad events (invalid, unknown customer) are reported as `failed` and the others are counted. Announces `usage.recorded` once per customer. Needs `integration:write`.',
  request: { body: { required: true, content: { 'application/json': { schema: UsageEventBatch } } } },
  responses: { 200: jsonResponse(UsageEventBatchResult, 'UsageEventBatchResult', 'One result per event'), ...errorResponses },
});

export const customerUsageRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/usage',
  operationId: 'getCustomerUsage',
  ...permission('customer:read', 'analysis:read'),
  tags: ['usage'],
  summary: 'A customer\'s usage per day over a date range (default the last 30 days)',
  description: 'Staff with `customer:read` and `analysis:read`. At most 366 days (`usage.range_invalid`).',
  request: { params: IdParam, query: UsageQuery },
  responses: { 200: jsonResponse(CustomerUsage, 'CustomerUsage', 'Usage per day and totals'), ...errorResponses },
});
