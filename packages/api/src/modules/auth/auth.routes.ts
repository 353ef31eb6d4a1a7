import { and, eq } from 'drizzle-orm';
import { createRouter } from '../../platform/router.ts';
import { ok } from '../../platform/envelope.ts';
import { currentUserRoute, issueTokenRoute } from './auth.contract.ts';
import { issueToken } from './auth.service.ts';
import { users } from './users.schema.ts';

/** The built-in issuer; mounted before authentication. */
export const tokenRoutes = createRouter().openapi(issueTokenRoute, async (c) => {
  const { username, password } = c.req.valid('json');
  const grant = await issueToken(c.var.deps.db, c.var.deps.tokens, username, password);
  return ok(c, grant, { zh: '登录成功', en: 'Signed in' }, 200);
});

export const currentUserRoutes = createRouter().openapi(currentUserRoute, async (c) => {
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
