import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import type { Priority } from './priorities.ts';
import { serviceRecords } from './service-records.schema.ts';

/** A ticket as the SLA measures read it: when it opened, its priority, and when it was answered and resolved. */
export type OpenedServiceRecord = {
  customer_id: number;
  id: number;
  priority: Priority;
  opened_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
};

/**
 * The service records of many customers opened in `[from, to)`, oldest first, in one statement bounded by
 * `opened_at` (so only those months' partitions are read). For the SLA attainment and recommendation scans.
 * @example await serviceRecordsOpenedBetween(scope, [12], jan1, feb1) // [{ customer_id: 12, id: 31, priority: 'P2', opened_at, … }]
 */
export async function serviceRecordsOpenedBetween(scope: RequestScope, customerIds: readonly number[], from: Date, to: Date): Promise<OpenedServiceRecord[]> {
  if (customerIds.length === 0) return [];
  return scope.tx
    .select({
      customer_id: serviceRecords.customer_id,
      id: serviceRecords.id,
      priority: serviceRecords.priority,
      opened_at: serviceRecords.opened_at,
      first_response_at: serviceRecords.first_response_at,
      resolved_at: serviceRecords.resolved_at,
    })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.tenant_id, scope.tenantId), inArray(serviceRecords.customer_id, [...customerIds]), gte(serviceRecords.opened_at, from), lt(serviceRecords.opened_at, to)))
    .orderBy(asc(serviceRecords.opened_at));
}
