import { and, eq } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { serviceRecordKeys, serviceRecords, type ServiceRecordRow } from './service-records.schema.ts';

/** How another module names a service record: the source system's key, or this module's id. */
export type ServiceRecordRef = { source: string; external_id: string } | { id: number };

/**
 * A service record of a customer the caller may see, found through `service_record_keys` (which also gives
 * the partition month), or `undefined`. Records of customers outside the caller's data scope are not found.
 * @example await findServiceRecord(scope, { source: 'itsm', external_id: 'INC-1' }) // { id, customer_id, opened_at, … }
 */
export async function findServiceRecord(scope: RequestScope, ref: ServiceRecordRef): Promise<ServiceRecordRow | undefined> {
  const k = serviceRecordKeys;
  const keyMatch = 'id' in ref ? eq(k.record_id, ref.id) : and(eq(k.source, ref.source), eq(k.external_id, ref.external_id));
  const [key] = await scope.tx
    .select({ record_id: k.record_id, opened_at: k.opened_at })
    .from(k)
    .where(and(eq(k.tenant_id, scope.tenantId), keyMatch))
    .limit(1);
  if (!key) return undefined;
  const [row] = await scope.tx
    .select({ record: serviceRecords })
    .from(serviceRecords)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, serviceRecords.tenant_id), eq(customerDirectory.id, serviceRecords.customer_id)))
    .where(and(eq(serviceRecords.tenant_id, scope.tenantId), eq(serviceRecords.opened_at, key.opened_at), eq(serviceRecords.id, key.record_id), visibleCustomers(scope, customerDirectory)));
  return row?.record;
}
