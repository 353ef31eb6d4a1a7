import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';

/** What the health score reads of a customer's tickets over the last 90 days and the 90 days before. */
export type ServiceHealthInputs = {
  tickets_90d: number;
  tickets_prev_90d: number;
  /** P1 tickets / tickets of the last 90 days; null without tickets. */
  p1_share_90d: number | null;
  /** Breached targets / decided targets (response and resolution, each counted once decided); null when none decided. */
  breach_rate_90d: number | null;
  rating_90d: number | null;
  rating_prev_90d: number | null;
  /** How many ratings `rating_90d` and `rating_prev_90d` average. */
  ratings_90d: number;
  ratings_prev_90d: number;
};

const DAY_MS = 86_400_000;
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Service inputs of many customers in one statement, bounded by `opened_at` (the partition key) so only
 * the last six months' partitions are read. A ticket belongs to the window it was opened in. Every id
 * asked for gets an entry (zeros and nulls without tickets).
 * @example const byCustomer = await serviceHealthInputs(scope, [1, 2], new Date()); byCustomer.get(1)!.tickets_90d
 */
export async function serviceHealthInputs(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, ServiceHealthInputs>> {
  const result = new Map<number, ServiceHealthInputs>();
  for (const id of customerIds) result.set(id, { tickets_90d: 0, tickets_prev_90d: 0, p1_share_90d: null, breach_rate_90d: null, rating_90d: null, rating_prev_90d: null, ratings_90d: 0, ratings_prev_90d: 0 });
  if (customerIds.length === 0) return result;
  const end = asOf.toISOString();
  const from = new Date(asOf.getTime() - 90 * DAY_MS).toISOString();
  const prevFrom = new Date(asOf.getTime() - 180 * DAY_MS).toISOString();
  const rows = rawRows<Record<string, unknown>>(
    await scope.tx.execute(sql`
      select customer_id,
        count(*) filter (where opened_at >= ${from}::timestamptz) as tickets_90d,
        count(*) filter (where opened_at < ${from}::timestamptz) as tickets_prev_90d,
        count(*) filter (where opened_at >= ${from}::timestamptz and priority = 'P1') as p1_90d,
        count(response_breached) filter (where opened_at >= ${from}::timestamptz)
          + count(resolution_breached) filter (where opened_at >= ${from}::timestamptz) as decided_90d,
        count(*) filter (where opened_at >= ${from}::timestamptz and response_breached)
          + count(*) filter (where opened_at >= ${from}::timestamptz and resolution_breached) as breached_90d,
        avg(satisfaction_rating) filter (where opened_at >= ${from}::timestamptz) as rating_90d,
        avg(satisfaction_rating) filter (where opened_at < ${from}::timestamptz) as rating_prev_90d,
        count(satisfaction_rating) filter (where opened_at >= ${from}::timestamptz) as ratings_90d,
        count(satisfaction_rating) filter (where opened_at < ${from}::timestamptz) as ratings_prev_90d
      from service_records
      where tenant_id = ${scope.tenantId} and customer_id = any(${idArray(customerIds)})
        and opened_at >= ${prevFrom}::timestamptz and opened_at < ${end}::timestamptz
      group by customer_id`),
  );
  for (const row of rows) {
    const tickets = Number(row.tickets_90d);
    const decided = Number(row.decided_90d);
    result.set(Number(row.customer_id), {
      tickets_90d: tickets,
      tickets_prev_90d: Number(row.tickets_prev_90d),
      p1_share_90d: tickets > 0 ? Number(row.p1_90d) / tickets : null,
      breach_rate_90d: decided > 0 ? Number(row.breached_90d) / decided : null,
      rating_90d: num(row.rating_90d),
      rating_prev_90d: num(row.rating_prev_90d),
      ratings_90d: Number(row.ratings_90d),
      ratings_prev_90d: Number(row.ratings_prev_90d),
    });
  }
  return result;
}
