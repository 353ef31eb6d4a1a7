import { sql } from 'drizzle-orm';
import { idArray } from '../../../db/id-array.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { serviceRecords } from './service-records.schema.ts';

/** A ticket's satisfaction rating (1–5) and when it was given. */
export type TicketRating = { id: number; rating: number; rated_at: Date };

/**
 * The latest `perCustomer` ticket satisfaction ratings of many customers, newest first, in one statement. A
 * rating counts as given when the ticket closed, else when it was resolved, else when it opened. Every id
 * asked for gets an entry.
 * @example (await latestTicketRatings(scope, [7], 3)).get(7) // [{ id: 31, rating: 2, rated_at }]
 */
export async function latestTicketRatings(scope: RequestScope, customerIds: readonly number[], perCustomer: number): Promise<Map<number, TicketRating[]>> {
  const result = new Map<number, TicketRating[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return result;
  const rows = rawRows<{ customer_id: unknown; id: unknown; rating: unknown; rated_at: string | Date }>(
    await scope.tx.execute(sql`
      select c.id as customer_id, r.id, r.rating, r.rated_at
      from unnest(${idArray(customerIds)}) as c(id)
      cross join lateral (
        select s.id, s.satisfaction_rating as rating, coalesce(s.closed_at, s.resolved_at, s.opened_at) as rated_at
          from ${serviceRecords} s
          where s.tenant_id = ${scope.tenantId} and s.customer_id = c.id and s.satisfaction_rating is not null
          order by coalesce(s.closed_at, s.resolved_at, s.opened_at) desc, s.id desc limit ${perCustomer}
      ) r
      order by c.id, r.rated_at desc, r.id desc`),
  );
  for (const row of rows) result.get(Number(row.customer_id))?.push({ id: Number(row.id), rating: Number(row.rating), rated_at: new Date(row.rated_at) });
  return result;
}
