import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../../db/tenant-tx.ts';
import { auditLog } from '../../../platform/platform.schema.ts';
import { useTestTenant } from '../../../test-support/index.ts';

const PII = { phone: '010-62345678', mobile: '13912345678', email: 'wang.li@audit-test.cn', wechat: 'wangli_wx88' };

const t = useTestTenant([]);
let admin: string;
let adminId: number;
let customerId: number;

beforeAll(async () => {
  admin = await t.tenant.token('admin', { username: `root@${t.tenant.code}` });
  adminId = await t.tenant.userIdOf(`root@${t.tenant.code}`);
  const created = await t.post('/api/v1/customers', {
    token: admin,
    body: { customer_name: '审计追踪科技有限公司', industry: '软件', contacts: [{ contact_name: '王丽', ...PII, is_primary: 1 }] },
  });
  customerId = created.body.data.customer_id;
  const read = await t.get(`/api/v1/customers/${customerId}`, { token: admin });
  expect(read.body.data.contacts[0]!.mobile).toBe(PII.mobile);
  const updated = await t.patch(`/api/v1/customers/${customerId}`, { token: admin, body: { industry: '云计算' }, headers: { 'If-Match': read.headers.get('etag')! } });
  expect(updated.status).toBe(200);
  expect((await t.post(`/api/v1/customers/${customerId}/archive`, { token: admin })).status).toBe(200);
});

const entriesOf = async (query: string, token = admin) => {
  const res = await t.get(`/api/v1/audit-log?${query}`, { token });
  expect(res.status).toBe(200);
  return res.body.data.items as Record<string, any>[];
};

describe('GET /api/v1/audit-log', () => {
  it('records every write of a customer with actor, time, before and after', async () => {
    const entries = await entriesOf(`entity_type=customer&entity_id=${customerId}&action=customer.*`);
    expect(entries.map((e) => e.action)).toEqual(['customer.archived', 'customer.updated', 'customer.created']);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actor_type: 'user', actor_id: String(adminId), actor_name: `root@${t.tenant.code}`, entity_type: 'customer', entity_id: String(customerId) });
      expect(Date.now() - new Date(entry.occurred_at).getTime()).toBeLessThan(60_000);
      expect(entry.request_id).toEqual(expect.any(String));
    }
    const [archived, updated, created] = entries;
    expect(created!.before).toBeNull();
    expect(created!.after).toMatchObject({ customer_name: '审计追踪科技有限公司', industry: '软件' });
    expect(updated!.before).toMatchObject({ industry: '软件', version: 1 });
    expect(updated!.after).toMatchObject({ industry: '云计算', version: 2 });
    expect(archived!.before).toEqual({ archived_at: null });
    expect(archived!.after.archived_at).toEqual(expect.any(String));
  });

  it('records reading contact details unmasked', async () => {
    const reads = await entriesOf('action=pii.read');
    expect(reads[0]).toMatchObject({ entity_type: 'customer', entity_id: String(customerId), actor_id: String(adminId) });
  });

  it('never stores contact details in plaintext', async () => {
    const rows = await t.ctx.handle.db.select().from(auditLog).where(eq(auditLog.tenant_id, t.tenant.id));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const stored = JSON.stringify(rows);
    for (const value of [...Object.values(PII), '62345678', '13912345678']) expect(stored).not.toContain(value);
  });

  it('filters by actor, time range and action, and pages with a cursor', async () => {
    expect(await entriesOf('actor_id=nobody')).toEqual([]);
    expect((await entriesOf(`actor_id=${adminId}`)).length).toBeGreaterThanOrEqual(4);
    expect(await entriesOf(`to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toEqual([]);
    expect((await entriesOf(`from=${encodeURIComponent(new Date(Date.now() - 600_000).toISOString())}&action=customer.created`)).length).toBe(1);
    const first = await t.get('/api/v1/audit-log?limit=2', { token: admin });
    const second = await t.get(`/api/v1/audit-log?limit=2&cursor=${first.body.data.next_cursor}`, { token: admin });
    const ids = [...first.body.data.items, ...second.body.data.items].map((e: { id: number }) => e.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await t.get('/api/v1/audit-log?from=yesterday', { token: admin })).status).toBe(400);
  });

  it('is for admins and auditors only, and only of their own tenant', async () => {
    expect((await entriesOf(`entity_id=${customerId}`, await t.tenant.token('auditor'))).length).toBeGreaterThanOrEqual(3);
    for (const role of ['manager', 'analyst', 'support']) {
      const res = await t.get('/api/v1/audit-log', { token: await t.tenant.token(role) });
      expect(res.status).toBe(403);
      expect((await t.get('/api/v1/audit-log/verify', { token: await t.tenant.token(role) })).status).toBe(403);
    }
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.get('/api/v1/audit-log', { token: portal })).status).toBe(403);
    const other = await t.ctx.createTenant();
    expect(await entriesOf(`entity_id=${customerId}`, await other.token('auditor'))).toEqual([]);
  });
});

describe('the hash chain', () => {
  it('verifies as intact', async () => {
    const res = await t.get('/api/v1/audit-log/verify', { token: admin });
    expect(res.status).toBe(200);
    const count = await t.ctx.handle.db.$count(auditLog, eq(auditLog.tenant_id, t.tenant.id));
    expect(res.body.data).toEqual({ valid: true, checked: count, broken_at: null });
  });

  it('refuses UPDATE and DELETE from the application role', async () => {
    const update = withTenant(t.ctx.handle.db, t.tenant.id, (tx) => tx.execute(sql`update audit_log set action = 'customer.forged' where tenant_id = ${t.tenant.id}`));
    await expect(update).rejects.toThrow();
    const remove = withTenant(t.ctx.handle.db, t.tenant.id, (tx) => tx.execute(sql`delete from audit_log where tenant_id = ${t.tenant.id}`));
    await expect(remove).rejects.toThrow();
    // Even the owner is stopped by the append-only trigger while it is enabled.
    await expect(t.ctx.handle.db.execute(sql`delete from audit_log where tenant_id = ${t.tenant.id}`)).rejects.toThrow();
    const count = await t.ctx.handle.db.$count(auditLog, eq(auditLog.tenant_id, t.tenant.id));
    expect(count).toBeGreaterThanOrEqual(4);
  });

  it('reports the first tampered row once the owner edits one behind the trigger', async () => {
    const victim = await t.ctx.handle.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.action, 'customer.updated')));
    const id = victim[0]!.id;
    await t.ctx.handle.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await tx.execute(sql`update audit_log set after = jsonb_set(after, '{industry}', '"伪造"') where tenant_id = ${t.tenant.id} and id = ${id}`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    });
    const res = await t.get('/api/v1/audit-log/verify', { token: await t.tenant.token('auditor') });
    expect(res.body.data).toMatchObject({ valid: false, broken_at: id });
    const otherTenant = await t.ctx.createTenant();
    const clean = await t.get('/api/v1/audit-log/verify', { token: await otherTenant.token('admin') });
    expect(clean.body.data).toEqual({ valid: true, checked: 0, broken_at: null });
  });
});
