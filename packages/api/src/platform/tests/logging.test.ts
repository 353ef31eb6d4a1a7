import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { call, createTestContext, type TestContext } from '../../test-support/index.ts';

let ctx: TestContext;
const lines: string[] = [];
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ctx = await createTestContext();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = createApp({ db: ctx.handle.db, config: loadConfig({}), keyRing: ctx.keyRing, tokens: ctx.tokens, logger: createLogger('debug', sink) });
});
afterAll(() => ctx.close());

describe('structured logs', () => {
  it('carry the request id of every request and never a contact detail or a token', async () => {
    const tenant = await ctx.createTenant();
    const token = await tenant.token('admin');
    const created = await call(app, 'POST', '/api/v1/customers', {
      token,
      body: { customer_name: '日志测试有限公司', contacts: [{ contact_name: '钱七', mobile: '13912345678', email: 'qian@log-test.cn', wechat: 'wx_qianqi' }] },
      headers: { 'X-Request-Id': 'req-log-test-0001' },
    });
    expect(created.status).toBe(200);
    await call(app, 'GET', `/api/v1/customers?q=13912345678`, { token });
    await call(app, 'GET', `/api/v1/customers/${created.body.data.customer_id}`, { token });
    const all = lines.join('');
    expect(all).toContain('"request_id":"req-log-test-0001"');
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; request_id?: string });
    expect(entries.filter((e) => e.msg === 'request').length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => e.msg === 'request').every((e) => typeof e.request_id === 'string')).toBe(true);
    for (const secret of ['13912345678', 'qian@log-test.cn', 'wx_qianqi', token]) expect(all).not.toContain(secret);
  });
});
