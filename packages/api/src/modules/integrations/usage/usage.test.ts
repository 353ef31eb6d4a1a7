import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let customerId: number;

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('门户埋点');
  customerId = (await customerWithContact(t.ctx, t.as.admin, '使用情况测试有限公司')).customerId;
});

const push = (events: object[], source = 'portal') => t.request('POST', '/api/v1/integrations/usage-events', { body: { source, events }, headers: { 'X-Api-Key': apiKey } });
const login = (eventId: string, userId: string, at: string, customer: object = { id: customerId }) => ({ event_id: eventId, customer, user_id: userId, kind: 'login', at });
const feature = (eventId: string, userId: string, name: string, at: string) => ({ event_id: eventId, customer: { id: customerId }, user_id: userId, kind: 'feature', feature: name, at });
const daily = async (id: number) =>
  rawRows<{ day: string; logins: number; active_users: string[]; feature_uses: Record<string, number> }>(
    await t.ctx.handle.db.execute(sql`select day::text as day, logins, active_users, feature_uses from usage_daily where tenant_id = ${t.tenant.id} and customer_id = ${id} order by day`),
  );
const outcomes = (res: Awaited<ReturnType<typeof push>>) => res.body.data.results.map((r: { outcome: string }) => r.outcome);

describe('POST /api/v1/integrations/usage-events', () => {
  it('counts each event once across batches, on its Beijing business day', async () => {
    const first = await push([
      login('e1', '张三', '2026-03-01T15:59:59Z'), // 23:59:59 Beijing, 1 March
      login('e2', '李四', '2026-03-01T16:00:00Z'), // 00:00 Beijing, 2 March
      feature('e3', '张三', 'report', '2026-03-01T10:00:00+08:00'),
      login('e1', '张三', '2026-03-01T15:59:59Z'), // repeated within the batch
    ]);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ counted: 3, duplicate: 1, failed: 0 });
    expect(outcomes(first)).toEqual(['counted', 'counted', 'counted', 'duplicate']);
    const second = await push([login('e1', '张三', '2026-03-01T15:59:59Z'), login('e4', '王五', '2026-03-01T08:00:00+08:00'), feature('e5', '张三', 'report', '2026-03-01T09:00:00+08:00')]);
    expect(outcomes(second)).toEqual(['duplicate', 'counted', 'counted']);
    expect(await daily(customerId)).toEqual([
      { day: '2026-03-01', logins: 2, active_users: ['张三', '王五'], feature_uses: { report: 2 } },
      { day: '2026-03-02', logins: 1, active_users: ['李四'], feature_uses: {} },
    ]);
    // Another source's event ids are its own.
    expect(outcomes(await push([login('e1', '张三', '2026-03-02T09:00:00+08:00')], 'app'))).toEqual(['counted']);
    const recorded = rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = 'usage.recorded' and (payload->>'customer_id')::bigint = ${customerId}`))[0]!.n;
    expect(recorded).toBe(3);
  });

  it('counts the good events of a batch and reports each bad one', async () => {
    const { customerId: id } = await customerWithContact(t.ctx, t.as.admin, '批量埋点测试有限公司');
    const res = await push([
      login('b1', 'u1', '2026-04-01T09:00:00+08:00', { id }),
      login('b2', 'u1', '2026-04-01 09:00', { id }), // no offset
      login('b3', 'u1', '2026-04-01T09:00:00+08:00', { id: 99_999_999 }),
      { event_id: 'b4', customer: { id }, user_id: 'u2', kind: 'feature', at: '2026-04-01T09:00:00+08:00' }, // feature without its name
      { event_id: 'b5', customer: { id }, user_id: 'u2', kind: 'logout', at: '2026-04-01T09:00:00+08:00' },
      login('b6', 'u2', '2026-04-01T10:00:00+08:00', { code: 'NO-SUCH' }),
      login('b7', 'u3', '2026-04-01T11:00:00+08:00', { id }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ counted: 2, duplicate: 0, failed: 5 });
    expect(res.body.data.results.map((r: { outcome: string; error?: { code: string } }) => r.error?.code ?? r.outcome)).toEqual([
      'counted', 'request.invalid', 'integration.customer_unknown', 'request.invalid', 'request.invalid', 'integration.customer_unknown', 'counted',
    ]);
    expect(await daily(id)).toEqual([{ day: '2026-04-01', logins: 2, active_users: ['u1', 'u3'], feature_uses: {} }]);
  });

  it('keeps at most 500 distinct users per day', async () => {
    const { customerId: id } = await customerWithContact(t.ctx, t.as.admin, '大客户埋点测试有限公司');
    const batch = (from: number) => Array.from({ length: 300 }, (_, i) => login(`cap-${from + i}`, `user-${from + i}`, '2026-05-01T09:00:00+08:00', { id }));
    await push(batch(0));
    await push(batch(300));
    const [day] = await daily(id);
    expect(day!.logins).toBe(600);
    expect(day!.active_users).toHaveLength(500);
    expect(day!.active_users[0]).toBe('user-0');
  });

  it('refuses an empty or oversized batch and a bad source', async () => {
    expect((await push([])).status).toBe(400);
    expect((await push(Array.from({ length: 1001 }, (_, i) => login(`x${i}`, 'u', '2026-05-01T09:00:00+08:00')))).status).toBe(400);
    expect((await push([login('x', 'u', '2026-05-01T09:00:00+08:00')], 'Bad Source')).status).toBe(400);
  });
});

describe('GET /api/v1/customers/{id}/usage', () => {
  it('shows days with usage and totals with distinct users over the range', async () => {
    const res = await t.get(`/api/v1/customers/${customerId}/usage?from=2026-03-01&to=2026-03-31`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      customer_id: customerId,
      from: '2026-03-01',
      to: '2026-03-31',
      days: [
        { day: '2026-03-01', logins: 2, active_users: 2, feature_uses: { report: 2 } },
        { day: '2026-03-02', logins: 2, active_users: 2, feature_uses: {} },
      ],
      totals: { logins: 4, active_users: 3, feature_uses: { report: 2 } },
    });
    const recent = await t.get(`/api/v1/customers/${customerId}/usage`, { as: 'admin' });
    expect(recent.body.data.days).toEqual([]);
  });

  it('refuses a reversed or too long range; portal 403; other tenant 404', async () => {
    expect((await t.get(`/api/v1/customers/${customerId}/usage?from=2026-03-31&to=2026-03-01`, { as: 'admin' })).body.error).toBe('usage.range_invalid');
    expect((await t.get(`/api/v1/customers/${customerId}/usage?from=2024-01-01&to=2026-03-01`, { as: 'admin' })).body.error).toBe('usage.range_invalid');
    const portal = await t.tenant.token('customer', { customer_id: customerId, username: 'usage-portal' });
    expect((await t.get(`/api/v1/customers/${customerId}/usage`, { token: portal })).status).toBe(403);
    const stranger = await (await t.ctx.createTenant()).token('admin');
    expect((await t.get(`/api/v1/customers/${customerId}/usage`, { token: stranger })).status).toBe(404);
  });
});
