import type { Context } from 'hono';
import type { Db } from '../db/create-db.ts';
import type { AppEnv } from './app-env.ts';
import type { Principal } from './auth/permissions.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import type { TenantSettings } from './identity/tenants.schema.ts';

/** What a service function needs from the request: the tenant transaction and who is acting. */
export type RequestScope = {
  tx: Db;
  tenantId: number;
  principal: Principal;
  settings: TenantSettings;
  keyRing: KeyRing;
  requestId: string;
};

/** @example const scope = scopeOf(c); await createCustomer(scope, body); */
export function scopeOf(c: Context<AppEnv>): RequestScope {
  return {
    tx: c.var.tx,
    tenantId: c.var.principal.tenantId,
    principal: c.var.principal,
    settings: c.var.tenantSettings,
    keyRing: c.var.deps.keyRing,
    requestId: c.var.requestId,
  };
}
