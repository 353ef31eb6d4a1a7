import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { TASK_PRIORITIES } from '../tasks/tasks.public.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const Text = z.object({ zh: z.string(), en: z.string() });

const SatisfactionTrend = z
  .object({
    falling: z.boolean().openapi({ description: 'The latest `window` ratings never rise, fall at least once and end at or below `max_latest`: a care plan starts' }),
    latest: z.number().int().nullable().openapi({ description: 'The newest rating (1–5); null without ratings' }),
    drop: z.number().int().openapi({ description: 'First minus latest rating of the window when it never rises; else 0' }),
    window: z.number().int().openapi({ example: 3 }),
    max_latest: z.number().int().openapi({ example: 3 }),
    ratings: z
      .array(
        z.object({
          source: z.enum(['service_record', 'complaint', 'survey']),
          id: z.number().int().openapi({ description: 'The rated service record or complaint' }),
          rating: z.number().int().openapi({ example: 2 }),
          rated_at: z.string().openapi({ description: 'Local time (Beijing)', example: '2026-03-03 09:00:00' }),
        }),
      )
      .openapi({ description: 'The ratings of the window, oldest first' }),
  })
  .openapi('SatisfactionTrend');

const SuccessOpportunity = z
  .object({
    kind: z.enum(['renewal', 'expansion']),
    play: z.enum(['early_renewal', 'retention_plan', 'upsell']).openapi({ description: 'early_renewal: green, contract ending; retention_plan: yellow, red or unscored, contract ending; upsell: green and growing' }),
    strategy: Text,
    reasons: z.array(Text.extend({ fact: z.string().openapi({ example: 'days_to_contract_end' }), value: z.union([z.number(), z.string()]).nullable() })),
    priority: z.enum(TASK_PRIORITIES),
    contract_id: z.number().int().nullable(),
  })
  .openapi('SuccessOpportunity');

export const CustomerSuccessPlays = z
  .object({
    customer_id: z.number().int(),
    satisfaction: SatisfactionTrend,
    opportunities: z.array(SuccessOpportunity),
    computed_at: z.string().openapi({ description: 'Local time (Beijing)' }),
  })
  .openapi('CustomerSuccessPlays');
export type CustomerSuccessPlays = z.infer<typeof CustomerSuccessPlays>;

export const getCustomerSuccessPlaysRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/success-plays',
  operationId: 'getCustomerSuccessPlays',
  ...permission('health:read'),
  tags: ['health'],
  summary: "A customer's satisfaction trend and renewal/expansion opportunities",
  description:
    'Computed now, not stored: the latest ratings of tickets and complaint confirmations read against the satisfaction rule (3 ratings non-increasing, one strict fall, the latest ≤ 3), and the renewal (contract in force ending within 120 days) and expansion (green, logins up ≥ 20 % on the previous 30 days, no critical incident, availability ≥ 99.5 %, nothing overdue) opportunities with their strategy, reasons and priority. The scheduled success plays push the same opportunities as tasks once per quarter. Needs `health:read`; 404 for a customer the caller may not see.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(CustomerSuccessPlays, 'CustomerSuccessPlays', 'Trend and opportunities'), ...errorResponses },
});
