import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './platform/auth/authenticate.ts';
import { operationIndex, portalGate, type OperationIndex } from './platform/auth/portal-access.ts';
import { requirePermission } from './platform/auth/require-permission.ts';
import { createLoginThrottle } from './platform/auth/login-throttle.ts';
import type { AppDeps, AppEnv } from './platform/app-env.ts';
import { docsRoutes } from './platform/docs.ts';
import { ApiError } from './platform/errors.ts';
import { handleError } from './platform/error-handler.ts';
import { idempotency } from './platform/idempotency.ts';
import { inputGuard } from './platform/input-guard.ts';
import { requestContext } from './platform/request-id.ts';
import { createRouter } from './platform/router.ts';
import { tenantTransaction } from './platform/tenant-transaction.ts';
import { modules } from './modules/registry.ts';

export type { AppDeps } from './platform/app-env.ts';

/** The OpenAPI document's fixed parts. */
export const openApiInfo: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'CRM module API (REQ-016)',
    version: '1.0.0',
    description:
      'Customer relationship management for the IT-operations service portal. Every response uses the envelope `{ code, message, data }`; errors carry a stable `error` code and `request_id`.',
    license: { name: 'Proprietary', url: 'https://example.com/crm-module/license' },
    contact: { name: 'CRM module team' },
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'Local embedded instance' }],
  security: [{ bearerAuth: [] }],
  tags: modules.flatMap((module) => module.tags ?? []),
};

const bearerAuth = {
  type: 'http' as const,
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'A JWT from POST /api/v1/auth/token or the portal auth module, or an integration API key (crm_…)',
};

/** Mounts the routers of every module of the registry. Shared by the app and the offline contract generator. */
function mountApi(app: OpenAPIHono<AppEnv>) {
  // Probes, token issue and survey links work without an account: mounted before authentication.
  for (const module of modules) for (const routes of module.openRoutes ?? []) app.route('/', routes);
  let operations: OperationIndex | undefined;
  const operationsOf = () => (operations ??= operationIndex(app.getOpenAPI31Document(openApiInfo)));
  app.use('/api/v1/*', authenticate, portalGate(operationsOf), requirePermission(app.openAPIRegistry), tenantTransaction, idempotency);
  for (const module of modules) for (const routes of module.routes) app.route('/', routes);
}

/**
 * The whole HTTP application over injected dependencies (database, keys, logger): no env reads, no
 * listening socket, so tests call `app.request()` on it directly.
 * @example const app = createApp(deps); const res = await app.request('/healthz');
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', bearerAuth);
  const appDeps = { ...deps, loginThrottle: deps.loginThrottle ?? createLoginThrottle() };
  app.use('*', async function provideDeps(c, next) {
    c.set('deps', appDeps);
    await next();
  });
  app.use('*', requestContext);
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', contentSecurityPolicy: undefined }));
  app.use('/api/*', cors({ origin: deps.config.CRM_CORS_ORIGINS === '*' ? '*' : deps.config.CRM_CORS_ORIGINS.split(','), exposeHeaders: ['ETag', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After'], allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'Accept-Language', 'X-Api-Key', 'X-Request-Id'] }));
  app.use('/api/*', bodyLimit({ maxSize: 2 * 1024 * 1024, onError: () => { throw new ApiError('request.too_large'); } }));
  // After the body limit, before every route: NUL and lone surrogates never reach a handler or the database.
  app.use('*', inputGuard);
  app.onError(handleError);
  mountApi(app);

  app.doc31('/openapi.json', openApiInfo);
  app.route('/', docsRoutes);
  app.notFound((c) => {
    throw new ApiError('route.not_found', { path: c.req.path });
  });

  const { staticRoots } = deps;
  if (staticRoots?.widgets) {
    // Other modules' pages, on other origins, load the widget bundle as a module script: that needs CORS.
    app.use('/widgets/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD'] }));
    app.get('/widgets', (c) => c.redirect('/widgets/'));
    app.use('/widgets/*', serveStatic({ root: staticRoots.widgets, rewriteRequestPath: (p) => p.replace(/^\/widgets/, '') }));
  }
  if (staticRoots?.shell) {
    app.use('/*', serveStatic({ root: staticRoots.shell }));
    // Client-side routes of the shell fall back to its index page.
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      return serveStatic({ root: staticRoots.shell, path: 'index.html' })(c, next);
    });
  }
  return app;
}

/** The OpenAPI document without a database or a server (for the SDK generator). */
export function buildOpenApiDocument() {
  const app = createRouter();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', bearerAuth);
  mountApi(app);
  return app.getOpenAPI31Document(openApiInfo);
}
