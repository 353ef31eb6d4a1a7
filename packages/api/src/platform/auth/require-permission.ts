import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../app-env.ts';
import { assertCan, assertSignedInAdmin } from './authenticate.ts';
import { isRoutePermission, PERMISSION_EXTENSION, type RoutePermission } from './route-permission.ts';

/** The routes an app registered for its OpenAPI document (`app.openAPIRegistry`). */
type RouteRegistry = Pick<OpenAPIHono['openAPIRegistry'], 'definitions'>;

/** `GET /api/v1/customers/:id` → what its caller must hold, keyed as `operationIndex` keys operations. */
export type PermissionIndex = ReadonlyMap<string, { operationId: string; permission: RoutePermission | undefined }>;

/**
 * The declared requirement of every route of a registry, by method and Hono route path. Read from the route
 * configs the OpenAPI document is generated from (the same `x-crm-permission`, keyed the same way as
 * `operationIndex`), without generating the document: that takes most of a second, which every app would
 * otherwise spend on its first request.
 * @example permissionIndex(app.openAPIRegistry).get('GET /api/v1/tags') // { operationId: 'listTags', permission: 'customer:read' }
 */
export function permissionIndex(registry: RouteRegistry): PermissionIndex {
  const index = new Map<string, { operationId: string; permission: RoutePermission | undefined }>();
  for (const definition of registry.definitions) {
    if (definition.type !== 'route') continue;
    const { method, path, operationId, [PERMISSION_EXTENSION]: declared } = definition.route as typeof definition.route & { [PERMISSION_EXTENSION]?: unknown };
    const permission = isRoutePermission(declared) ? declared : undefined;
    index.set(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`, { operationId: operationId ?? `${method} ${path}`, permission });
  }
  return index;
}

/** The caller must meet the requirement: the checks handlers made themselves before, with the same errors. */
function assertMeets(c: Context<AppEnv>, permission: RoutePermission): void {
  if (permission === 'public' || permission === 'authenticated') return;
  if (permission === 'signed_in_admin') return assertSignedInAdmin(c.var.principal);
  assertCan(c.var.principal, ...(typeof permission === 'string' ? [permission] : permission));
}

/**
 * After authentication and the portal gate, before the tenant transaction and the input validation: the
 * caller holds what the operation's `x-crm-permission` asks, or gets 403 `auth.forbidden` without its input
 * being read. The operation is the first route (not middleware) that matched the request, the one that
 * answers, as in `portalGate`. A route that declares nothing is a programming error and is refused (500):
 * an operation is never open by omission.
 * @example app.use('/api/v1/*', authenticate, portalGate(operationsOf), requirePermission(app.openAPIRegistry), tenantTransaction);
 */
export function requirePermission(registry: RouteRegistry) {
  // Read on the first request: the routes are mounted after this middleware.
  let index: PermissionIndex | undefined;
  return createMiddleware<AppEnv>(async function requirePermission(c, next) {
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
    // No route: the not-found answer.
    if (route) {
      index ??= permissionIndex(registry);
      const operation = index.get(`${route.method} ${route.path}`);
      if (!operation?.permission) throw new Error(`${route.method} ${route.path} declares no valid ${PERMISSION_EXTENSION}`);
      assertMeets(c, operation.permission);
    }
    await next();
  });
}
