import { and, eq } from 'drizzle-orm';
import { clientOf } from '../../../platform/auth/client-address.ts';
import { ApiError } from '../../../platform/errors.ts';
import './auth.errors.ts';
import { createRouter } from '../../../platform/router.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { currentUserRoute, issueTokenRoute } from './auth.contract.ts';
import { accountOf, issueToken } from './auth.service.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/**
 * The built-in issuer; mounted before authentication. Each (account, client) and each client is admitted
 * by the sign-in throttle first: a refused attempt is told when to come back and its password is not checked.
 */
export const tokenRoutes = createRouter().openapi(issueTokenRoute, async function issueTokenHandler(c) {
  const { username, password } = c.req.valid('json');
  const { db, tokens, config, loginThrottle } = c.var.deps;
  const admission = loginThrottle.admit(accountOf(username), clientOf(c, config.CRM_TRUSTED_PROXIES));
  if (!admission.admitted) {
    c.header('Retry-After', String(admission.retryAfterSeconds));
    throw new ApiError('auth.locked', { retry_after_seconds: admission.retryAfterSeconds });
  }
  const grant = await issueToken(db, tokens, username, password, admission);
  return ok(c, grant, { zh: '登录成功', en: 'Signed in' }, 200);
});

export const currentUserRoutes = createRouter().openapi(currentUserRoute, async function currentUserHandler(c) {
  const principal = c.var.principal;
  const [user] =
    principal.userId === null
      ? []
      : await c.var.tx.select().from(users).where(and(eq(users.tenant_id, principal.tenantId), eq(users.id, principal.userId))).limit(1);
  return ok(
    c,
    {
      id: principal.userId,
      username: user?.username ?? null,
      display_name: user?.display_name ?? null,
      roles: principal.roles,
      permissions: [...principal.permissions],
      tenant_id: principal.tenantId,
      customer_id: principal.customerId,
    },
    undefined,
    200,
  );
});
