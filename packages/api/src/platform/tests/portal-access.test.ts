import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext, type TestTenant } from '../../test-support/index.ts';
import { PORTAL_OPERATIONS } from '../auth/portal-access.ts';

type Operation = { method: string; path: string; operationId: string; public: boolean };

let ctx: TestContext;
let tenant: TestTenant;
let admin: string;
let portal: string;
let ownId: number;
let otherId: number;
let operations: Operation[];

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  admin = await tenant.token('admin');
  const own = await call(ctx.app, 'POST', '/api/v1/customers', { token: admin, body: { customer_name: '门户自家科技有限公司', contacts: [{ contact_name: '自家联系人', mobile: '13800138001' }] } });
  const other = await call(ctx.app, 'POST', '/api/v1/customers', { token: admin, body: { customer_name: '别家保密集团有限公司', contacts: [{ contact_name: '别家联系人', mobile: '13900139002' }] } });
  ownId = own.body.data.customer_id;
  otherId = other.body.data.customer_id;
  portal = await tenant.token('customer', { customer_id: ownId });
  const document = (await call(ctx.app, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operationId: operation.operationId, public: Array.isArray(operation.security) && operation.security.length === 0 })),
  );
});
afterAll(() => ctx.close());

/** The operation's URL with every path parameter filled: the portal user's own customer where one is asked. */
const urlOf = (op: Operation) => op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'id' && op.path.startsWith('/api/v1/customers/') ? String(ownId) : name === 'token' ? 'x' : name === 'source' ? 'ticketing' : '1'));

describe('what a portal user can call', () => {
  it('lists only operations that exist in the contract', () => {
    const ids = new Set(operations.map((op) => op.operationId));
    expect(Object.keys(PORTAL_OPERATIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('refuses every other operation of the contract with 403, before reading its input', async () => {
    const staffOnly = operations.filter((op) => !op.public && op.path.startsWith('/api/v1/') && !(op.operationId in PORTAL_OPERATIONS));
    expect(staffOnly.length).toBeGreaterThan(150);
    const answers: string[] = [];
    for (const op of staffOnly) {
      const res = await call(ctx.app, op.method, urlOf(op), { token: portal, body: ['GET', 'DELETE'].includes(op.method) ? undefined : {} });
      if (res.status !== 403 || res.body.error !== 'auth.forbidden') answers.push(`${op.operationId} ${op.method} ${op.path} → ${res.status} ${res.body?.error ?? ''}`);
    }
    expect(answers).toEqual([]);
  });

  it('cannot look up another company by name or by a mobile number (the duplicate check)', async () => {
    for (const body of [{ customer_name: '别家保密集团有限公司' }, { mobile: '13900139002' }, { customer_name: '别家保密集团', contacts: [{ contact_name: '甲', mobile: '13900139002' }] }]) {
      const res = await call(ctx.app, 'POST', '/api/v1/customers/duplicate-check', { token: portal, body });
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toMatch(/别家|CUST|customer_id/);
    }
    // Staff still can.
    const staff = await call(ctx.app, 'POST', '/api/v1/customers/duplicate-check', { token: admin, body: { customer_name: '别家保密集团有限公司' } });
    expect(staff.status).toBe(200);
  });

  it('still does its own work: profile, contracts, SLA, history, complaints, notifications and surveys', async () => {
    for (const path of [`/api/v1/auth/me`, `/api/v1/customers/${ownId}`, `/api/v1/customers/${ownId}/contracts`, `/api/v1/customers/${ownId}/timeline`, '/api/v1/complaints', '/api/v1/notifications', '/api/v1/portal/surveys']) {
      const res = await call(ctx.app, 'GET', path, { token: portal });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    const complaint = await call(ctx.app, 'POST', '/api/v1/complaints', { token: portal, body: { customer_id: ownId, title: '响应太慢', description: '上周的故障工单四个小时没有人响应' } });
    expect(complaint.status).toBe(201);
    // …and only its own company.
    expect((await call(ctx.app, 'GET', `/api/v1/customers/${otherId}`, { token: portal })).status).toBe(404);
  });
});
