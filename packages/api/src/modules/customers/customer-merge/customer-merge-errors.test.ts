import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { customerContacts } from '../contacts/contacts.schema.ts';
import { customerMerges } from '../customers/customers.schema.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { mergeFixtures } from './customer-merge.fixtures.ts';

const t = useTestTenant(['admin']);
let fx: ReturnType<typeof mergeFixtures>;

const merge = (token: string, body: Record<string, unknown>, headers?: Record<string, string>) => t.request('POST', '/api/v1/customers/merge', { token, body, headers });
const pair = async (a: string, b: string) => [await fx.customer({ customer_name: a }), await fx.customer({ customer_name: b })] as const;

beforeAll(async () => {
  fx = mergeFixtures(t.ctx, t.tenant, t.as.admin);
});

describe('merge errors', () => {
  it('refuses the same customer twice, unknown ids and other tenants’ customers', async () => {
    const [a] = await pair('错误测试甲有限公司', '错误测试乙有限公司');
    const same = await merge(t.as.admin, { survivor_id: a, merged_id: a, survivor_version: 1, merged_version: 1 });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ error: 'customer.merge_invalid', details: { reason: 'same_customer' } });

    const other = await t.ctx.createTenant();
    const foreign = (await t.post('/api/v1/customers', { token: await other.token('admin'), body: { customer_name: '外租户客户有限公司' } })).body.data.customer_id;
    for (const body of [{ survivor_id: a, merged_id: foreign }, { survivor_id: foreign, merged_id: a }, { survivor_id: a, merged_id: 987654321 }]) {
      const res = await merge(t.as.admin, { ...body, survivor_version: 1, merged_version: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('customer.not_found');
      expect((await t.post('/api/v1/customers/merge/preview', { as: 'admin', body })).status).toBe(404);
    }
    const stillThere = await t.get(`/api/v1/customers/${foreign}`, { token: await other.token('admin') });
    expect(stillThere.body.data.archived_at).toBeNull();
  });

  it('refuses an archived customer (409) and a stale version (412), moving nothing', async () => {
    const a = await fx.customer({ customer_name: '版本测试甲有限公司' });
    const b = await fx.customer({ customer_name: '版本测试乙有限公司', contacts: [{ contact_name: '赵六', mobile: '13700000006' }] });
    const contactsOfB = async () => t.ctx.handle.db.$count(customerContacts, eq(customerContacts.customer_id, b));
    expect(await contactsOfB()).toBe(1);
    const versionB = await fx.versionOf(b);
    const stale = await merge(t.as.admin, { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: versionB + 1 });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: 'precondition.failed', details: { survivor_version: 1, merged_version: versionB } });
    expect(await contactsOfB()).toBe(1);

    const c = await fx.customer({ customer_name: '已归档测试有限公司' });
    await t.post(`/api/v1/customers/${c}/archive`, { as: 'admin' });
    const archived = await merge(t.as.admin, { survivor_id: a, merged_id: c, survivor_version: 1, merged_version: 2 });
    expect(archived.status).toBe(409);
    expect(archived.body).toMatchObject({ error: 'customer.merge_invalid', details: { reason: 'archived', id: c } });
    const archivedSurvivor = await t.post('/api/v1/customers/merge/preview', { as: 'admin', body: { survivor_id: c, merged_id: a } });
    expect(archivedSurvivor.status).toBe(409);
  });

  it('validates the body strictly', async () => {
    const [a, b] = await pair('校验测试甲有限公司', '校验测试乙有限公司');
    for (const body of [
      { survivor_id: a, merged_id: b },
      { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: 1, field_choices: { customer_code: 'merged' } },
      { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: 1, field_choices: { industry: 'both' } },
      { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: 1, force: true },
      { survivor_id: 'a', merged_id: b, survivor_version: 1, merged_version: 1 },
    ]) {
      const res = await merge(t.as.admin, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('request.invalid');
    }
  });

  it('refuses a merge that would nest customer groups three levels deep', async () => {
    const holding = await fx.customer({ customer_name: '控股集团有限公司' });
    const survivor = await fx.customer({ customer_name: '深度测试子公司', parent_customer_id: holding });
    const merged = await fx.customer({ customer_name: '深度测试母公司' });
    await fx.customer({ customer_name: '深度测试孙公司', parent_customer_id: merged });
    const preview = await t.post('/api/v1/customers/merge/preview', { as: 'admin', body: { survivor_id: survivor, merged_id: merged } });
    expect(preview.body.data.can_merge).toBe(false);
    expect(preview.body.data.warnings).toContainEqual(expect.objectContaining({ code: 'group_depth', blocking: true }));
    const res = await merge(t.as.admin, { survivor_id: survivor, merged_id: merged, survivor_version: 1, merged_version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.details).toMatchObject({ reason: 'group_depth', parent_customer_id: holding, subsidiaries: 1 });
    // Choosing the merged customer's (empty) parent makes the survivor a group head: then it works.
    const ok = await merge(t.as.admin, { survivor_id: survivor, merged_id: merged, survivor_version: 1, merged_version: 1, field_choices: { parent_customer_id: 'merged' } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.survivor.parent_customer_id).toBeNull();
  });

  it('merges a subsidiary into its parent, dropping the link', async () => {
    const parent = await fx.customer({ customer_name: '上下级测试母公司' });
    const child = await fx.customer({ customer_name: '上下级测试子公司', parent_customer_id: parent });
    const res = await merge(t.as.admin, { survivor_id: parent, merged_id: child, survivor_version: 1, merged_version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.data.warnings.map((w: { code: string }) => w.code)).toContain('group_link_removed');
    expect(res.body.data.survivor.parent_customer_id).toBeNull();
  });

  it('replays a retried merge with the same Idempotency-Key instead of failing', async () => {
    const [a, b] = await pair('幂等测试甲有限公司', '幂等测试乙有限公司');
    const body = { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: 1 };
    const first = await merge(t.as.admin, body, { 'Idempotency-Key': `merge-${a}-${b}` });
    const retry = await merge(t.as.admin, body, { 'Idempotency-Key': `merge-${a}-${b}` });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.data.merge_id).toBe(first.body.data.merge_id);
    expect(await t.ctx.handle.db.$count(customerMerges, eq(customerMerges.merged_id, b))).toBe(1);
  });
});

describe('merge security', () => {
  it('takes customer:merge: sales, support, analysts and portal users are refused', async () => {
    const [a, b] = await pair('权限测试甲有限公司', '权限测试乙有限公司');
    const body = { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: 1 };
    for (const token of [await t.tenant.token('sales'), await t.tenant.token('support'), await t.tenant.token('analyst'), await t.tenant.token('customer', { customer_id: a })]) {
      expect((await merge(token, body)).status).toBe(403);
      expect((await t.post('/api/v1/customers/merge/preview', { token, body: { survivor_id: a, merged_id: b } })).status).toBe(403);
      expect((await t.get('/api/v1/customers/duplicates', { token })).status).toBe(403);
    }
    const key = (await t.post('/api/v1/api-keys', { as: 'admin', body: { name: 'reader', scopes: ['customer:read', 'customer:write'] } })).body.data.secret;
    expect((await merge(key, body)).status).toBe(403);
    expect((await t.post('/api/v1/customers/merge', { body })).status).toBe(401);
  });

  it("lets a 客户经理 limited to assigned customers merge only those", async () => {
    const managerToken = await t.tenant.token('manager', { username: `mgr@${t.tenant.code}` });
    const managerId = await t.tenant.userIdOf(`mgr@${t.tenant.code}`);
    const mine = await fx.customer({ customer_name: '分配测试甲有限公司', assigned_manager_id: managerId });
    const alsoMine = await fx.customer({ customer_name: '分配测试乙有限公司', assigned_manager_id: managerId });
    const notMine = await fx.customer({ customer_name: '分配测试丙有限公司' });
    await t.tenant.setSettings({ manager_data_scope: 'assigned' });
    try {
      const refused = await merge(managerToken, { survivor_id: mine, merged_id: notMine, survivor_version: 1, merged_version: 1 });
      expect(refused.status).toBe(404);
      const allowed = await merge(managerToken, { survivor_id: mine, merged_id: alsoMine, survivor_version: 1, merged_version: 1 });
      expect(allowed.status).toBe(200);
    } finally {
      await t.tenant.setSettings({ manager_data_scope: 'all' });
    }
  });

  it('moves references in tables other modules add later', async () => {
    const db = t.ctx.handle.db;
    await db.execute(sql`create table merge_probe_contracts (tenant_id bigint not null, id bigint generated always as identity, customer_id bigint not null,
      primary key (tenant_id, id), constraint merge_probe_customer_fk foreign key (tenant_id, customer_id) references customers (tenant_id, id))`);
    await db.execute(sql`select crm_apply_tenant_rls('merge_probe_contracts')`);
    const [a, b] = await pair('外部引用测试甲有限公司', '外部引用测试乙有限公司');
    await db.execute(sql`insert into merge_probe_contracts (tenant_id, customer_id) values (${t.tenant.id}, ${b}), (${t.tenant.id}, ${b})`);
    const preview = await t.post('/api/v1/customers/merge/preview', { as: 'admin', body: { survivor_id: a, merged_id: b } });
    expect(preview.body.data.moves.other_references).toEqual([{ table: 'merge_probe_contracts', column: 'customer_id', count: 2 }]);
    const res = await merge(t.as.admin, { survivor_id: a, merged_id: b, survivor_version: 1, merged_version: 1 });
    expect(res.body.data.moves.other_references).toEqual([{ table: 'merge_probe_contracts', column: 'customer_id', count: 2 }]);
    const moved = rawRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from merge_probe_contracts where customer_id = ${a}`));
    expect(Number(moved[0]!.n)).toBe(2);
  });
});
