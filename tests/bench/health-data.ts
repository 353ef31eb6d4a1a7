/**
 * The inputs of the health score and the customer analysis at the bench volume (issue 5): invoices and
 * payments of the finance module over 24 months, 90 days of daily product usage, and a year of operations
 * signals, for every bench customer.
 * - Invoices: the busiest fifth of the customers (rank ≤ 20%) are billed monthly, the rest quarterly, an
 *   amount that falls with rank (large customers pay more); 85% are paid on time, 10% late, 5% not at all
 *   (overdue once their due date has passed). Each paid invoice has its payment.
 * - Usage: each customer has an engagement level; on each of the last 90 days it is active with that
 *   probability, with up to 12 distinct users and a few features; a tenth of the customers decline over
 *   the period (fewer active days towards today), a tenth grow.
 * - Operations: ~1.5 incidents per customer-year for the busy half (critical/major/minor), and monthly
 *   availability for customers with a monitored service (40%).
 * Run alone on an existing bench database: `pnpm --filter @crm/tests exec tsx bench/health-data.ts`.
 */
import { pathToFileURL } from 'node:url';
import postgres, { type Sql } from 'postgres';
import { seededRandom as random } from '../../packages/api/src/seed/seeded-random.ts';
import { BENCH_DATABASE_URL, BENCH_SIZE } from './bench-config.ts';
import { copyRows } from './copy-rows.ts';

const DAY_MS = 86_400_000;
const FEATURES = ['tickets', 'reports', 'assets', 'knowledge_base', 'chat', 'changes'];

/** Today in Beijing as days since the epoch, and a day number as `YYYY-MM-DD`. */
const todayNumber = (now: number) => Math.floor((now + 8 * 3_600_000) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The first day (number) of the month `monthsBack` months before today's month. */
function monthStart(today: number, monthsBack: number): number {
  const d = new Date(today * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1) / DAY_MS);
}

export const INVOICE_COLUMNS = ['tenant_id', 'id', 'customer_id', 'source', 'external_id', 'invoice_no', 'amount', 'issued_on', 'due_on', 'paid_amount', 'paid_on', 'status'];
export const PAYMENT_COLUMNS = ['tenant_id', 'customer_id', 'invoice_id', 'source', 'external_id', 'amount', 'paid_on', 'method'];

type Invoice = { id: number; customerId: number; amount: number; issued: number; due: number; paidOn: number | null };

function* invoicePlan(customers: number, today: number): Generator<Invoice> {
  const rnd = random(20_261_201);
  let id = 0;
  for (let customerId = 1; customerId <= customers; customerId++) {
    const monthly = customerId <= customers * 0.2;
    const base = Math.round(200_000 / Math.sqrt(customerId) + 3_000 + rnd() * 5_000);
    for (let back = 23; back >= 0; back -= monthly ? 1 : 3) {
      const issued = monthStart(today, back) + Math.floor(rnd() * 5);
      if (issued > today) continue;
      const due = issued + 30;
      const p = rnd();
      const paidOn = p < 0.85 ? issued + Math.floor(rnd() * 30) : p < 0.95 ? due + 1 + Math.floor(rnd() * 60) : null;
      yield { id: ++id, customerId, amount: Math.round(base * (monthly ? 1 : 3) * (0.9 + rnd() * 0.2)), issued, due, paidOn: paidOn !== null && paidOn <= today ? paidOn : null };
    }
  }
}

function* invoiceRows(tenantId: number, plan: Iterable<Invoice>): Generator<unknown[]> {
  for (const inv of plan) {
    const paid = inv.paidOn !== null;
    yield [tenantId, inv.id, inv.customerId, 'erp', `INV-${inv.id}`, `FP${String(inv.id).padStart(9, '0')}`, inv.amount.toFixed(2), isoDay(inv.issued), isoDay(inv.due), paid ? inv.amount.toFixed(2) : '0', paid ? isoDay(inv.paidOn!) : null, paid ? 'paid' : 'open'];
  }
}

function* paymentRows(tenantId: number, plan: Iterable<Invoice>): Generator<unknown[]> {
  for (const inv of plan) {
    if (inv.paidOn === null) continue;
    yield [tenantId, inv.customerId, inv.id, 'erp', `PAY-${inv.id}`, inv.amount.toFixed(2), isoDay(inv.paidOn), 'bank_transfer'];
  }
}

export const USAGE_COLUMNS = ['tenant_id', 'customer_id', 'day', 'logins', 'active_users', 'feature_uses'];

