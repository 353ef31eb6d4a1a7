import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin']);

const countCustomers = async () => {
  const res = await t.get('/api/v1/customers?limit=200&archived=all', { as: 'admin' });
  return res.body.data.items.length as number;
};

describe('bad input is refused with a clear 4xx and writes nothing', () => {
  const cases: [string, string | object, string][] = [
    ['malformed JSON', '{"customer_name": "半截', 'request.malformed_json'],
    ['wrong type', { customer_name: 123 }, 'request.invalid'],
    ['name over 200 characters', { customer_name: '长'.repeat(201) }, 'request.invalid'],
    ['unknown field', { customer_name: '未知字段有限公司', favourite_colour: 'red' }, 'request.invalid'],
    ['bad enum value', { customer_name: '错误等级有限公司', level: 9 }, 'request.invalid'],
    ['bad mobile', { customer_name: '错误手机有限公司', contacts: [{ contact_name: '甲', mobile: '12345' }] }, 'request.invalid'],
    ['bad e-mail', { customer_name: '错误邮箱有限公司', contacts: [{ contact_name: '甲', email: 'not-an-email' }] }, 'request.invalid'],
    ['two primaries', { customer_name: '两个主联系人有限公司', contacts: [{ contact_name: '甲', is_primary: 1 }, { contact_name: '乙', is_primary: 1 }] }, 'contact.primary_conflict'],
    ['unknown parent', { customer_name: '不存在的母公司有限公司', parent_customer_id: 999999 }, 'customer.parent_invalid'],
    ['unknown tag', { customer_name: '不存在的标签有限公司', tag_ids: [424242] }, 'tag.not_found'],
  ];

  it.each(cases)('%s', async (_label, body, error) => {
    const before = await countCustomers();
    const res = await t.post('/api/v1/customers', { as: 'admin', invalidBody: body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ code: res.status, error });
    expect(res.body.message).toBeTruthy();
    expect(res.body.request_id).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(await countCustomers()).toBe(before);
  });

  it('lists the offending fields', async () => {
    const res = await t.post('/api/v1/customers', { as: 'admin', invalidBody: { customer_name: '', level: 'high' } });
    const paths = res.body.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['customer_name', 'level']));
  });

  it('refuses a role without rights and a portal user outside its customer', async () => {
    const support = await t.tenant.token('support');
    const res = await t.post('/api/v1/customers', { token: support, body: { customer_name: '支持人员建的客户' } });
    expect(res.status).toBe(403);
    const created = await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '门户用户所属公司' } });
    const other = await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '别人家的公司' } });
    const portal = await t.tenant.token('customer', { customer_id: created.body.data.customer_id });
    expect((await t.get(`/api/v1/customers/${created.body.data.customer_id}`, { token: portal })).status).toBe(200);
    expect((await t.get(`/api/v1/customers/${other.body.data.customer_id}`, { token: portal })).status).toBe(404);
    // The customer list and search are staff tools: a portal user opens its own company, nothing to list.
    expect((await t.get('/api/v1/customers', { token: portal })).status).toBe(403);
    expect((await t.post('/api/v1/customers', { token: portal, body: { customer_name: '门户用户不能建客户' } })).status).toBe(403);
  });

  it('answers unknown routes and ids in the envelope', async () => {
    const route = await t.request('GET', '/api/v1/nothing-here', { as: 'admin' });
    expect(route.body).toMatchObject({ code: 404, error: 'route.not_found' });
    const id = await t.get('/api/v1/customers/abc', { as: 'admin' });
    expect(id.status).toBe(400);
  });
});

describe('generated input never causes a server error', () => {
  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const customerish = fc.record(
    {
      customer_name: fc.oneof(fc.string({ maxLength: 250 }), fc.integer(), fc.constant(null)),
      customer_type: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string()),
      level: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.boolean()),
      website: fc.oneof(fc.webUrl(), fc.string({ maxLength: 300 })),
      credit_code: fc.string({ maxLength: 25 }),
      contacts: fc.array(fc.record({ contact_name: fc.string({ maxLength: 120 }), mobile: fc.string({ maxLength: 25 }), email: fc.oneof(fc.emailAddress(), fc.string()), is_primary: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.boolean()) }, { requiredKeys: [] }), { maxLength: 3 }),
      extra: jsonValue,
    },
    { requiredKeys: [] },
  );

  it('POST /customers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(customerish, jsonValue), async (body) => {
        const res = await t.post('/api/v1/customers', { as: 'admin', invalidBody: body === undefined ? 'null' : JSON.stringify(body) });
        expect(res.status).toBeLessThan(500);
        expect(res.body.code).toBe(res.status);
      }),
      { numRuns: 120 },
    );
  });

  it('GET /customers query strings', async () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constantFrom('1,2', '-1', '0', 'true', '%', "'", '\\'));
    const query = fc.dictionary(fc.constantFrom('q', 'status', 'level', 'customer_type', 'limit', 'cursor', 'sort', 'manager_id', 'tag_id', 'archived', 'industry', 'x'), value, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const res = await t.get(`/api/v1/customers?${new URLSearchParams(params).toString()}`, { as: 'admin' });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('PATCH /customers/{id}', async () => {
    const created = await t.post('/api/v1/customers', { as: 'admin', body: { customer_name: '属性测试被改的公司' } });
    const id = created.body.data.customer_id;
    await fc.assert(
      fc.asyncProperty(fc.oneof(customerish, jsonValue), async (body) => {
        const res = await t.patch(`/api/v1/customers/${id}?force=true`, { as: 'admin', invalidBody: JSON.stringify(body ?? null), headers: { 'If-Match': '*' } });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
  });
});
