import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../../platform/platform.schema.ts';
import { useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin']);

const create = (body: object, query = '') => t.request('POST', `/api/v1/customers${query}`, { as: 'admin', body });

describe('Idempotency-Key', () => {
  it('replays the first result for a retry and creates nothing twice', async () => {
    const body = { customer_name: '幂等测试科技有限公司', contacts: [{ contact_name: '李雷', mobile: '13700000001' }] };
    const headers = { 'Idempotency-Key': 'create-once-1' };
    const first = await t.post('/api/v1/customers', { as: 'admin', body, headers });
    const retry = await t.post('/api/v1/customers', { as: 'admin', body, headers });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.data.customer_code).toBe(first.body.data.customer_code);
    const list = await t.get('/api/v1/customers?q=幂等测试', { as: 'admin' });
    expect(list.body.data.items).toHaveLength(1);
    // The stored answer (customer data; for other routes secrets shown once) rests sealed, never in clear.
    expect(JSON.stringify(first.body)).toContain('幂等测试科技有限公司');
    const stored = await t.ctx.handle.db.select({ response: idempotencyKeys.response }).from(idempotencyKeys).where(eq(idempotencyKeys.key, 'create-once-1'));
    expect(stored[0]!.response).toMatch(/^v1\./);
    expect(stored[0]!.response).not.toContain('幂等测试');
  });

  it('refuses the same key with another body', async () => {
    const headers = { 'Idempotency-Key': 'create-once-2' };
    await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '钥匙一号有限公司' }, headers });
    const other = await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '钥匙二号有限公司' }, headers });
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('idempotency.key_reused');
  });

  it('remembers nothing of a failed request, so a corrected retry goes through', async () => {
    const headers = { 'Idempotency-Key': 'create-once-3' };
    const bad = await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '' }, headers });
    expect(bad.status).toBe(400);
    const good = await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '' }, headers });
    expect(good.status).toBe(400);
  });
});

describe('ETag and If-Match', () => {
  it('updates with the current ETag, refuses a stale one and one without If-Match', async () => {
    const created = await create({ customer_name: '乐观锁测试有限公司', level: 1 });
    const id = created.body.data.customer_id;
    const read = await t.get(`/api/v1/customers/${id}`, { as: 'admin' });
    const etag = read.headers.get('etag')!;
    const noHeader = await t.patch(`/api/v1/customers/${id}`, { as: 'admin', body: { level: 3 } });
    expect(noHeader.status).toBe(428);
    const updated = await t.patch(`/api/v1/customers/${id}`, { as: 'admin', body: { level: 3 }, headers: { 'If-Match': etag } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.level).toBe(3);
    expect(updated.headers.get('etag')).not.toBe(etag);
    const stale = await t.patch(`/api/v1/customers/${id}`, { as: 'admin', body: { level: 4 }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('precondition.failed');
    const after = await t.get(`/api/v1/customers/${id}`, { as: 'admin' });
    expect(after.body.data.level).toBe(3);
  });
});

describe('duplicates', () => {
  it('finds the same company under another legal form, width or spacing and refuses it', async () => {
    await create({ customer_name: '华信云计算（中国）有限公司', website: 'https://www.huaxin-cloud.com' });
    const dup = await create({ customer_name: '华信云计算股份有限公司' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('customer.duplicate');
    expect(dup.body.details.candidates[0]).toMatchObject({ customer_name: '华信云计算（中国）有限公司', reasons: expect.arrayContaining(['name']) });
    const forced = await create({ customer_name: '华信云计算股份有限公司' }, '?force=true');
    expect(forced.status).toBe(200);
  });

  it('finds a duplicate by website domain, credit code or a contact’s mobile', async () => {
    await create({ customer_name: '蓝海物流有限公司', website: 'lanhai-logistics.cn', credit_code: '91310000MA1FL4XY3K', contacts: [{ contact_name: '王芳', mobile: '13611112222', email: 'wf@lanhai-logistics.cn' }] });
    const byDomain = await create({ customer_name: '上海蓝色海洋运输', website: 'https://www.lanhai-logistics.cn/about' });
    expect(byDomain.status).toBe(409);
    expect(byDomain.body.details.candidates[0].reasons).toContain('website_domain');
    const byCredit = await create({ customer_name: '完全不同的名字', credit_code: '91310000ma1fl4xy3k' });
    expect(byCredit.body.details.candidates[0].reasons).toContain('credit_code');
    const byMobile = await create({ customer_name: '另一个名字集团', contacts: [{ contact_name: '王芳', mobile: '+86 136 1111 2222' }] });
    expect(byMobile.status).toBe(409);
    expect(byMobile.body.details.candidates[0].reasons).toContain('contact');
  });

  it('checks without creating', async () => {
    const res = await t.post('/api/v1/customers/duplicate-check', { as: 'admin', body: { customer_name: '蓝海物流（中国）有限公司' } });
    expect(res.status).toBe(200);
    expect(res.body.data.candidates.length).toBeGreaterThan(0);
  });

  it('checks by credit code or website alone, without a name', async () => {
    await create({ customer_name: '只查信用代码有限公司', credit_code: '91110000MA01ABCD2X', website: 'only-credit.cn' });
    const byCredit = await t.post('/api/v1/customers/duplicate-check', { as: 'admin', body: { credit_code: '91110000ma01abcd2x' } });
    expect(byCredit.status).toBe(200);
    expect(byCredit.body.data.candidates[0]).toMatchObject({ customer_name: '只查信用代码有限公司', reasons: ['credit_code'] });
    const byWebsite = await t.post('/api/v1/customers/duplicate-check', { as: 'admin', body: { website: 'https://only-credit.cn' } });
    expect(byWebsite.body.data.candidates[0]!.reasons).toEqual(['website_domain']);
  });
});

describe('archive and restore', () => {
  it('hides an archived customer from the list and brings it back', async () => {
    const created = await create({ customer_name: '归档测试有限公司' });
    const id = created.body.data.customer_id;
    expect((await t.post(`/api/v1/customers/${id}/archive`, { as: 'admin' })).body.data.archived_at).toBeTruthy();
    expect((await t.get('/api/v1/customers?q=归档测试', { as: 'admin' })).body.data.items).toHaveLength(0);
    expect((await t.get('/api/v1/customers?q=归档测试&archived=true', { as: 'admin' })).body.data.items).toHaveLength(1);
    await t.post(`/api/v1/customers/${id}/restore`, { as: 'admin' });
    expect((await t.get('/api/v1/customers?q=归档测试', { as: 'admin' })).body.data.items).toHaveLength(1);
  });
});

describe('customer groups stay two levels deep', () => {
  it('refuses to make a parent company a subsidiary', async () => {
    const parent = (await create({ customer_name: '集团母公司测试有限公司' })).body.data.customer_id;
    const child = (await create({ customer_name: '集团子公司测试有限公司', parent_customer_id: parent })).body.data.customer_id;
    expect(child).toBeGreaterThan(0);
    const top = (await create({ customer_name: '更上层的控股公司' })).body.data.customer_id;
    const res = await t.patch(`/api/v1/customers/${parent}`, { as: 'admin', body: { parent_customer_id: top }, headers: { 'If-Match': '*' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('customer.parent_invalid');
    const grandchild = await create({ customer_name: '孙公司测试有限公司', parent_customer_id: child });
    expect(grandchild.status).toBe(422);
  });
});
