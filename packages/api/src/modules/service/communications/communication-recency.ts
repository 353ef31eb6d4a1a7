import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';


/**
 * The last communication (up to `asOf`) of many customers in one statement: the customer/occurred_at
 * index answers each customer's maximum. Only the last 18 months are looked at, so old partitions are
 * pruned; a customer without a communication in that time has no entry (`undefined`).
 * @example (await lastCommunicationAt(scope, [7], new Date())).get(7) // Date of the last call, visit or mail
 */
export async function lastCommunicationAt(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, Date>> {
  const result = new Map<number, Date>();
  if (customerIds.length === 0) return result;
  const from = new Date(asOf.getTime() - 548 * 86_400_000).toISOString();
  const rows = rawRows<{ customer_id: unknown; last_at: unknown }>(
    await scope.tx.execute(sql`
      select customer_id, max(occurred_at) as last_at
      from communications
      where tenant_id = ${scope.tenantId} and customer_id = any(${idArray(customerIds)})
        and occurred_at >= ${from}::timestamptz and occurred_at <= ${asOf.toISOString()}::timestamptz
      group by customer_id`),
  );
  for (const row of rows) if (row.last_at) result.set(Number(row.customer_id), new Date(row.last_at as string));
  return result;
}
