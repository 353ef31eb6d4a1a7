import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../../../test-support/index.ts';
import { activeContract, effectiveAt } from '../sla-bindings/sla-test-helpers.ts';
import { runContractSchedule } from './contracts.jobs.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** 10:00 Beijing time on a day. */
const morning = (day: string) => new Date(`${day}T10:00:00+08:00`);
const run = (day: string) => runContractSchedule({ db: ctx.handle.db, keyRing: ctx.keyRing }, morning(day));

async function freshTenant(): Promise<{ tenant: TestTenant; admin: string }> {
  const tenant = await ctx.createTenant();
  return { tenant, admin: await tenant.token('admin') };
}

const reminderNotifications = async (token: string) =>
  ((await call(ctx.app, 'GET', '/api/v1/notifications?limit=100', { token })).body.data.items as { kind: string; data: { offset_days: number }; title: { zh: string } }[]).filter(
    (n) => n.kind === 'contract.renewal_reminder',
  );

const contractOf = async (token: string, id: number) => (await call(ctx.app, 'GET', `/api/v1/contracts/${id}`, { token })).body.data;

describe('renewal reminders', () => {
  it('fire once per contract and offset across repeated and concurrent runs; a missed offset is superseded by the closer one', async () => {
    const { tenant, admin } = await freshTenant();
    const { contractId } = await activeContract(ctx, admin, '续约提醒测试有限公司', { start_date: '2026-04-01', end_date: '2027-03-31', notice_period_days: 30 });

    await run('2026-12-30');
    expect(await reminderNotifications(admin)).toHaveLength(0);
    await run('2026-12-31'); // 90 days before the end
    await run('2026-12-31');
    let reminders = await reminderNotifications(admin);
    expect(reminders.map((r) => r.data.offset_days)).toEqual([90]);
    expect(reminders[0]!.title.zh).toContain('还有 90 天到期');

    await Promise.all([run('2027-01-30'), run('2027-01-30'), run('2027-01-31')]); // 60 days before, three replicas
    reminders = await reminderNotifications(admin);
    expect(reminders.map((r) => r.data.offset_days)).toEqual([60, 90]);

    // The scheduler was down from 60 to 7 days before the end: the 30-day reminder is recorded as
    // superseded and only the 7-day one is sent; the contract also enters its notice window.
    await run('2027-03-24');
    reminders = await reminderNotifications(admin);
    expect(reminders.map((r) => r.data.offset_days)).toEqual([7, 60, 90]);
    const decisions = rawRows<{ offset_days: number; outcome: string }>(
      await ctx.handle.db.execute(sql`select offset_days, outcome from contract_reminders where tenant_id = ${tenant.id} and contract_id = ${contractId} order by offset_days desc`),
    );
    expect(decisions).toEqual([
      { offset_days: 90, outcome: 'send' },
      { offset_days: 60, outcome: 'send' },
      { offset_days: 30, outcome: 'superseded' },
      { offset_days: 7, outcome: 'send' },
    ]);
    expect((await contractOf(admin, contractId)).state).toBe('expiring');
    const events = rawRows<{ n: number }>(await ctx.handle.db.execute(sql`select count(*)::int as n from events where tenant_id = ${tenant.id} and type = 'contract.renewal_reminder'`));
    expect(events[0]!.n).toBe(3);
  });

  it("follow the tenant's own offsets", async () => {
    const { admin } = await freshTenant();
    await call(ctx.app, 'PATCH', '/api/v1/settings', { token: admin, body: { renewal_reminder_offsets: [45] }, headers: { 'If-Match': '*' } });
    await activeContract(ctx, admin, '自定义提醒测试有限公司', { start_date: '2026-04-01', end_date: '2027-03-31' });
    await run('2026-12-31');
    expect(await reminderNotifications(admin)).toHaveLength(0);
    await run('2027-02-14');
    expect((await reminderNotifications(admin)).map((r) => r.data.offset_days)).toEqual([45]);
  });
});

describe('lifecycle', () => {
  it('expires a contract past its end; with nothing else in force the customer becomes lost', async () => {
    const { admin } = await freshTenant();
    const { customerId, contractId } = await activeContract(ctx, admin, '到期测试有限公司', { start_date: '2025-07-01', end_date: '2026-06-30' });
    await run('2026-06-30');
    expect((await contractOf(admin, contractId)).state).toBe('expiring');
    await run('2026-07-01');
    const contract = await contractOf(admin, contractId);
    expect(contract.state).toBe('expired');
    expect(contract.transitions.at(-1)).toMatchObject({ event: 'expire', actor_id: 'system:scheduler' });
    expect((await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token: admin })).body.data.status).toBe(3);
  });

  it('renews an auto-renewing contract: the successor is in force and bound, the predecessor renewed', async () => {
    const { admin } = await freshTenant();
    const { customerId, contractId } = await activeContract(ctx, admin, '自动续约测试有限公司', { start_date: '2025-07-01', end_date: '2026-06-30', auto_renew: true, sla_tier_code: 'premium' });
    await run('2026-07-01');
    await run('2026-07-01');
    const predecessor = await contractOf(admin, contractId);
    expect(predecessor.state).toBe('renewed');
    const successorId = predecessor.transitions.at(-1).successor_id;
    const successor = await contractOf(admin, successorId);
    expect(successor).toMatchObject({ state: 'active', kind: 'renewal', predecessor_id: contractId, start_date: '2026-07-01', end_date: '2027-06-30', sla_tier_code: 'premium', auto_renew: true });
    const sla = await effectiveAt(ctx, admin, customerId, '2026-07-02T09:00:00');
    expect(sla.body.data).toMatchObject({ contract: { id: successorId }, sla: { tier_code: 'premium' }, binding: { trigger: 'renewal' } });
    const list = await call(ctx.app, 'GET', `/api/v1/customers/${customerId}/contracts`, { token: admin });
    expect(list.body.data.items).toHaveLength(2);
    expect((await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token: admin })).body.data.status).toBe(2);
  });
});

describe('reconciliation', () => {
  it('binds a contract in force that has no binding (data from before bindings existed)', async () => {
    const { tenant, admin } = await freshTenant();
    const { customerId, contractId } = await activeContract(ctx, admin, '补绑定测试有限公司', { start_date: '2026-01-01', end_date: '2030-12-31' });
    // Simulate legacy data: remove the binding with the coverage guard switched off.
    await ctx.handle.db.transaction(async (tx) => {
      await tx.execute(sql`alter table contract_sla_bindings disable trigger contract_sla_bindings_coverage`);
      await tx.execute(sql`delete from contract_sla_bindings where tenant_id = ${tenant.id} and contract_id = ${contractId}`);
      await tx.execute(sql`alter table contract_sla_bindings enable trigger contract_sla_bindings_coverage`);
    });
    expect((await effectiveAt(ctx, admin, customerId, '2026-12-01T10:00:00')).body.data.source).toBe('default');
    await run('2026-12-01');
    const sla = await effectiveAt(ctx, admin, customerId, '2026-12-01T10:00:00');
    expect(sla.body.data).toMatchObject({ source: 'contract', binding: { trigger: 'reconcile' } });
  });
});
