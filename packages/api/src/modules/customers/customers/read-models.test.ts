import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../../db/tenant-tx.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../../../test-support/index.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.read-model.ts';
import { contactDirectory } from '../contacts/contacts.read-model.ts';
import { customerDirectory } from './customers.read-model.ts';

let ctx: TestContext;
let mine: TestTenant;
let other: TestTenant;
let customerId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  [mine, other] = [await ctx.createTenant(), await ctx.createTenant()];
  const body = { customer_name: '读模型测试有限公司', industry: '制造业', contacts: [{ contact_name: '张三', mobile: '13800138000', is_primary: true }] };
  const created = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: await mine.token('manager'), body });
  customerId = created.body.data.customer_id;
  await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: await other.token('manager'), body: { customer_name: '另一租户有限公司' } });
});
afterAll(() => ctx.close());

describe('read models other modules join on (customer_directory, contact_directory, contract_directory)', () => {
  it('show the tenant’s own rows only: row-level security applies through the views', async () => {
    const rows = await withTenant(ctx.handle.db, mine.id, (tx) => tx.select().from(customerDirectory));
    expect(rows.map((r) => r.customer_name)).toEqual(['读模型测试有限公司']);
    expect(rows[0]).toMatchObject({ id: customerId, tenant_id: mine.id, industry: '制造业' });
    const contacts = await withTenant(ctx.handle.db, mine.id, (tx) => tx.select().from(contactDirectory).where(eq(contactDirectory.customer_id, customerId)));
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ contact_name: '张三', is_primary: true });
    expect(contacts[0]!.mobile_enc).not.toContain('13800138000');
    const foreign = await withTenant(ctx.handle.db, other.id, (tx) => tx.select().from(contactDirectory).where(eq(contactDirectory.customer_id, customerId)));
    expect(foreign).toEqual([]);
    expect(await withTenant(ctx.handle.db, other.id, (tx) => tx.select().from(contractDirectory))).toEqual([]);
  });

  it('are read only for the application role: an update through a view is refused and changes nothing', async () => {
    const attempt = withTenant(ctx.handle.db, mine.id, (tx) => tx.execute(sql`update customer_directory set customer_name = '改名' where id = ${customerId}`));
    const error = await attempt.then(() => undefined, (e: { cause?: { code?: string; message?: string } }) => e);
    expect(error?.cause).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    const detail = await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token: await mine.token('manager') });
    expect(detail.body.data.customer_name).toBe('读模型测试有限公司');
  });
});
