import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin']);
let manager1: string;
let manager2Id: number;
const ids: Record<string, number> = {};

const listIds = async (token: string) => {
  const res = await t.get('/api/v1/customers?limit=50', { token });
  expect(res.status).toBe(200);
  return (res.body.data.items as { id: number }[]).map((c) => c.id).sort((a, b) => a - b);
};

async function patchScope(token: string, scope: 'all' | 'assigned') {
  const current = await t.get('/api/v1/settings', { token });
  return t.patch('/api/v1/settings', { token, body: { manager_data_scope: scope }, headers: { 'If-Match': current.headers.get('etag')! } });
}

beforeAll(async () => {
  manager1 = await t.tenant.token('manager', { username: `m1@${t.tenant.code}` });
  const manager1Id = await t.tenant.userIdOf(`m1@${t.tenant.code}`);
  manager2Id = await t.tenant.userIdOf(`m2@${t.tenant.code}`);
  const create = async (key: string, customer_name: string, assigned_manager_id: number | null) => {
    ids[key] = await newCustomer(t, { customer_name, assigned_manager_id }, { as: 'admin' });
  };
  await create('mine', '甲方一号科技有限公司', manager1Id);
  await create('theirs', '乙方二号贸易有限公司', manager2Id);
  await create('unassigned', '丙方三号咨询有限公司', null);
});

describe('GET and PATCH /api/v1/settings', () => {
  it('shows the settings with an ETag, and changes them with If-Match', async () => {
    const read = await t.get('/api/v1/settings', { as: 'admin' });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ tenant_id: t.tenant.id, tenant_code: t.tenant.code, tenant_name: `Tenant ${t.tenant.code}`, manager_data_scope: 'all', renewal_reminder_offsets: [90, 60, 30, 7] });
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"settings-\d+-[0-9a-f]{16}"$/);

    const changed = await t.patch('/api/v1/settings', { as: 'admin', body: { manager_data_scope: 'assigned' }, headers: { 'If-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.message).toBe('设置已更新');
    expect(changed.body.data.manager_data_scope).toBe('assigned');
    expect(changed.headers.get('etag')).not.toBe(etag);

    const stale = await t.patch('/api/v1/settings', { as: 'admin', body: { manager_data_scope: 'all' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('precondition.failed');
    expect((await t.get('/api/v1/settings', { as: 'admin' })).body.data.manager_data_scope).toBe('assigned');
    expect((await patchScope(t.as.admin, 'all')).status).toBe(200);
  });

  it('audits every change with before and after', async () => {
    const log = await t.get(`/api/v1/audit-log?entity_type=tenant&entity_id=${t.tenant.id}`, { as: 'admin' });
    expect(log.status).toBe(200);
    const changes = log.body.data.items.filter((e: { action: string }) => e.action === 'settings.updated');
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes[0]).toMatchObject({ before: { manager_data_scope: 'assigned' }, after: { manager_data_scope: 'all' }, actor_type: 'user' });
  });

  it('sets the renewal reminder offsets, refusing repeats and days outside 1–366', async () => {
    for (const offsets of [[30, 30], [0], [400], []]) {
      const bad = await t.patch('/api/v1/settings', { as: 'admin', body: { renewal_reminder_offsets: offsets }, headers: { 'If-Match': '*' } });
      expect(bad.status).toBe(400);
    }
    const res = await t.patch('/api/v1/settings', { as: 'admin', body: { renewal_reminder_offsets: [14, 120, 45] }, headers: { 'If-Match': '*' } });
    expect(res.status).toBe(200);
    expect(res.body.data.renewal_reminder_offsets).toEqual([120, 45, 14]);
    const back = await t.patch('/api/v1/settings', { as: 'admin', body: { renewal_reminder_offsets: [90, 60, 30, 7] }, headers: { 'If-Match': '*' } });
    expect(back.body.data.renewal_reminder_offsets).toEqual([90, 60, 30, 7]);
  });

  it('requires If-Match, a valid body, and an admin', async () => {
    const noIfMatch = await t.patch('/api/v1/settings', { as: 'admin', body: { manager_data_scope: 'all' } });
    expect(noIfMatch.status).toBe(428);
    for (const body of [{}, { manager_data_scope: 'nobody' }, { manager_data_scope: 'all', theme: 'dark' }]) {
      const res = await t.request('PATCH', '/api/v1/settings', { as: 'admin', body, headers: { 'If-Match': '*' } });
      expect(res.status).toBe(400);
    }
    for (const role of ['manager', 'auditor', 'customer']) {
      const token = await t.tenant.token(role, role === 'customer' ? { customer_id: ids.mine } : {});
      expect((await t.get('/api/v1/settings', { token })).status).toBe(403);
      const res = await t.patch('/api/v1/settings', { token, body: { manager_data_scope: 'assigned' }, headers: { 'If-Match': '*' } });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('auth.forbidden');
    }
    expect((await t.get('/api/v1/settings')).status).toBe(401);
  });

  it("changes only the caller's tenant", async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    expect((await patchScope(otherAdmin, 'assigned')).status).toBe(200);
    expect((await t.get('/api/v1/settings', { as: 'admin' })).body.data.manager_data_scope).toBe('all');
    expect((await t.get('/api/v1/settings', { token: otherAdmin })).body.data.manager_data_scope).toBe('assigned');
  });
});

describe('manager data scope (visibleCustomers)', () => {
  it("'all': a 客户经理 sees every customer of the tenant", async () => {
    expect(await listIds(manager1)).toEqual([ids.mine!, ids.theirs!, ids.unassigned!].sort((a, b) => a - b));
    expect((await t.get(`/api/v1/customers/${ids.theirs}`, { token: manager1 })).status).toBe(200);
  });

  it("'assigned': a 客户经理 sees only assigned customers, lists and details alike; admins still see all", async () => {
    expect((await patchScope(t.as.admin, 'assigned')).status).toBe(200);
    expect(await listIds(manager1)).toEqual([ids.mine]);
    expect((await t.get(`/api/v1/customers/${ids.mine}`, { token: manager1 })).status).toBe(200);
    for (const hidden of [ids.theirs, ids.unassigned]) {
      const res = await t.get(`/api/v1/customers/${hidden}`, { token: manager1 });
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('customer.not_found');
    }
    expect(await listIds(t.as.admin)).toHaveLength(3);
    expect(await listIds(await t.tenant.token('csm'))).toHaveLength(3);
    expect((await patchScope(t.as.admin, 'all')).status).toBe(200);
    expect(await listIds(manager1)).toHaveLength(3);
  });

  it('a portal user sees only its own customer, whatever the setting', async () => {
    const portal = await t.tenant.token('customer', { customer_id: ids.theirs });
    for (const scope of ['all', 'assigned'] as const) {
      expect((await patchScope(t.as.admin, scope)).status).toBe(200);
      // The list is a staff tool (403); its own company opens by id.
      expect((await t.get('/api/v1/customers', { token: portal })).status).toBe(403);
      expect((await t.get(`/api/v1/customers/${ids.theirs}`, { token: portal })).status).toBe(200);
      expect((await t.get(`/api/v1/customers/${ids.mine}`, { token: portal })).status).toBe(404);
    }
    expect((await patchScope(t.as.admin, 'all')).status).toBe(200);
  });
});
