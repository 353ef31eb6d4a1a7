import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../../platform/identity/users.schema.ts';
import { PERMISSIONS } from '../../../platform/auth/permissions.ts';
import { auditLog } from '../../../platform/platform.schema.ts';
import { type TestTenant, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin']);
let other: TestTenant;
let ownCustomer: number;
let otherCustomer: number;

const createKey = (token: string, body: unknown) => t.request('POST', '/api/v1/api-keys', { token, body });

beforeAll(async () => {
  other = await t.ctx.createTenant();
  ownCustomer = (await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '本租户集成客户有限公司' } })).body.data.customer_id;
  otherCustomer = (await t.post('/api/v1/customers', { token: await other.token('admin'), body: { customer_name: '别的租户客户有限公司' } })).body.data.customer_id;
});

describe('POST /api/v1/api-keys', () => {
  it('returns the secret once and stores only its hash and prefix', async () => {
    const res = await createKey(t.as.admin, { name: '工单系统', scopes: ['customer:read'] });
    expect(res.status).toBe(201);
    expect(res.body.code).toBe(201);
    const key = res.body.data;
    expect(key.secret).toMatch(/^crm_[A-Za-z0-9_-]{32}$/);
    expect(key).toMatchObject({ name: '工单系统', scopes: ['customer:read'], key_prefix: key.secret.slice(0, 12), revoked_at: null });
    expect(key).not.toHaveProperty('key_hash');

    const [row] = await t.ctx.handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.key_hash).toBe(createHash('sha256').update(key.secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.secret);
    const audits = await t.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entity_type, 'api_key'));
    const created = audits.find((a) => a.entity_id === String(key.id));
    expect(created).toMatchObject({ action: 'api_key.created', actor_type: 'user' });
    expect(JSON.stringify(created)).not.toContain(key.secret);
    expect(JSON.stringify(created)).not.toContain(row!.key_hash);

    const list = await t.get('/api/v1/api-keys', { as: 'admin' });
    expect(list.status).toBe(200);
    const listed = list.body.data.items.find((k: { id: number }) => k.id === key.id);
    expect(listed).toEqual({ id: key.id, name: '工单系统', key_prefix: key.key_prefix, scopes: ['customer:read'], created_at: key.created_at, revoked_at: null });
    expect(list.text).not.toContain(key.secret);
  });

  it('refuses bad bodies and signed-in users who are not admins', async () => {
    for (const body of [{ name: 'x', scopes: [] }, { name: 'x', scopes: ['customer:fly'] }, { name: 'x', scopes: ['customer:read', 'customer:read'] }, { name: '', scopes: ['customer:read'] }, { name: 'x', scopes: ['customer:read'], secret: 'mine' }]) {
      expect((await createKey(t.as.admin, body)).status).toBe(400);
    }
    for (const role of ['manager', 'auditor']) {
      const res = await createKey(await t.tenant.token(role), { name: 'x', scopes: ['customer:read'] });
      expect(res.status).toBe(403);
      expect((await t.get('/api/v1/api-keys', { token: await t.tenant.token(role) })).status).toBe(403);
    }
  });

  it('refuses every API key, whatever its scopes: a leaked key cannot mint, list or revoke keys', async () => {
    // A tenant of its own, so its keys stay out of the other tests' lists.
    const ownAdmin = await (await t.ctx.createTenant()).token('admin');
    const everything = await createKey(ownAdmin, { name: '全部权限', scopes: [...PERMISSIONS] });
    expect(everything.status).toBe(201);
    const leaked = everything.body.data.secret;
    const bystander = (await createKey(ownAdmin, { name: '旁观者', scopes: ['customer:read'] })).body.data;

    const mint = await createKey(leaked, { name: '后门', scopes: ['customer:read'] });
    expect(mint.status).toBe(403);
    expect(mint.body).toMatchObject({ error: 'auth.forbidden', details: { required: 'signed_in_admin' } });
    const list = await t.get('/api/v1/api-keys', { token: leaked });
    expect(list.status).toBe(403);
    expect(list.text).not.toContain(bystander.key_prefix);
    const revoke = await t.delete(`/api/v1/api-keys/${bystander.id}`, { headers: { 'X-Api-Key': leaked } });
    expect(revoke.status).toBe(403);
    expect((await t.get('/api/v1/customers', { token: bystander.secret })).status).toBe(200);

    // Revoking the leaked key is the end of it: it left no other key behind.
    const keys = await t.get('/api/v1/api-keys?status=all&limit=100', { token: ownAdmin });
    expect(keys.body.data.items.some((k: { name: string }) => k.name === '后门')).toBe(false);
    expect((await t.delete(`/api/v1/api-keys/${everything.body.data.id}`, { token: ownAdmin })).status).toBe(200);
    expect((await t.get('/api/v1/customers', { token: leaked })).status).toBe(401);
  });
});

