import { eq } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { healthScores } from './health.schema.ts';

/**
 * The tenant's current health scores (customer, band, score) as a query to join: name it with `.as(…)` and
 * join it on `customer_id`. Customers never scored have no row. Nothing is computed here.
 * @example const health = currentHealthScores(scope).as('hs'); sql`… left join ${health} on hs.customer_id = m.customer_id`
 */
export function currentHealthScores(scope: RequestScope) {
  return scope.tx
    .select({ customer_id: healthScores.customer_id, band: healthScores.band, score: healthScores.score })
    .from(healthScores)
    .where(eq(healthScores.tenant_id, scope.tenantId));
}
