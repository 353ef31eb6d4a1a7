import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { createRouter } from '../../../platform/router.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const Health = z.object({ status: z.string().openapi({ example: 'ok' }) }).openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getLiveness',
  ...permission('public'),
  description: '200 while the process answers; outside the envelope, as orchestrators expect.',
  tags: ['system'],
  summary: 'Liveness: the process answers',
  security: [],
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Health } } } },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  ...permission('public'),
  description: '200 when the database answers a query, 503 otherwise; outside the envelope.',
  tags: ['system'],
  summary: 'Readiness: the database answers',
  security: [],
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Health } } },
    503: { description: 'Database unreachable', content: { 'application/json': { schema: Health } } },
  },
});

/** Probes for orchestrators; outside the envelope, as probes expect. */
export const systemRoutes = createRouter()
  .openapi(healthRoute, function healthHandler(c) {
    return c.json({ status: 'ok' }, 200);
  })
  .openapi(readyRoute, async function readyHandler(c) {
    try {
      await c.var.deps.db.execute(sql`select 1`);
      return c.json({ status: 'ok' }, 200);
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });
