import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { activeContract } from '../sla-bindings/sla-test-helpers.ts';

/**
 * GET /contracts/{id}/sla-attainment over service records written straight into the table (the ticket
 * ingest that fills it comes with the service-history issue).
 */
const t = useTestTenant(['admin']);

type Ticket = { priority: string; opened: string; responded?: string; resolved?: string };
async function record(customerId: number, n: number, ticket: Ticket) {
  const at = (local?: string) => (local ? `${local}+08` : null);
  await t.ctx.handle.db.execute(
    sql`insert into service_records (tenant_id, opened_at, customer_id, source, external_id, title, priority, status, first_response_at, resolved_at)
        values (${t.tenant.id}, ${at(ticket.opened)}, ${customerId}, 'itsm', ${`T-${customerId}-${n}`}, ${`工单${n}`}, ${ticket.priority}, 'open', ${at(ticket.responded)}, ${at(ticket.resolved)})`,
  );
}

describe('GET /api/v1/contracts/{id}/sla-attainment', () => {
  it('measures each record against the SLA bound when it opened, per month', async () => {
    // 高级 (premium), 7×24: P1 respond 30 min / resolve 4 h; P2 60 min / 8 h; P3 4 h / 24 h.
    const { customerId, contractId } = await activeContract(t.ctx, t.as.admin, '达成率测试科技有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' });
    const other = await activeContract(t.ctx, t.as.admin, '达成率对照有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' });
    const tickets: Ticket[] = [
      { priority: 'P1', opened: '2026-03-02 10:00', responded: '2026-03-02 10:20', resolved: '2026-03-02 13:00' },
      { priority: 'P1', opened: '2026-03-05 22:00', responded: '2026-03-05 22:45', resolved: '2026-03-06 04:00' },
      { priority: 'P2', opened: '2026-03-10 10:00' },
      { priority: 'P3', opened: '2026-04-01 09:00', responded: '2026-04-01 10:00', resolved: '2026-04-01 20:00' },
      // Before the contract: no SLA was agreed, so it is not measured.
      { priority: 'P1', opened: '2025-12-31 10:00', responded: '2025-12-31 18:00' },
    ];
    for (const [n, ticket] of tickets.entries()) await record(customerId, n, ticket);
    await record(other.customerId, 99, { priority: 'P1', opened: '2026-03-03 10:00' });

    const res = await t.get(`/api/v1/contracts/${contractId}/sla-attainment?from=2026-03&to=2026-04`, { as: 'admin' });
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.total).toEqual({ records: 4, response: { met: 2, breached: 2, pending: 0, rate: 0.5 }, resolution: { met: 2, breached: 2, pending: 0, rate: 0.5 } });
    expect(data.months.map((m: { month: string; records: number }) => [m.month, m.records])).toEqual([
      ['2026-03', 3],
      ['2026-04', 1],
    ]);
    expect(data.months[0]!.response).toEqual({ met: 1, breached: 2, pending: 0, rate: 0.3333 });
    expect(data.months[0]!.by_priority.P1!.resolution).toEqual({ met: 1, breached: 1, pending: 0, rate: 0.5 });
    expect(data.months[1]!.response.rate).toBe(1);

    const empty = await t.get(`/api/v1/contracts/${contractId}/sla-attainment?from=2026-06&to=2026-06`, { as: 'admin' });
    expect(empty.body.data.months).toEqual([expect.objectContaining({ month: '2026-06', records: 0, response: { met: 0, breached: 0, pending: 0, rate: null } })]);
  });

  it('refuses a malformed month, a reversed range and more than 36 months', async () => {
    const { contractId } = await activeContract(t.ctx, t.as.admin, '达成率坏输入测试有限公司');
    for (const query of ['from=2026-13&to=2026-12', 'from=2026-05&to=2026-04', 'from=2020-01&to=2026-12']) {
      const res = await t.get(`/api/v1/contracts/${contractId}/sla-attainment?${query}`, { as: 'admin' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('request.invalid');
    }
  });
});

describe('the recommendation reads the service history', () => {
  it('counts tickets, P1 share, after-hours share and breaches of the last twelve months', async () => {
    const { customerId } = await activeContract(t.ctx, t.as.admin, '推荐历史测试有限公司', { sla_tier_code: 'standard', start_date: '2025-01-01', end_date: '2030-12-31' });
    const now = Date.now();
    const local = (daysAgo: number, hour: number) => {
      const day = new Date(now - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      return `${day} ${String(hour).padStart(2, '0')}:00`;
    };
    // 72 tickets over the year (6 a month), a third P1, half at 23:00: a P1-heavy after-hours profile.
    for (let i = 0; i < 72; i += 1) {
      const opened = local(5 + i * 4, i % 2 === 0 ? 23 : 11);
      await record(customerId, 1000 + i, { priority: i % 3 === 0 ? 'P1' : 'P3', opened, responded: opened, resolved: opened });
    }
    const res = await t.get(`/api/v1/customers/${customerId}/sla-recommendation`, { as: 'admin' });
    expect(res.status).toBe(200);
    const factors = res.body.data.recommendation.reasons.map((r: { factor: string }) => r.factor);
    expect(factors).toEqual(expect.arrayContaining(['p1_share', 'after_hours']));
    expect(res.body.data.recommendation.service_hours).toBe('7x24');
    expect(res.body.data).toMatchObject({ current_tier: 'standard', differs: true });
  });
});
