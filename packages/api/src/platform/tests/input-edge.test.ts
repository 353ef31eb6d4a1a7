import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext, type TestTenant } from '../../test-support/index.ts';

let ctx: TestContext;
let tenant: TestTenant;
let admin: string;
let customerId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  admin = await tenant.token('admin');
  const created = await call(ctx.app, 'POST', '/api/v1/customers', {
    token: admin,
    body: { customer_name: '边界输入测试有限公司', contacts: [{ contact_name: '李边界', email: 'li@edge-input.cn', is_primary: 1 }] },
  });
  customerId = created.body.data.customer_id;
});
afterAll(() => ctx.close());

type Refusal = { target: string; path: string; code: string };

/** The refusal of an answer: a 400 `request.invalid` naming one field, never a 500. */
function refusalOf(res: Awaited<ReturnType<typeof call>>): Refusal {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: 400, error: 'request.invalid', request_id: expect.any(String) });
  const [issue] = res.body.details.issues;
  return { target: res.body.details.target, path: issue.path, code: issue.code };
}

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('text Postgres cannot store is refused at the edge, on every route, naming the field', () => {
  const cases: [string, string, () => string, unknown, Record<string, string>, Refusal][] = [
    ['NUL in a tag group name', 'POST', () => '/api/v1/tag-groups', { name: 'a\u0000b' }, {}, { target: 'json', path: 'name', code: 'invalid_format' }],
    ['NUL in a customer description (PATCH)', 'PATCH', () => `/api/v1/customers/${customerId}`, { description: 'nul\u0000x' }, { 'If-Match': '*' }, { target: 'json', path: 'description', code: 'invalid_format' }],
    ['NUL in a search query', 'GET', () => '/api/v1/customers?q=a%00b', undefined, {}, { target: 'query', path: 'q', code: 'invalid_format' }],
    ['NUL in a query name', 'GET', () => '/api/v1/customers?q%00=x', undefined, {}, { target: 'query', path: 'q\\u0000', code: 'invalid_key' }],
    ['NUL in a segment rule', 'POST', () => '/api/v1/segments', { name: '空字符规则', rule_text: 'industry = "\u0000"' }, {}, { target: 'json', path: 'rule_text', code: 'invalid_format' }],
    ['NUL in a nested contact field', 'POST', () => '/api/v1/customers', { customer_name: '嵌套空字符有限公司', contacts: [{ contact_name: '王\u0000五' }] }, {}, { target: 'json', path: 'contacts.0.contact_name', code: 'invalid_format' }],
    ['a lone surrogate in a task title', 'POST', () => '/api/v1/tasks', { title: 'x\ud800y', type: 'care_call' }, {}, { target: 'json', path: 'title', code: 'invalid_format' }],
    ['a lone surrogate in a JSON key', 'POST', () => '/api/v1/tag-groups', { name: '正常', ['k\udc00']: 1 }, {}, { target: 'json', path: 'k\\udc00', code: 'invalid_key' }],
    ['NUL in a path parameter, before idempotency stores the route', 'POST', () => '/api/v1/complaints/%00/close', {}, { 'Idempotency-Key': 'nul-in-path' }, { target: 'param', path: 'id', code: 'invalid_format' }],
    ['NUL in a string path parameter', 'PUT', () => '/api/v1/integrations/tickets/itsm/a%00b', { customer: { id: 1 }, title: 't', opened_at: '2026-03-01T10:00:00+08:00' }, {}, { target: 'param', path: 'external_id', code: 'invalid_format' }],
    ['NUL in one item of a ticket batch', 'POST', () => '/api/v1/integrations/tickets/batch', { source: 'itsm', items: [{ external_id: 'N-1' }, { external_id: 'N-2', title: '标题含非法字符\u0000' }] }, {}, { target: 'json', path: 'items.1.title', code: 'invalid_format' }],
    ['a body nested 100,000 deep', 'POST', () => '/api/v1/integrations/usage-events', `{"source":"app","events":[{"deep":${deepArrays(100_000)}}]}`, {}, { target: 'json', path: 'events.0.deep.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0', code: 'too_big' }],
  ];

  it.each(cases)('%s', async (_label, method, url, body, headers, refusal) => {
    const token = url().includes('/integrations/') ? await tenant.integrationKey() : admin;
    const res = await call(ctx.app, method, url(), { token, body, headers });
    expect(refusalOf(res)).toEqual(refusal);
  });

  it('answers before authentication: an anonymous NUL is a 400, not a 500 or a 401', async () => {
    const res = await call(ctx.app, 'POST', '/api/v1/auth/token', { body: { username: 'admin\u0000', password: 'x' } });
    expect(refusalOf(res)).toEqual({ target: 'json', path: 'username', code: 'invalid_format' });
  });

  it('stores nothing for a refused write', async () => {
    await call(ctx.app, 'POST', '/api/v1/tag-groups', { token: admin, body: { name: '空字符\u0000组' } });
    const groups = await call(ctx.app, 'GET', '/api/v1/tag-groups', { token: admin });
    expect(JSON.stringify(groups.body.data)).not.toContain('空字符');
  });

  it('leaves malformed JSON to the route: request.malformed_json as before', async () => {
    const res = await call(ctx.app, 'POST', '/api/v1/tag-groups', { token: admin, body: '{"name": "半截' });
    expect(res.body).toMatchObject({ code: 400, error: 'request.malformed_json' });
  });
});

