import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';
import { localeFrom } from './i18n.ts';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane), a locale and a child logger,
 * and writes one access log line per request.
 */
export const requestContext = createMiddleware<AppEnv>(async function requestContext(c, next) {
  const incoming = c.req.header('X-Request-Id');
  const requestId = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  c.set('requestId', requestId);
  c.set('locale', localeFrom(c.req.header('Accept-Language')));
  const logger = c.var.deps.logger.child({ request_id: requestId });
  c.set('logger', logger);
  const started = performance.now();
  await next();
  c.header('X-Request-Id', requestId);
  c.header('Content-Language', c.var.locale);
  logger.info(
    { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
    'request',
  );
});
