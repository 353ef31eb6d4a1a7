import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { apiKeys } from '../identity/users.schema.ts';
import { tenantSettingsOf } from '../tenant-settings-cache.ts';
import { hashApiKey, looksLikeApiKey } from './api-keys.ts';
import { permissionsOf, PERMISSIONS, type Permission, type Principal } from './permissions.ts';

/**
 * Resolves `Authorization: Bearer <JWT | API key>` (or `X-Api-Key`) into a principal and loads the
 * tenant's settings. Runs before the tenant transaction: identity tables are not tenant-scoped.
 */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  const { db, tokens } = c.var.deps;
  const header = c.req.header('Authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const credential = bearer ?? c.req.header('X-Api-Key');
  if (!credential) throw new ApiError('auth.missing_token');

  let principal: Principal;
  if (looksLikeApiKey(credential)) {
    const [key] = await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.key_hash, hashApiKey(credential)), isNull(apiKeys.revoked_at)));
    if (!key) throw new ApiError('auth.invalid_token');
    const scopes = key.scopes.filter((s): s is Permission => (PERMISSIONS as readonly string[]).includes(s));
    principal = {
      kind: 'api_key',
      tenantId: key.tenant_id,
      subject: `apikey:${key.id}`,
      userId: null,
      roles: [],
      permissions: new Set(scopes),
      customerId: null,
    };
  } else {
    const claims = await tokens.verify(credential);
    const userId = /^\d+$/.test(claims.sub) ? Number(claims.sub) : null;
    principal = {
      kind: 'user',
      tenantId: claims.tenant_id,
      subject: claims.sub,
      userId,
      roles: claims.roles,
      permissions: permissionsOf(claims.roles),
      customerId: claims.customer_id ?? null,
    };
  }

  const settings = await tenantSettingsOf(db, principal.tenantId);
  if (!settings) throw new ApiError('auth.invalid_token');
  c.set('principal', principal);
  c.set('tenantSettings', settings);
  await next();
});

/**
 * The caller must hold every listed permission, else 403 `auth.forbidden`. Routes declare their permission in the
 * contract (`...permission('customer:write')`, platform/auth/route-permission.ts) and `requirePermission` checks it;
 * call this in a handler only for a check that depends on the record or the caller.
 * @example assertCan(c.var.principal, 'complaint:write');
 */
export function assertCan(principal: Principal, ...needed: Permission[]): void {
  for (const permission of needed) {
    if (!principal.permissions.has(permission)) throw new ApiError('auth.forbidden', { required: permission });
  }
}

/**
 * Route guard for what only a signed-in admin may do, such as managing API keys: an API key is refused
 * whatever its scopes, so a leaked key can neither mint successors that outlive its revocation nor list
 * or revoke the others.
 * @example assertSignedInAdmin(c.var.principal);
 */
export function assertSignedInAdmin(principal: Principal): void {
  if (principal.kind !== 'user' || !principal.roles.includes('admin')) throw new ApiError('auth.forbidden', { required: 'signed_in_admin' });
}
