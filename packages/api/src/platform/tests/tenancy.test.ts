import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/raw-rows.ts';
import { withTenant } from '../../db/tenant-tx.ts';
import { customers } from '../../modules/customers/customers/customers.schema.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../../test-support/index.ts';

let ctx: TestContext;
let a: TestTenant;
let b: TestTenant;
let customerOfB: number;

beforeAll(async () => {
  ctx = await createTestContext();
  a = await ctx.createTenant();
  b = await ctx.createTenant();
  const tokenA = await a.token('admin');
  const tokenB = await b.token('admin');
  await call(ctx.app, 'POST', '/api/v1/customers', { token: tokenA, body: { customer_name: '甲租户客户有限公司', contacts: [{ contact_name: '甲', mobile: '13900000001' }] } });
  const created = await call(ctx.app, 'POST', '/api/v1/customers', { token: tokenB, body: { customer_name: '乙租户客户有限公司', contacts: [{ contact_name: '乙', mobile: '13900000002' }] } });
  customerOfB = created.body.data.customer_id;
});
afterAll(() => ctx.close());

describe('row-level security under the application role', () => {
  it('a query that forgets the tenant filter sees only its own tenant', async () => {
    const names = await withTenant(ctx.handle.db, a.id, (tx) => tx.select({ name: customers.customer_name, tenant: customers.tenant_id }).from(customers));
    expect(names.length).toBe(1);
    expect(names.every((n) => n.tenant === a.id)).toBe(true);
    const contacts = rawRows<{ n: number }>(await withTenant(ctx.handle.db, a.id, (tx) => tx.execute(sql`select count(*)::int as n from customer_contacts`)));
    expect(Number(contacts[0]!.n)).toBe(1);
  });

  it('cannot update or delete another tenant’s rows, even by id', async () => {
    const updated = await withTenant(ctx.handle.db, a.id, (tx) =>
      tx.execute(sql`update customers set customer_name = 'hijacked' where id = ${customerOfB}`),
    );
    expect((updated as { affectedRows?: number; count?: number }).affectedRows ?? (updated as { count?: number }).count ?? 0).toBe(0);
    await withTenant(ctx.handle.db, a.id, (tx) => tx.execute(sql`delete from customer_contacts`));
    const stillThere = rawRows<{ n: number }>(await withTenant(ctx.handle.db, b.id, (tx) => tx.execute(sql`select count(*)::int as n from customer_contacts`)));
    expect(Number(stillThere[0]!.n)).toBe(1);
    const nameOfB = await withTenant(ctx.handle.db, b.id, (tx) => tx.select({ name: customers.customer_name }).from(customers));
    expect(nameOfB[0]!.name).toBe('乙租户客户有限公司');
  });

  it('cannot insert a row into another tenant', async () => {
    await expect(
      withTenant(ctx.handle.db, a.id, (tx) =>
        tx.execute(sql`insert into customers (tenant_id, customer_code, customer_name, name_normalized) values (${b.id}, 'X1', 'smuggled', 'smuggled')`),
      ),
    ).rejects.toThrow();
  });

  it('without a tenant set, the application role sees nothing', async () => {
    const rows = await ctx.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'crm_app', true)`);
      return rawRows<{ n: number }>(await tx.execute(sql`select count(*)::int as n from customers`));
    });
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('over HTTP, another tenant’s customer is simply not found', async () => {
    const tokenA = await a.token('admin');
    const res = await call(ctx.app, 'GET', `/api/v1/customers/${customerOfB}`, { token: tokenA });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('customer.not_found');
    const patch = await call(ctx.app, 'PATCH', `/api/v1/customers/${customerOfB}`, { token: tokenA, body: { level: 4 }, headers: { 'If-Match': '*' } });
    expect(patch.status).toBe(404);
  });
});
