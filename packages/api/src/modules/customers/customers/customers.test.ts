import { beforeAll, describe, expect, it } from 'vitest';
import { addRequirementManager, REQUIREMENT_EXAMPLE, useTestTenant } from '../../../test-support/index.ts';

const requirementExample = REQUIREMENT_EXAMPLE;

const t = useTestTenant(['admin']);

beforeAll(async () => {
  await addRequirementManager(t.ctx.handle.db, t.tenant.id);
});

describe('POST /api/v1/customers', () => {
  it('accepts the requirement example and answers with its shape', async () => {
    const res = await t.request('POST', '/api/v1/customers', { as: 'admin', body: requirementExample });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(200);
    expect(res.body.message).toBe('客户创建成功');
    expect(res.body.data).toMatchObject({ customer_name: 'ABC科技有限公司', status: 1 });
    expect(res.body.data.customer_id).toBeGreaterThan(0);
    expect(res.body.data.customer_code).toMatch(/^CUST\d{8}\d{4}$/);
    expect(res.body.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(res.headers.get('x-request-id')).toBeTruthy();

    const detail = await t.get(`/api/v1/customers/${res.body.data.customer_id}`, { as: 'admin' });
    expect(detail.status).toBe(200);
    expect(detail.body.data.contacts[0]).toMatchObject({ contact_name: '张总', mobile: '13800138000', is_primary: 1 });
    expect(detail.headers.get('etag')).toMatch(/^"customer-\d+-v1"$/);
  });

  it('numbers customers per day without gaps, even when created concurrently', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `并发测试客户${i}号信息技术有限公司`);
    const results = await Promise.all(names.map((customer_name, i) => t.post('/api/v1/customers?force=true', { as: 'admin', body: { customer_name: `${customer_name}${'甲乙丙丁戊己庚辛'[i]}` } })));
    const codes = results.map((r) => r.body.data.customer_code as string);
    expect(new Set(codes).size).toBe(8);
    const sequence = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    expect(sequence.at(-1)! - sequence[0]!).toBe(7);
  });
});
