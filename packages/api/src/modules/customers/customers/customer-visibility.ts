import { and, eq, type Column, type SQL } from 'drizzle-orm';
import { customerScopeOf } from '../../../platform/auth/permissions.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customers } from './customers.schema.ts';

/** The columns the visibility rule reads: the `customers` table, or the `customer_directory` read model others join. */
export type CustomerColumns = { tenant_id: Column; id: Column; assigned_manager_id: Column };

/**
 * The row filter for the customers a caller may see: the tenant always, then the data scope (own
 * customer for portal users; assigned customers for managers when the tenant restricts them).
 * Other modules pass the read model they join: `visibleCustomers(scope, customerDirectory)`.
 */
export function visibleCustomers(scope: RequestScope, source: CustomerColumns = customers): SQL {
  const tenant = eq(source.tenant_id, scope.tenantId);
  const dataScope = customerScopeOf(scope.principal, scope.settings.manager_data_scope);
  if (dataScope.kind === 'own') return and(tenant, eq(source.id, dataScope.customerId)) as SQL;
  if (dataScope.kind === 'assigned') return and(tenant, eq(source.assigned_manager_id, dataScope.managerId)) as SQL;
  return tenant;
}