function* usageRows(tenantId: number, customers: number, today: number): Generator<unknown[]> {
  const rnd = random(20_261_202);
  for (let customerId = 1; customerId <= customers; customerId++) {
    const engagement = 0.05 + 0.8 * rnd() ** 1.5;
    const trend = rnd();
    const slope = trend < 0.1 ? -0.9 : trend > 0.9 ? 0.6 : 0;
    const seats = 1 + Math.floor(rnd() * 12);
    for (let back = 89; back >= 0; back--) {
      const drift = 1 + slope * ((89 - back) / 89 - 0.5);
      if (rnd() >= engagement * drift) continue;
      const users = 1 + Math.floor(rnd() * seats);
      const features: Record<string, number> = {};
      for (const feature of FEATURES) if (rnd() < 0.4) features[feature] = 1 + Math.floor(rnd() * 8);
      yield [tenantId, customerId, isoDay(today - back), users + Math.floor(rnd() * users * 2), JSON.stringify(Array.from({ length: users }, (_, i) => `u${customerId}-${i + 1}`)), JSON.stringify(features)];
    }
  }
}

export const OPS_COLUMNS = ['tenant_id', 'customer_id', 'source', 'external_id', 'kind', 'severity', 'title', 'started_at', 'ended_at', 'period_start', 'period_end', 'availability_pct'];
const INCIDENTS = ['核心业务系统不可用', '数据库响应缓慢', '网络链路中断', '存储容量告警', '备份失败'];

function* opsRows(tenantId: number, customers: number, now: number, today: number): Generator<unknown[]> {
  const rnd = random(20_261_203);
  let n = 0;
  for (let customerId = 1; customerId <= customers; customerId++) {
    if (customerId <= customers / 2) {
      const incidents = Math.floor(rnd() * 3.5 * (customerId <= customers * 0.05 ? 3 : 1));
      for (let i = 0; i < incidents; i++) {
        const started = new Date(now - Math.floor(rnd() * 365 * DAY_MS));
        const s = rnd();
        const severity = s < 0.1 ? 'critical' : s < 0.4 ? 'major' : 'minor';
        yield [tenantId, customerId, 'monitor', `INC-${++n}`, 'incident', severity, INCIDENTS[Math.floor(rnd() * INCIDENTS.length)], started, new Date(started.getTime() + Math.floor(rnd() * 8 * 3_600_000)), null, null, null];
      }
    }
    if (rnd() < 0.4) {
      for (let back = 11; back >= 1; back--) {
        const start = monthStart(today, back);
        const pct = Math.min(100, 99 + rnd() * 1.2 - (rnd() < 0.05 ? rnd() * 3 : 0));
        yield [tenantId, customerId, 'monitor', `AV-${customerId}-${isoDay(start)}`, 'availability', null, null, null, null, isoDay(start), isoDay(monthStart(today, back - 1) - 1), pct.toFixed(3)];
      }
    }
  }
}

/** How many rows the health inputs hold for the tenant (0 when never generated). */
export async function healthDataCount(sql: Sql, tenantId: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from invoices where tenant_id = ${tenantId}`;
  return row?.n ?? 0;
}

/**
 * Loads invoices, payments, usage days and operations signals for customers 1..n of the tenant.
 * @example await generateHealthData(sql, tenantId, 100_000, console.log);
 */
export async function generateHealthData(sql: Sql, tenantId: number, customers: number, log: (m: string) => void): Promise<void> {
  const now = Date.now();
  const today = todayNumber(now);
  log(`invoices: ${await copyRows(sql, 'invoices', INVOICE_COLUMNS, invoiceRows(tenantId, invoicePlan(customers, today)))}`);
  log(`payments: ${await copyRows(sql, 'payments', PAYMENT_COLUMNS, paymentRows(tenantId, invoicePlan(customers, today)))}`);
  await sql`select setval(pg_get_serial_sequence('invoices', 'id'), (select max(id) from invoices))`;
  log(`usage days: ${await copyRows(sql, 'usage_daily', USAGE_COLUMNS, usageRows(tenantId, customers, today))}`);
  log(`operations signals: ${await copyRows(sql, 'ops_signals', OPS_COLUMNS, opsRows(tenantId, customers, now, today))}`);
  await sql`vacuum (analyze) invoices, payments, usage_daily, ops_signals`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sql = postgres(BENCH_DATABASE_URL, { max: 2, onnotice: () => {} });
  const [tenant] = await sql<{ id: number }[]>`select id::int from tenants where code = 'bench'`;
  const started = performance.now();
  if ((await healthDataCount(sql, tenant!.id)) > 0) console.log('health inputs already present');
  else await generateHealthData(sql, tenant!.id, BENCH_SIZE.customers, (m) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`));
  await sql.end();
}
