import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, REQUIREMENT_EXAMPLE, type TestContext } from '../test-support/index.ts';
import { DEMO_PASSWORD } from './demo-users.ts';
import { seedDemo } from './seed.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.handle.db, ctx.keyRing);
});
afterAll(() => ctx.close());

const login = async (username: string) => (await call(ctx.app, 'POST', '/api/v1/auth/token', { body: { username, password: DEMO_PASSWORD } })).body.data.access_token as string;

describe('the requirement’s example against the demo', () => {
  it('creates ABC科技有限公司 for 客户经理 1001, who is 张经理 (manager@demo)', async () => {
    const res = await call(ctx.app, 'POST', '/api/v1/customers', { token: await login('admin@demo'), body: REQUIREMENT_EXAMPLE });
    expect(res.status).toBe(200);
    const detail = await call(ctx.app, 'GET', `/api/v1/customers/${res.body.data.customer_id}`, { token: await login('manager@demo') });
    expect(detail.body.data).toMatchObject({ customer_name: 'ABC科技有限公司', assigned_manager_id: 1001 });
  });

  it('refuses the same example in the other tenant, where no user 1001 works', async () => {
    const res = await call(ctx.app, 'POST', '/api/v1/customers', { token: await login('admin@acme'), body: REQUIREMENT_EXAMPLE });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'user.reference_invalid', details: { field: 'assigned_manager_id', user_id: 1001 } });
  });
});
