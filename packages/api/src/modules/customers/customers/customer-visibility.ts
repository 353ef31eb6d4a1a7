import { and, eq, type SQL } from 'drizzle-orm';
import { customerScopeOf } from '../../../platform/auth/permissions.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customers } from './customers.schema.ts';

/**
 * The row filter for the customers a caller may see: the tenant always, then the data scope (own
 * customer for portal users; assigned customers for managers when the tenant restricts them).
 */
export function visibleCustomers(scope: RequestScope): SQL {
  const tenant = eq(customers.tenant_id, scope.tenantId);
  const dataScope = customerScopeOf(scope.principal, scope.settings.manager_data_scope);
  if (dataScope.kind === 'own') return and(tenant, eq(customers.id, dataScope.customerId)) as SQL;
  if (dataScope.kind === 'assigned') return and(tenant, eq(customers.assigned_manager_id, dataScope.managerId)) as SQL;
  return tenant;
}
