import { sql } from 'drizzle-orm';
import { codeSequences } from './platform.schema.ts';
import { localDateKey } from './time/local-time.ts';
import type { RequestScope } from './request-context.ts';

/**
 * The next document number of the day for a tenant: `CUST202408110001`. The upsert takes a row lock on
 * the day's counter, so concurrent creates queue for a few microseconds and never share a number.
 * @example await nextDailyCode(scope, 'CUST') // 'CUST202611260001'
 */
export async function nextDailyCode(scope: RequestScope, prefix: string, now = new Date()): Promise<string> {
  const day = `${prefix}${localDateKey(now)}`;
  const [row] = await scope.tx
    .insert(codeSequences)
    .values({ tenant_id: scope.tenantId, scope: day, last_value: 1 })
    .onConflictDoUpdate({
      target: [codeSequences.tenant_id, codeSequences.scope],
      set: { last_value: sql`${codeSequences.last_value} + 1` },
    })
    .returning({ value: codeSequences.last_value });
  return `${day}${String(row?.value ?? 1).padStart(4, '0')}`;
}
