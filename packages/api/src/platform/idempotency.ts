import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import { ApiError } from './errors.ts';
import { idempotencyKeys } from './platform.schema.ts';

/** A stored response: sealed (`v1.…`), or in clear when stored before responses were sealed. */
const openStored = (ring: KeyRing, stored: string | null) => (stored === null ? '' : stored.startsWith('v1.') ? ring.decrypt(stored) : stored);

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is stored in the same
 * transaction; a retry with the same key and body gets the stored response (`Idempotent-Replayed: true`)
 * and changes nothing; the same key with another body is refused. A concurrent duplicate waits on the
 * key's unique index until the first commits, then replays it. A failed request stores nothing.
 * The stored response is sealed with the key ring: responses carry unmasked contact data and secrets shown
 * once (API keys, webhook secrets), which must not rest in clear in `idempotency_keys`.
 */
export const idempotency = createMiddleware<AppEnv>(async function idempotency(c, next) {
  const key = c.req.header('Idempotency-Key');
  if (c.req.method !== 'POST' || !key) return next();
  if (key.length > 200) throw new ApiError('request.invalid', { header: 'Idempotency-Key', reason: 'longer than 200 characters' });
  const tenantId = c.var.principal.tenantId;
  const tx = c.var.tx;
  const route = `${c.req.method} ${c.req.path}`;
  const body = await c.req.text();
  const requestHash = createHash('sha256').update(route).update('\n').update(body).digest('hex');

  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ tenant_id: tenantId, key, route, request_hash: requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (inserted.length === 0) {
    const [stored] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tenant_id, tenantId), eq(idempotencyKeys.key, key)));
    if (!stored || stored.request_hash !== requestHash || stored.status_code === null) {
      throw new ApiError('idempotency.key_reused', { key });
    }
    c.header('Idempotent-Replayed', 'true');
    return c.body(openStored(c.var.deps.keyRing, stored.response), stored.status_code as 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  }

  await next();
  if (c.error || c.res.status >= 400) return;
  const text = await c.res.clone().text();
  await tx
    .update(idempotencyKeys)
    .set({ status_code: c.res.status, response: c.var.deps.keyRing.encrypt(text) })
    .where(and(eq(idempotencyKeys.tenant_id, tenantId), eq(idempotencyKeys.key, key)));
});
