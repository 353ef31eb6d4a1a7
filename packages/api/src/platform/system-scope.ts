import type { Db } from '../db/create-db.ts';
import type { TenantSettings } from './identity/tenants.schema.ts';
import { PERMISSIONS, type Principal } from './auth/permissions.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import type { RequestScope } from './request-context.ts';

/**
 * The scope of work nobody requested: scheduled jobs and the demo seed. It acts as the system principal
 * (audited as `system:<name>`, every permission, every customer) inside a transaction the caller opened
 * for the tenant.
 * @example await withTenant(db, tenantId, (tx) => applyTransition(systemScope(tx, tenantId, keyRing, settings, 'scheduler'), …));
 */
export function systemScope(tx: Db, tenantId: number, keyRing: KeyRing, settings: TenantSettings, name: string, requestId = `system-${name}`): RequestScope {
  const principal: Principal = {
    kind: 'system',
    tenantId,
    subject: `system:${name}`,
    userId: null,
    roles: ['admin'],
    permissions: new Set(PERMISSIONS),
    customerId: null,
  };
  return { tx, tenantId, principal, settings, keyRing, requestId };
}
