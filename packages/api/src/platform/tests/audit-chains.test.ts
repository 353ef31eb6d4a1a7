import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant-tx.ts';
import { call, createTestContext, type TestContext } from '../../test-support/index.ts';
import { verifyAuditChain } from '../audit.ts';
import { auditLog } from '../platform.schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('parallel audit chains', () => {
  it('stay complete and verifiable under concurrent audited requests', async () => {
    const tenant = await ctx.createTenant();
    const admin = await tenant.token('admin');
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body: { customer_name: `审计并发客户${i}号有限公司`, contacts: [{ contact_name: '孙', mobile: `1390000${String(1000 + i)}` }] } }),
      ),
    );
    expect(created.every((r) => r.status === 200)).toBe(true);
    await Promise.all(created.map((r) => call(ctx.app, 'GET', `/api/v1/customers/${r.body.data.customer_id}`, { token: admin })));
    const rows = await withTenant(ctx.handle.db, tenant.id, (tx) => tx.select({ chain: auditLog.chain }).from(auditLog).where(eq(auditLog.tenant_id, tenant.id)));
    expect(rows.length).toBe(24);
    expect(new Set(rows.map((r) => r.chain)).size).toBeGreaterThan(1);
    const result = await withTenant(ctx.handle.db, tenant.id, (tx) => verifyAuditChain(tx, tenant.id));
    expect(result).toEqual({ valid: true, checked: 24, broken_at: null });
  });
});
