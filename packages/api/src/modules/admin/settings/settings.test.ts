import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext, type TestTenant } from '../../../test-support/index.ts';

let ctx: TestContext;
let tenant: TestTenant;
let admin: string;
let manager1: string;
let manager2Id: number;
const ids: Record<string, number> = {};

const listIds = async (token: string) => {
  const res = await call(ctx.app, 'GET', '/api/v1/customers?limit=50', { token });
  expect(res.status).toBe(200);
  return (res.body.data.items as { id: number }[]).map((c) => c.id).sort((a, b) => a - b);
};

async function patchScope(token: string, scope: 'all' | 'assigned') {
  const current = await call(ctx.app, 'GET', '/api/v1/settings', { token });
  return call(ctx.app, 'PATCH', '/api/v1/settings', { token, body: { manager_data_scope: scope }, headers: { 'If-Match': current.headers.get('etag')! } });
}

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  admin = await tenant.token('admin');
  manager1 = await tenant.token('manager', { username: `m1@${tenant.code}` });
  const manager1Id = await tenant.userIdOf(`m1@${tenant.code}`);
  manager2Id = await tenant.userIdOf(`m2@${tenant.code}`);
  const create = async (key: string, customer_name: string, assigned_manager_id: number | null) => {
    const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body: { customer_name, assigned_manager_id } });
    ids[key] = res.body.data.customer_id;
  };
  await create('mine', '甲方一号科技有限公司', manager1Id);
  await create('theirs', '乙方二号贸易有限公司', manager2Id);
  await create('unassigned', '丙方三号咨询有限公司', null);
});
afterAll(() => ctx.close());

describe('GET and PATCH /api/v1/settings', () => {
  it('shows the settings with an ETag, and changes them with If-Match', async () => {
    const read = await call(ctx.app, 'GET', '/api/v1/settings', { token: admin });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ tenant_id: tenant.id, tenant_code: tenant.code, tenant_name: `Tenant ${tenant.code}`, manager_data_scope: 'all', renewal_reminder_offsets: [90, 60, 30, 7] });
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"settings-\d+-[0-9a-f]{16}"$/);

    const changed = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { manager_data_scope: 'assigned' }, headers: { 'If-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.message).toBe('设置已更新');
    expect(changed.body.data.manager_data_scope).toBe('assigned');
    expect(changed.headers.get('etag')).not.toBe(etag);

    const stale = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { manager_data_scope: 'all' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('precondition.failed');
    expect((await call(ctx.app, 'GET', '/api/v1/settings', { token: admin })).body.data.manager_data_scope).toBe('assigned');
    expect((await patchScope(admin, 'all')).status).toBe(200);
  });

  it('audits every change with before and after', async () => {
    const log = await call(ctx.app, 'GET', `/api/v1/audit-log?entity_type=tenant&entity_id=${tenant.id}`, { token: admin });
    expect(log.status).toBe(200);
    const changes = log.body.data.items.filter((e: { action: string }) => e.action === 'settings.updated');
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes[0]).toMatchObject({ before: { manager_data_scope: 'assigned' }, after: { manager_data_scope: 'all' }, actor_type: 'user' });
  });

  it('sets the renewal reminder offsets, refusing repeats and days outside 1–366', async () => {
    for (const offsets of [[30, 30], [0], [400], []]) {
      const bad = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { renewal_reminder_offsets: offsets }, headers: { 'If-Match': '*' } });
      expect(bad.status).toBe(400);
    }
    const res = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { renewal_reminder_offsets: [14, 120, 45] }, headers: { 'If-Match': '*' } });
    expect(res.status).toBe(200);
    expect(res.body.data.renewal_reminder_offsets).toEqual([120, 45, 14]);
    const back = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { renewal_reminder_offsets: [90, 60, 30, 7] }, headers: { 'If-Match': '*' } });
    expect(back.body.data.renewal_reminder_offsets).toEqual([90, 60, 30, 7]);
  });

  it('requires If-Match, a valid body, and an admin', async () => {
    const noIfMatch = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { manager_data_scope: 'all' } });
    expect(noIfMatch.status).toBe(428);
    for (const body of [{}, { manager_data_scope: 'nobody' }, { manager_data_scope: 'all', theme: 'dark' }]) {
      const res = await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body, headers: { 'If-Match': '*' } });
      expect(res.status).toBe(400);
    }
    for (const role of ['manager', 'auditor', 'customer']) {
      const token = await tenant.token(role, role === 'customer' ? { customer_id: ids.mine } : {});
      expect((await call(ctx.app, 'GET', '/api/v1/settings', { token })).status).toBe(403);
      const res = await call(ctx.app, 'PATCH', '/api/v1/settings', { token, body: { manager_data_scope: 'assigned' }, headers: { 'If-Match': '*' } });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('auth.forbidden');
    }
    expect((await call(ctx.app, 'GET', '/api/v1/settings')).status).toBe(401);
  });

  it("changes only the caller's tenant", async () => {
    const other = await ctx.createTenant();
    const otherAdmin = await other.token('admin');
    expect((await patchScope(otherAdmin, 'assigned')).status).toBe(200);
    expect((await call(ctx.app, 'GET', '/api/v1/settings', { token: admin })).body.data.manager_data_scope).toBe('all');
    expect((await call(ctx.app, 'GET', '/api/v1/settings', { token: otherAdmin })).body.data.manager_data_scope).toBe('assigned');
  });
});

describe('manager data scope (visibleCustomers)', () => {
  it("'all': a 客户经理 sees every customer of the tenant", async () => {
    expect(await listIds(manager1)).toEqual([ids.mine!, ids.theirs!, ids.unassigned!].sort((a, b) => a - b));
    expect((await call(ctx.app, 'GET', `/api/v1/customers/${ids.theirs}`, { token: manager1 })).status).toBe(200);
  });

  it("'assigned': a 客户经理 sees only assigned customers, lists and details alike; admins still see all", async () => {
    expect((await patchScope(admin, 'assigned')).status).toBe(200);
    expect(await listIds(manager1)).toEqual([ids.mine]);
    expect((await call(ctx.app, 'GET', `/api/v1/customers/${ids.mine}`, { token: manager1 })).status).toBe(200);
    for (const hidden of [ids.theirs, ids.unassigned]) {
      const res = await call(ctx.app, 'GET', `/api/v1/customers/${hidden}`, { token: manager1 });
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('customer.not_found');
    }
    expect(await listIds(admin)).toHaveLength(3);
    expect(await listIds(await tenant.token('csm'))).toHaveLength(3);
    expect((await patchScope(admin, 'all')).status).toBe(200);
    expect(await listIds(manager1)).toHaveLength(3);
  });

  it('a portal user sees only its own customer, whatever the setting', async () => {
    const portal = await tenant.token('customer', { customer_id: ids.theirs });
    for (const scope of ['all', 'assigned'] as const) {
      expect((await patchScope(admin, scope)).status).toBe(200);
      // The list is a staff tool (403); its own company opens by id.
      expect((await call(ctx.app, 'GET', '/api/v1/customers', { token: portal })).status).toBe(403);
      expect((await call(ctx.app, 'GET', `/api/v1/customers/${ids.theirs}`, { token: portal })).status).toBe(200);
      expect((await call(ctx.app, 'GET', `/api/v1/customers/${ids.mine}`, { token: portal })).status).toBe(404);
    }
    expect((await patchScope(admin, 'all')).status).toBe(200);
  });
});
