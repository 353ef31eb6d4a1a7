import { createMiddleware } from 'hono/factory';
import { withTenant } from '../db/tenant-tx.ts';
import type { AppEnv } from './app-env.ts';

class Rollback extends Error {}

/**
 * One transaction per request, scoped to the caller's tenant under the non-superuser role, so RLS is
 * the second wall behind each query's own tenant filter. Any error or 4xx/5xx answer rolls it back:
 * a refused request writes nothing.
 */
export const tenantTransaction = createMiddleware<AppEnv>(async function tenantTransaction(c, next) {
  try {
    await withTenant(c.var.deps.db, c.var.principal.tenantId, async (tx) => {
      c.set('tx', tx);
      await next();
      if (c.error || c.res.status >= 400) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
});
