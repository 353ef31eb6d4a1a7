import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';

/** What the health score reads of a customer's complaints. */
export type ComplaintHealthInputs = { open_complaints: number; complaints_90d: number };


/**
 * Complaints not yet resolved or closed, and complaints raised in the 90 days before `asOf`, of many
 * customers in one statement. Every id asked for gets an entry.
 * @example (await complaintHealthInputs(scope, [7], new Date())).get(7) // { open_complaints: 1, complaints_90d: 2 }
 */
export async function complaintHealthInputs(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, ComplaintHealthInputs>> {
  const result = new Map<number, ComplaintHealthInputs>();
  for (const id of customerIds) result.set(id, { open_complaints: 0, complaints_90d: 0 });
  if (customerIds.length === 0) return result;
  const from = new Date(asOf.getTime() - 90 * 86_400_000).toISOString();
  const rows = rawRows<Record<string, unknown>>(
    await scope.tx.execute(sql`
      select customer_id,
        count(*) filter (where status not in ('resolved', 'closed') and created_at <= ${asOf.toISOString()}::timestamptz) as open_complaints,
        count(*) filter (where created_at >= ${from}::timestamptz and created_at <= ${asOf.toISOString()}::timestamptz) as complaints_90d
      from complaints
      where tenant_id = ${scope.tenantId} and customer_id = any(${idArray(customerIds)})
      group by customer_id`),
  );
  for (const row of rows) result.set(Number(row.customer_id), { open_complaints: Number(row.open_complaints), complaints_90d: Number(row.complaints_90d) });
  return result;
}
