import { and, eq, inArray, sql } from 'drizzle-orm';
import { idArray } from '../../../db/id-array.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { complaints } from './complaints.schema.ts';

/** A complaint's confirmation rating (1–5) and when it was given. */
export type ComplaintRating = { id: number; rating: number; rated_at: Date };

/**
 * The customer of each of these complaints of the tenant, in one statement; unknown ids are absent. What a
 * record that links to complaints (a task) checks the link against.
 * @example (await complaintCustomerIds(scope, [31])).get(31) // 7
 */
export async function complaintCustomerIds(scope: RequestScope, complaintIds: readonly number[]): Promise<Map<number, number>> {
  if (complaintIds.length === 0) return new Map();
  const rows = await scope.tx
    .select({ id: complaints.id, customer_id: complaints.customer_id })
    .from(complaints)
    .where(and(eq(complaints.tenant_id, scope.tenantId), inArray(complaints.id, [...complaintIds])));
  return new Map(rows.map((row) => [row.id, row.customer_id]));
}

/**
 * The latest `perCustomer` confirmation ratings (`customer_satisfaction`) of many customers, newest first, in
 * one statement. A rating counts as given when the complaint was resolved, else at its last change. Every id
 * asked for gets an entry.
 * @example (await latestComplaintRatings(scope, [7], 3)).get(7) // [{ id: 31, rating: 2, rated_at }]
 */
export async function latestComplaintRatings(scope: RequestScope, customerIds: readonly number[], perCustomer: number): Promise<Map<number, ComplaintRating[]>> {
  const result = new Map<number, ComplaintRating[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return result;
  const rows = rawRows<{ customer_id: unknown; id: unknown; rating: unknown; rated_at: string | Date }>(
    await scope.tx.execute(sql`
      select c.id as customer_id, r.id, r.rating, r.rated_at
      from unnest(${idArray(customerIds)}) as c(id)
      cross join lateral (
        select k.id, k.customer_satisfaction as rating, coalesce(k.resolved_at, k.updated_at) as rated_at
          from ${complaints} k
          where k.tenant_id = ${scope.tenantId} and k.customer_id = c.id and k.customer_satisfaction is not null
          order by coalesce(k.resolved_at, k.updated_at) desc, k.id desc limit ${perCustomer}
      ) r
      order by c.id, r.rated_at desc, r.id desc`),
  );
  for (const row of rows) result.get(Number(row.customer_id))?.push({ id: Number(row.id), rating: Number(row.rating), rated_at: new Date(row.rated_at) });
  return result;
}
