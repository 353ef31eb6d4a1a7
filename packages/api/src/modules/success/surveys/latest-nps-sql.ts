import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { surveyResponses } from './surveys.schema.ts';

/**
 * A customer's latest submitted NPS answer (0–10) as a correlated scalar subquery for the caller's
 * statement: `customerId` is a column or expression of that statement, probed through the (tenant,
 * customer, submitted_at) index once per row. Null when the customer never answered the NPS question.
 * @example sql`select ${latestNpsSql(scope, customerDirectory.id)} as nps from ${customerDirectory}`
 */
export function latestNpsSql(scope: RequestScope, customerId: SQLWrapper): SQL {
  return sql`(select r.nps from ${surveyResponses} r where r.tenant_id = ${scope.tenantId} and r.customer_id = ${customerId} and r.nps is not null and r.submitted_at is not null order by r.submitted_at desc, r.id desc limit 1)`;
}
