import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../app.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../../test-support/index.ts';
import { createRouter } from '../router.ts';
import { operationIndex } from './portal-access.ts';
import { permissionIndex, requirePermission } from './require-permission.ts';
import { isRoutePermission, permission, PERMISSION_EXTENSION } from './route-permission.ts';

type DocumentOperation = { operationId: string; security?: unknown[]; [PERMISSION_EXTENSION]?: unknown };
const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, DocumentOperation>> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method, path, ...operation })));

describe('the x-crm-permission of the contract', () => {
  it('is on every operation, and names known permissions or an access level', () => {
    expect(operations.filter((op) => op.path.startsWith('/api/v1/')).length).toBeGreaterThan(150);
    expect(operations.filter((op) => !isRoutePermission(op[PERMISSION_EXTENSION])).map((op) => op.operationId)).toEqual([]);
  });

  it('is public exactly where the contract asks for no credential', () => {
    const publicByExtension = operations.filter((op) => op[PERMISSION_EXTENSION] === 'public').map((op) => op.operationId);
    const publicBySecurity = operations.filter((op) => Array.isArray(op.security) && op.security.length === 0).map((op) => op.operationId);
    expect(publicByExtension.sort()).toEqual(publicBySecurity.sort());
    expect(publicByExtension).toEqual(expect.arrayContaining(['issueToken', 'getLiveness', 'getPublicSurvey']));
  });

  it('is what the middleware enforces: its index holds the same operations, with the same requirement', async () => {
    const ctx = await createTestContext();
    try {
      const enforced = permissionIndex(ctx.app.openAPIRegistry);
      const published = new Map(operations.map((op) => [op.operationId, op[PERMISSION_EXTENSION]]));
      const mismatches = [...operationIndex(document)].flatMap(([key, operationId]) => {
        const entry = enforced.get(key);
        return entry?.operationId === operationId && JSON.stringify(entry.permission) === JSON.stringify(published.get(operationId)) ? [] : [`${key} ${operationId}`];
      });
      expect(mismatches).toEqual([]);
      expect(enforced.size).toBe(operations.length);
    } finally {
      await ctx.close();
    }
  });
});

describe('requirePermission', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  beforeAll(async () => {
    ctx = await createTestContext();
    tenant = await ctx.createTenant();
  });
  afterAll(() => ctx.close());

  it('refuses a caller without the permission with 403 before reading its input; one with it gets the validation error', async () => {
    const invalidTag = { name: '', color: 'red' };
    const refused = await call(ctx.app, 'POST', '/api/v1/tags', { token: await tenant.token('support'), body: invalidTag });
    expect({ status: refused.status, body: refused.body }).toMatchObject({ status: 403, body: { error: 'auth.forbidden', details: { required: 'tag:write' } } });
    const invalid = await call(ctx.app, 'POST', '/api/v1/tags', { token: await tenant.token('manager'), body: invalidTag });
    expect({ status: invalid.status, error: invalid.body.error }).toEqual({ status: 400, error: 'request.invalid' });
  });

  it('asks for every permission of a list, naming the first one missing', async () => {
    const key = await tenant.integrationKey();
    const res = await call(ctx.app, 'GET', '/api/v1/customers/1/invoices', { headers: { 'X-Api-Key': key } });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { error: 'auth.forbidden', details: { required: 'customer:read' } } });
    const analyst = await call(ctx.app, 'GET', '/api/v1/customers/999999/invoices', { token: await tenant.token('analyst') });
    expect(analyst.status).toBe(404);
  });

  it('keeps API key management to a signed-in admin, whatever a key may do', async () => {
    const key = await tenant.integrationKey();
    const res = await call(ctx.app, 'POST', '/api/v1/api-keys', { headers: { 'X-Api-Key': key }, body: {} });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { error: 'auth.forbidden', details: { required: 'signed_in_admin' } } });
  });

  it('lets any signed-in caller reach an operation open to every signed-in user', async () => {
    const res = await call(ctx.app, 'GET', '/api/v1/notifications', { token: await tenant.token('auditor') });
    expect(res.status).toBe(200);
  });

  it('refuses a route that declares no requirement: an operation is never open by omission', async () => {
    const undeclared = createRoute({ method: 'get', path: '/api/v1/undeclared', operationId: 'undeclared', responses: { 200: { description: 'Never reached' } } });
    const declared = createRoute({ method: 'get', path: '/api/v1/declared', operationId: 'declared', ...permission('public'), responses: { 200: { description: 'Open' } } });
    const app = createRouter();
    app.use('/api/v1/*', requirePermission(app.openAPIRegistry));
    app.openapi(undeclared, function undeclaredHandler(c) {
      return c.text('reached', 200);
    });
    app.openapi(declared, function declaredHandler(c) {
      return c.text('reached', 200);
    });
    expect((await app.request('/api/v1/undeclared')).status).toBe(500);
    expect(await (await app.request('/api/v1/declared')).text()).toBe('reached');
    expect(permissionIndex(app.openAPIRegistry).get('GET /api/v1/declared')).toEqual({ operationId: 'declared', permission: 'public' });
  });
});

describe('permission', () => {
  it('is one permission, a list that must all be held, or an access level', () => {
    expect(permission('customer:read')).toEqual({ 'x-crm-permission': 'customer:read' });
    expect(permission('customer:read', 'analysis:read')).toEqual({ 'x-crm-permission': ['customer:read', 'analysis:read'] });
    expect(permission('authenticated')).toEqual({ 'x-crm-permission': 'authenticated' });
    expect(isRoutePermission('customer:reed')).toBe(false);
    expect(isRoutePermission(['customer:read'])).toBe(false);
  });
});