describe('using an API key', () => {
  it('reads with customer:read but cannot write (403)', async () => {
    const { secret } = (await createKey(t.as.admin, { name: 'reader', scopes: ['customer:read'] })).body.data;
    const list = await t.get('/api/v1/customers', { token: secret });
    expect(list.status).toBe(200);
    expect(list.body.data.items.map((c: { id: number }) => c.id)).toEqual([ownCustomer]);
    const viaHeader = await t.get(`/api/v1/customers/${ownCustomer}`, { headers: { 'X-Api-Key': secret } });
    expect(viaHeader.status).toBe(200);
    const write = await t.post('/api/v1/customers', { token: secret, body: { customer_name: '不该创建的客户有限公司' } });
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('auth.forbidden');
  });

  it("never sees another tenant's data", async () => {
    const { secret } = (await createKey(t.as.admin, { name: 'isolated', scopes: ['customer:read', 'customer:write'] })).body.data;
    expect((await t.get(`/api/v1/customers/${otherCustomer}`, { token: secret })).status).toBe(404);
    const patch = await t.patch(`/api/v1/customers/${otherCustomer}`, { token: secret, body: { industry: '篡改' }, headers: { 'If-Match': '*' } });
    expect(patch.status).toBe(404);
    const list = await t.get('/api/v1/customers?q=别的租户', { token: secret });
    expect(list.body.data.items).toEqual([]);
  });

  it('is the audited actor of its writes', async () => {
    const { id, secret } = (await createKey(t.as.admin, { name: 'CRM 同步', scopes: ['customer:read', 'customer:write', 'audit:read'] })).body.data;
    const created = await t.post('/api/v1/customers', { token: secret, body: { customer_name: '集成写入客户有限公司' } });
    expect(created.status).toBe(200);
    const log = await t.get(`/api/v1/audit-log?entity_type=customer&entity_id=${created.body.data.customer_id}`, { token: secret });
    expect(log.body.data.items[0]).toMatchObject({ action: 'customer.created', actor_type: 'api_key', actor_id: `apikey:${id}`, actor_name: 'CRM 同步' });
  });
});

describe('DELETE /api/v1/api-keys/{id}', () => {
  it('revokes: the key gets 401 from then on, and the list shows it as revoked', async () => {
    const { id, secret } = (await createKey(t.as.admin, { name: 'to revoke', scopes: ['customer:read'] })).body.data;
    expect((await t.get('/api/v1/customers', { token: secret })).status).toBe(200);
    const revoked = await t.delete(`/api/v1/api-keys/${id}`, { as: 'admin' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revoked_at).toEqual(expect.any(String));
    const refused = await t.get('/api/v1/customers', { token: secret });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('auth.invalid_token');

    const again = await t.delete(`/api/v1/api-keys/${id}`, { as: 'admin' });
    expect(again.body.data.revoked_at).toBe(revoked.body.data.revoked_at);
    const active = await t.get('/api/v1/api-keys', { as: 'admin' });
    expect(active.body.data.items.some((k: { id: number }) => k.id === id)).toBe(false);
    const revokedList = await t.get('/api/v1/api-keys?status=revoked', { as: 'admin' });
    expect(revokedList.body.data.items.map((k: { id: number }) => k.id)).toEqual([id]);
  });

  it("cannot revoke another tenant's key (404), and pages through keys", async () => {
    const foreign = (await createKey(await other.token('admin'), { name: 'theirs', scopes: ['customer:read'] })).body.data;
    const res = await t.delete(`/api/v1/api-keys/${foreign.id}`, { as: 'admin' });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('api_key.not_found');
    expect((await t.get('/api/v1/customers', { token: foreign.secret })).status).toBe(200);

    const first = await t.get('/api/v1/api-keys?status=all&limit=2', { as: 'admin' });
    const second = await t.get(`/api/v1/api-keys?status=all&limit=2&cursor=${first.body.data.next_cursor}`, { as: 'admin' });
    const ids = [...first.body.data.items, ...second.body.data.items].map((k: { id: number }) => k.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids).not.toContain(foreign.id);
  });
});
