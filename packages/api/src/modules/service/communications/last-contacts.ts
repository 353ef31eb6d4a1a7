import { eq } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerContactRecency } from './communications.schema.ts';

/**
 * Each customer's last contact (`last_contact_at`, kept by a trigger on the communications) as a query to
 * join: name it with `.as(…)` and join it on `customer_id`, a key lookup per customer. Customers never
 * contacted have no row.
 * @example const last = lastContacts(scope).as('lc'); sql`… left join ${last} on lc.customer_id = c.id`
 */
export function lastContacts(scope: RequestScope) {
  return scope.tx
    .select({ customer_id: customerContactRecency.customer_id, last_contact_at: customerContactRecency.last_contact_at })
    .from(customerContactRecency)
    .where(eq(customerContactRecency.tenant_id, scope.tenantId));
}
