import { and, eq, inArray } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { riskAlerts } from './risk-alerts.schema.ts';

/**
 * The customer of each of these risk alerts of the tenant, in one statement; unknown ids are absent. What a
 * record that links to alerts (a task) checks the link against.
 * @example (await riskAlertCustomerIds(scope, [5])).get(5) // 7
 */
export async function riskAlertCustomerIds(scope: RequestScope, alertIds: readonly number[]): Promise<Map<number, number>> {
  if (alertIds.length === 0) return new Map();
  const rows = await scope.tx
    .select({ id: riskAlerts.id, customer_id: riskAlerts.customer_id })
    .from(riskAlerts)
    .where(and(eq(riskAlerts.tenant_id, scope.tenantId), inArray(riskAlerts.id, [...alertIds])));
  return new Map(rows.map((row) => [row.id, row.customer_id]));
}
