import { sql } from 'drizzle-orm';
import { localDateKey } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { codeSequences } from '../../../platform/platform.schema.ts';

/**
 * The next complaint number of the month for a tenant: `CP-202611-000123`. Months are business-time months;
 * the counter shares `code_sequences` (and its row lock) with the other document numbers, so concurrent
 * submissions never share a number.
 * @example await nextComplaintNo(scope, new Date('2026-11-26T02:00:00Z')) // 'CP-202611-000001'
 */
export async function nextComplaintNo(scope: RequestScope, now: Date): Promise<string> {
  const month = `CP-${localDateKey(now).slice(0, 6)}`;
  const [row] = await scope.tx
    .insert(codeSequences)
    .values({ tenant_id: scope.tenantId, scope: month, last_value: 1 })
    .onConflictDoUpdate({ target: [codeSequences.tenant_id, codeSequences.scope], set: { last_value: sql`${codeSequences.last_value} + 1` } })
    .returning({ value: codeSequences.last_value });
  return `${month}-${String(row?.value ?? 1).padStart(6, '0')}`;
}
