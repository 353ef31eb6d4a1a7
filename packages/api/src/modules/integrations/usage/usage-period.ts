import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';

/** A customer's usage between two business dates: logins, active days, and on how many days each feature was used. */
export type UsagePeriod = { logins: number; active_days: number; feature_days: Record<string, number> };

export async function usageBetween(scope: RequestScope, customerId: number, from: IsoDate, to: IsoDate): Promise<UsagePeriod> {
  const rows = rawRows<{ logins: number; feature_uses: Record<string, number> | string }>(
    await scope.tx.execute(sql`
      select logins, feature_uses from usage_daily
      where tenant_id = ${scope.tenantId} and customer_id = ${customerId} and day between ${from}::date and ${to}::date`),
  );
  const featureDays: Record<string, number> = {};
  let logins = 0;
  let active = 0;
  for (const row of rows) {
    const uses = typeof row.feature_uses === 'string' ? (JSON.parse(row.feature_uses) as Record<string, number>) : row.feature_uses;
    const used = Object.entries(uses).filter(([, n]) => n > 0);
    logins += Number(row.logins);
    if (Number(row.logins) > 0 || used.length > 0) active += 1;
    for (const [feature] of used) featureDays[feature] = (featureDays[feature] ?? 0) + 1;
  }
  return { logins, active_days: active, feature_days: featureDays };
}
