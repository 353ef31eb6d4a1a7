import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../../db/tenant-tx.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { opsSummaries } from '../operations-signals/ops-summary.ts';
import { usageSummaries } from '../usage/usage-summary.ts';
import { financeSummaries } from './finance-summary.ts';

const t = useTestTenant([]);
let a: number;
let b: number;
let c: number;

/** 2026-11-26 10:00 in Beijing: the business date the summaries measure from. */
const AS_OF = new Date('2026-11-26T02:00:00Z');

const inScope = <T>(work: (scope: RequestScope) => Promise<T>) =>
  withTenant(t.ctx.handle.db, t.tenant.id, (tx) =>
    work({
      tx,
      tenantId: t.tenant.id,
      principal: { kind: 'api_key', tenantId: t.tenant.id, subject: 'system:test', userId: null, roles: [], permissions: new Set(), customerId: null },
      settings: { manager_data_scope: 'all' },
      keyRing: t.ctx.keyRing,
      requestId: 'test-summaries',
    }),
  );

const invoice = (customerId: number, id: string, amount: string, issued: string, due: string, status: string, paid = '0', paidOn: string | null = null) =>
  t.ctx.handle.db.execute(sql`insert into invoices (tenant_id, customer_id, source, external_id, amount, issued_on, due_on, status, paid_amount, paid_on)
    values (${t.tenant.id}, ${customerId}, 'erp', ${id}, ${amount}, ${issued}, ${due}, ${status}, ${paid}, ${paidOn})`);
const usage = (customerId: number, day: string, logins: number, users: string[], features: Record<string, number>) =>
  t.ctx.handle.db.execute(sql`insert into usage_daily (tenant_id, customer_id, day, logins, active_users, feature_uses)
    values (${t.tenant.id}, ${customerId}, ${day}, ${logins}, ${JSON.stringify(users)}::jsonb, ${JSON.stringify(features)}::jsonb)`);
const incident = (customerId: number, id: string, severity: string, startedAt: string) =>
  t.ctx.handle.db.execute(sql`insert into ops_signals (tenant_id, customer_id, source, external_id, kind, severity, title, started_at)
    values (${t.tenant.id}, ${customerId}, 'noc', ${id}, 'incident', ${severity}, '核心链路中断', ${startedAt})`);
const availability = (customerId: number, id: string, from: string, to: string, pct: string) =>
  t.ctx.handle.db.execute(sql`insert into ops_signals (tenant_id, customer_id, source, external_id, kind, period_start, period_end, availability_pct)
    values (${t.tenant.id}, ${customerId}, 'noc', ${id}, 'availability', ${from}, ${to}, ${pct})`);

beforeAll(async () => {
  const admin = await t.tenant.token('admin');
  a = (await customerWithContact(t.ctx, admin, '汇总测试甲有限公司')).customerId;
  b = (await customerWithContact(t.ctx, admin, '汇总测试乙有限公司')).customerId;
  c = (await customerWithContact(t.ctx, admin, '汇总测试丙有限公司')).customerId;
  expect((await t.request('GET', '/healthz')).status).toBe(200);

  await invoice(a, 'I1', '1000.00', '2026-11-05', '2026-11-20', 'open'); // overdue 6 days
  await invoice(a, 'I2', '2000.00', '2026-10-01', '2026-10-31', 'partially_paid', '500.00'); // overdue 26 days, 1500 left
  await invoice(a, 'I3', '3000.00', '2026-01-10', '2026-02-10', 'paid', '3000.00', '2026-02-05'); // on time
  await invoice(a, 'I4', '4000.00', '2026-03-01', '2026-03-31', 'paid', '4000.00', '2026-04-15'); // late
  await invoice(a, 'I5', '5000.00', '2025-06-01', '2025-06-30', 'void');
  await invoice(a, 'I6', '700.00', '2025-06-01', '2025-06-30', 'paid', '700.00', '2025-06-20'); // previous year, paid before the window
  await invoice(a, 'I7', '100.00', '2025-11-30', '2025-11-30', 'paid', '100.00', '2025-11-30'); // last day of the previous 12 months
  await invoice(a, 'I8', '999.00', '2026-12-01', '2026-12-31', 'open'); // next month: not yet revenue
  await invoice(a, 'I9', '50.00', '2026-11-26', '2026-11-26', 'open'); // due today: not overdue

  await usage(a, '2026-11-26', 3, ['u1', 'u2'], { report: 2 });
  await usage(a, '2026-10-28', 2, ['u2', 'u3'], { report: 1, export: 4 }); // first of the 30 days
  await usage(a, '2026-10-27', 5, ['u9'], { report: 7 }); // previous 30 days
  await usage(a, '2026-09-28', 1, ['u9'], {}); // first of the previous 30 days
  await usage(a, '2026-09-27', 100, ['u8'], {}); // before both windows
  await usage(a, '2026-11-27', 50, ['u7'], { report: 9 }); // after asOf
  await usage(c, '2026-01-01', 1, ['u1'], {});

  await incident(a, 'E1', 'critical', '2026-11-01T08:00:00+08:00');
  await incident(a, 'E2', 'major', '2026-09-01T08:00:00+08:00');
  await incident(a, 'E3', 'minor', '2026-08-28T01:00:00Z'); // just over 90 days before
  await incident(a, 'E4', 'critical', '2026-11-26T03:00:00Z'); // after asOf
  await availability(a, 'A1', '2026-08-01', '2026-08-31', '99.000'); // overlaps the first days (from 2026-08-29)
  await availability(a, 'A2', '2026-07-01', '2026-07-31', '50.000');
  await availability(a, 'A3', '2026-11-01', '2026-11-30', '99.500');
});