describe('dates are real calendar dates between 1900 and 2999 everywhere', () => {
  const cases: [string, string, () => string, unknown, Refusal][] = [
    ['0000-00-00 as a report bound', 'GET', () => '/api/v1/survey-results?to=0000-00-00', undefined, { target: 'query', path: 'to', code: 'custom' }],
    ['0000-00-00 as a communications filter', 'GET', () => `/api/v1/customers/${customerId}/communications?from=0000-00-00`, undefined, { target: 'query', path: 'from', code: 'custom' }],
    ['2025-13-01 as a service history bound', 'GET', () => `/api/v1/customers/${customerId}/service-records?to=2025-13-01`, undefined, { target: 'query', path: 'to', code: 'custom' }],
    ['2026-02-30 as a task due date', 'POST', () => '/api/v1/tasks', { title: '回访', type: 'care_call', due_date: '2026-02-30' }, { target: 'json', path: 'due_date', code: 'custom' }],
    ['0000-01 as a report month', 'GET', () => '/api/v1/analytics/portfolio?from=0000-01', undefined, { target: 'query', path: 'from', code: 'custom' }],
    ['3000-01-01 past the last year', 'POST', () => '/api/v1/tasks', { title: '回访', type: 'care_call', due_date: '3000-01-01' }, { target: 'json', path: 'due_date', code: 'custom' }],
    ['an instant in year 0000', 'GET', () => '/api/v1/audit-log?from=0000-01-01T00:00:00Z', undefined, { target: 'query', path: 'from', code: 'custom' }],
    ['an instant on 2026-02-30', 'GET', () => `/api/v1/customers/${customerId}/effective-sla?at=2026-02-30T10:00:00Z`, undefined, { target: 'query', path: 'at', code: 'custom' }],
  ];

  it.each(cases)('%s', async (_label, method, url, body, refusal) => {
    const res = await call(ctx.app, method, url(), { token: admin, body });
    expect(refusalOf(res)).toEqual(refusal);
  });

  it('refuses a timeline bound on a day that does not exist, and one in year 0000', async () => {
    for (const bound of ['2026-02-30T10:00:00Z', '0000-01-01', '0000-01-01T00:00:00Z']) {
      const res = await call(ctx.app, 'GET', `/api/v1/customers/${customerId}/timeline?from=${bound}`, { token: admin });
      expect(res.body).toMatchObject({ code: 422, error: 'timeline.period_invalid' });
    }
  });

  it('accepts the edges of the range: 1900-01-01 and 2999-12-31', async () => {
    const res = await call(ctx.app, 'POST', '/api/v1/tasks', { token: admin, body: { title: '远期回访', type: 'care_call', due_date: '2999-12-31' } });
    expect(res.status).toBe(201);
    const early = await call(ctx.app, 'GET', `/api/v1/customers/${customerId}/service-records?from=1900-01-01&to=2999-12-31`, { token: admin });
    expect(early.status).toBe(200);
  });
});
