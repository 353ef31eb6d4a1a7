import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext } from '../../../test-support/index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('probes and contract', () => {
  it('answers liveness and readiness', async () => {
    expect((await call(ctx.app, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call(ctx.app, 'GET', '/readyz')).status).toBe(200);
  });

  it('publishes an OpenAPI 3.1 document with named schemas and operation ids', async () => {
    const res = await call(ctx.app, 'GET', '/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.schemas).toHaveProperty('Customer');
    expect(res.body.components.schemas).toHaveProperty('Error');
    const operations = Object.values(res.body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p));
    expect(operations.every((op) => typeof op.operationId === 'string')).toBe(true);
  });

  it('renders the docs offline from locally served assets', async () => {
    const page = await call(ctx.app, 'GET', '/docs');
    expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const script = await ctx.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});