describe('summaries for the health score', () => {
  it('finance: revenue by issue month, overdue debt, punctuality; zeros for a customer without invoices', async () => {
    const summaries = await inScope((scope) => financeSummaries(scope, [a, b], AS_OF));
    const monthly = Object.fromEntries(summaries.get(a)!.monthly_revenue.map((m) => [m.month, m.amount]));
    expect(Object.keys(monthly)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(monthly).toMatchObject({ '2025-12': 0, '2026-01': 3000, '2026-03': 4000, '2026-10': 2000, '2026-11': 1050 });
    expect(summaries.get(a)).toMatchObject({ revenue_12m: 10050, revenue_prev_12m: 800, overdue_amount: 2500, overdue_invoices: 2, max_days_overdue: 26, paid_on_time_ratio: 0.5 });
    expect(summaries.get(b)).toMatchObject({ revenue_12m: 0, revenue_prev_12m: 0, overdue_amount: 0, overdue_invoices: 0, max_days_overdue: 0, paid_on_time_ratio: null });
    expect(summaries.get(b)!.monthly_revenue).toHaveLength(12);
  });

  it('usage: 30-day and previous 30-day windows on business dates, distinct users, features summed', async () => {
    const summaries = await inScope((scope) => usageSummaries(scope, [a, b, c], AS_OF));
    expect(summaries.get(a)).toEqual({ logins_30d: 5, logins_prev_30d: 6, active_users_30d: 3, feature_uses_30d: { report: 3, export: 4 }, last_active_day: '2026-11-26' });
    expect(summaries.get(b)).toEqual({ logins_30d: 0, logins_prev_30d: 0, active_users_30d: 0, feature_uses_30d: {}, last_active_day: null });
    expect(summaries.get(c)).toEqual({ logins_30d: 0, logins_prev_30d: 0, active_users_30d: 0, feature_uses_30d: {}, last_active_day: '2026-01-01' });
  });

  it('operations: incidents started in the 90 days, mean availability of overlapping periods', async () => {
    const summaries = await inScope((scope) => opsSummaries(scope, [a, b], AS_OF));
    expect(summaries.get(a)).toEqual({ incidents_90d: 2, critical_incidents_90d: 1, availability_pct_90d: 99.25 });
    expect(summaries.get(b)).toEqual({ incidents_90d: 0, critical_incidents_90d: 0, availability_pct_90d: null });
  });

  it('answers an empty map for no ids, and another tenant sees nothing of these rows', async () => {
    expect((await inScope((scope) => financeSummaries(scope, [], AS_OF))).size).toBe(0);
    const other = await t.ctx.createTenant();
    const foreign = await withTenant(t.ctx.handle.db, other.id, (tx) =>
      usageSummaries({ tx, tenantId: other.id, principal: { kind: 'api_key', tenantId: other.id, subject: 'system:test', userId: null, roles: [], permissions: new Set(), customerId: null }, settings: { manager_data_scope: 'all' }, keyRing: t.ctx.keyRing, requestId: 'x' }, [a], AS_OF),
    );
    expect(foreign.get(a)).toMatchObject({ logins_30d: 0, last_active_day: null });
  });
});
