/**
 * Demo invoices and payments, portal usage and operations signals: what the health score reads besides
 * tickets and contracts, so the demo tenant shows a living health and risk picture on first start. Written
 * set-wise (one statement per table and chunk) with exactly the columns the integration services derive —
 * an invoice's `paid_amount`, `paid_on` and `status` from its payments, `usage_daily` folded per business day,
 * availability as a period's percentage — because a few thousand service calls with their audit chains
 * would add seconds to every first start. Deterministic per customer id.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { insertJsonRows, type JsonColumn } from '../db/json-rows.ts';
import { rawRows } from '../db/raw-rows.ts';
import { addDays, addMonths, businessDate, daysBetween } from '../platform/time/calendar-date.ts';
import { contracts } from '../modules/contracts-sla/contracts/contracts.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { seededRandom } from './seeded-random.ts';

/** How a demo customer's money, usage and operations behave over the last six months. */
export type DemoTrajectory = 'steady' | 'declining' | 'critical' | 'lost';

type DemoCustomer = { id: number; level: number; status: number; trajectory: DemoTrajectory };

const SOURCE = 'demo';
const USAGE_DAYS = 180;
const MONTHLY_FEE_BY_LEVEL = [6_000, 18_000, 60_000, 180_000];
const LOGINS_PER_DAY_BY_LEVEL = [1.2, 2.5, 4, 6];
const FEATURES = ['ticket_portal', 'reports', 'knowledge_base', 'asset_view'] as const;
const INCIDENT_TITLES = ['核心交换机故障导致业务中断', '存储阵列性能下降', '机房 UPS 切换异常', '数据库主从延迟告警', '防火墙会话表耗尽'];
const CHUNK = 2_000;

const INVOICE_COLUMNS: JsonColumn[] = [
  ['tenant_id', 'bigint'], ['customer_id', 'bigint'], ['source', 'text'], ['external_id', 'text'], ['invoice_no', 'text'], ['amount', 'numeric'],
  ['issued_on', 'date'], ['due_on', 'date'], ['paid_amount', 'numeric'], ['paid_on', 'date'], ['status', 'text'],
];
const PAYMENT_COLUMNS: JsonColumn[] = [['tenant_id', 'bigint'], ['customer_id', 'bigint'], ['invoice_id', 'bigint'], ['source', 'text'], ['external_id', 'text'], ['amount', 'numeric'], ['paid_on', 'date'], ['method', 'text']];
const USAGE_COLUMNS: JsonColumn[] = [['tenant_id', 'bigint'], ['customer_id', 'bigint'], ['day', 'date'], ['logins', 'int'], ['active_users', 'jsonb'], ['feature_uses', 'jsonb']];
const OPS_COLUMNS: JsonColumn[] = [
  ['tenant_id', 'bigint'], ['customer_id', 'bigint'], ['source', 'text'], ['external_id', 'text'], ['kind', 'text'], ['severity', 'text'], ['title', 'text'],
  ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['period_start', 'date'], ['period_end', 'date'], ['availability_pct', 'numeric'],
];

/**
 * The customers with a demo contract and how each behaves: lost customers (status 3) stopped paying and
 * logging in; about one formal customer in five is declining (late payments turning overdue, logins and
 * availability falling, incidents rising), the first two of them critically (their tickets pile up too, see
 * demo-health.ts); the rest are steady. The portal user's customer stays steady.
 * @example (await demoTrajectories(tx, 1, 42)).filter((c) => c.trajectory === 'declining').length // ≈ 10
 */
export async function demoTrajectories(tx: Db, tenantId: number, portalCustomerId: number | null): Promise<DemoCustomer[]> {
  const withContract = await tx.selectDistinct({ customer_id: contracts.customer_id }).from(contracts).where(eq(contracts.tenant_id, tenantId));
  const ids = withContract.map((c) => c.customer_id);
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: customers.id, level: customers.level, status: customers.status }).from(customers).where(and(eq(customers.tenant_id, tenantId), inArray(customers.id, ids))).orderBy(asc(customers.id));
  let critical = 0;
  return rows.map((row) => {
    const declining = row.status === 2 && row.id !== portalCustomerId && seededRandom(row.id * 7919)() < 0.2;
    const trajectory: DemoTrajectory = row.status === 3 ? 'lost' : !declining ? 'steady' : critical++ < 2 ? 'critical' : 'declining';
    return { ...row, trajectory };
  });
}

/** Draws a count with the given mean (Poisson, by inversion: small means only). */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/**
 * Writes twelve months of invoices with their payments, six months of daily portal usage and operations
 * signals (monthly availability, incidents) for the demo customers of {@link demoTrajectories}.
 * @returns the row counts written, for the seed's log and tests.
 */
export async function seedDemoFinanceUsage(tx: Db, tenantId: number, list: readonly DemoCustomer[], now: Date): Promise<{ invoices: number; payments: number; usage_days: number; ops_signals: number }> {
  const today = businessDate(now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const invoiceRows: Record<string, unknown>[] = [];
  const paymentPlans: { external_id: string; customer_id: number; amount: string; paid_on: string }[] = [];
  const usageRows: Record<string, unknown>[] = [];
  const opsRows: Record<string, unknown>[] = [];

  for (const customer of list) {
    const random = seededRandom(customer.id * 104_729 + 17);
    const { id } = customer;
    const trajectory = customer.trajectory === 'critical' ? 'declining' : customer.trajectory;
    const critical = customer.trajectory === 'critical';
    const level = Math.min(4, Math.max(1, customer.level));
    const fee = MONTHLY_FEE_BY_LEVEL[level - 1]! * (0.7 + random() * 0.6);
    // Lost customers were last invoiced four months ago.
    const months = trajectory === 'lost' ? Array.from({ length: 8 }, (_, i) => i - 11) : Array.from({ length: 12 }, (_, i) => i - 11);
    for (const shift of months) {
      const issued = addMonths(thisMonth, shift);
      const due = addDays(issued, 30);
      const externalId = `INV-${id}-${issued.slice(0, 7)}`;
      const amount = Math.round(fee * (0.95 + random() * 0.1)).toFixed(2);
      // Steady customers pay within terms; declining ones pay late and stopped three months ago (critical ones five).
      const unpaid = (trajectory === 'declining' && shift >= (critical ? -5 : -3)) || (trajectory === 'lost' && shift >= -5);
      const lateness = trajectory === 'declining' ? 10 + Math.floor(random() * 30) : trajectory === 'lost' ? 20 + Math.floor(random() * 40) : -Math.floor(random() * 20);
      const paidOn = addDays(due, lateness);
      // A payment dated after today has not happened yet: the invoice is still open (and not yet due).
      const paid = !unpaid && daysBetween(paidOn, today) >= 0;
      const partial = trajectory === 'declining' && shift === (critical ? -5 : -3);
      const paidAmount = paid ? amount : partial ? (Number(amount) / 2).toFixed(2) : '0.00';
      invoiceRows.push({
        tenant_id: tenantId, customer_id: id, source: SOURCE, external_id: externalId, invoice_no: `FP${issued.slice(0, 7).replace('-', '')}${String(id).padStart(5, '0')}`, amount,
        issued_on: issued, due_on: due, paid_amount: paidAmount, paid_on: paid ? paidOn : null, status: paid ? 'paid' : partial ? 'partially_paid' : 'open',
      });
      if (paid || partial) paymentPlans.push({ external_id: externalId, customer_id: id, amount: paidAmount, paid_on: paid ? paidOn : addDays(due, 5) });
    }

    // Usage of the portal by customers under contract (prospects have no accounts): daily logins by level;
    // declining customers fade over the last 60 days, lost ones stopped 90 days ago.
    const users = 2 + level * 2;
    for (let back = customer.status === 1 ? -1 : USAGE_DAYS - 1; back >= 0; back--) {
      const fade = trajectory === 'lost' ? (back < 90 ? 0 : 0.6) : trajectory === 'declining' ? (back < 30 ? 0.1 : back < 60 ? 0.4 : 1) : 1;
      const day = addDays(today, -back);
      // Business users: weekends are quiet.
      const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
      const logins = poisson(random, LOGINS_PER_DAY_BY_LEVEL[level - 1]! * fade * (weekend ? 0.1 : 1));
      if (logins === 0) continue;
      const active = Array.from({ length: Math.min(users, logins) }, (_, k) => `u${1 + ((id + k) % users)}`);
      const features: Record<string, number> = {};
      for (let k = 0; k < logins; k++) {
        const feature = FEATURES[Math.floor(random() * FEATURES.length)]!;
        if (random() < 0.6) features[feature] = (features[feature] ?? 0) + 1;
      }
      usageRows.push({ tenant_id: tenantId, customer_id: id, day, logins, active_users: active, feature_uses: features });
    }

    // Operations: monthly availability and incidents, worse lately for the declining; lost customers unmonitored since they left.
    for (let shift = -5; shift <= (trajectory === 'lost' ? -4 : 0); shift++) {
      const start = addMonths(thisMonth, shift);
      const end = shift === 0 ? addDays(today, -1) : addDays(addMonths(start, 1), -1);
      if (end < start) continue;
      const bad = trajectory === 'declining' && shift >= -2;
      const pct = bad ? (critical ? 96.5 : 98.2) + random() * 1.0 : 99.85 + random() * 0.14;
      opsRows.push({ tenant_id: tenantId, customer_id: id, source: SOURCE, external_id: `AV-${id}-${start.slice(0, 7)}`, kind: 'availability', severity: null, title: null, started_at: null, ended_at: null, period_start: start, period_end: end, availability_pct: pct.toFixed(3) });
    }
    const incidents = trajectory === 'declining' ? 3 + Math.floor(random() * 3) : random() < 0.4 ? 1 : 0;
    for (let k = 0; k < incidents; k++) {
      const daysAgo = trajectory === 'declining' ? 5 + Math.floor(random() * 70) : 20 + Math.floor(random() * 150);
      const startedAt = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(random() * 12) * 3_600_000);
      const severity = trajectory === 'declining' && k === 0 ? 'critical' : random() < 0.3 ? 'major' : 'minor';
      opsRows.push({
        tenant_id: tenantId, customer_id: id, source: SOURCE, external_id: `INC-${id}-${k + 1}`, kind: 'incident', severity, title: INCIDENT_TITLES[(id + k) % INCIDENT_TITLES.length]!,
        started_at: startedAt.toISOString(), ended_at: new Date(startedAt.getTime() + (1 + Math.floor(random() * 6)) * 3_600_000).toISOString(), period_start: null, period_end: null, availability_pct: null,
      });
    }
  }

  const invoiceIds = new Map<string, number>();
  for (let i = 0; i < invoiceRows.length; i += CHUNK) {
    const written = rawRows<{ id: unknown; external_id: string }>(await tx.execute(insertJsonRows('invoices', INVOICE_COLUMNS, invoiceRows.slice(i, i + CHUNK), 'id, external_id')));
    for (const row of written) invoiceIds.set(row.external_id, Number(row.id));
  }
  const paymentRows = paymentPlans.map((p) => ({ tenant_id: tenantId, customer_id: p.customer_id, invoice_id: invoiceIds.get(p.external_id)!, source: SOURCE, external_id: `PAY-${p.external_id}`, amount: p.amount, paid_on: p.paid_on, method: 'bank_transfer' }));
  for (let i = 0; i < paymentRows.length; i += CHUNK) await tx.execute(insertJsonRows('payments', PAYMENT_COLUMNS, paymentRows.slice(i, i + CHUNK)));
  for (let i = 0; i < usageRows.length; i += CHUNK) await tx.execute(insertJsonRows('usage_daily', USAGE_COLUMNS, usageRows.slice(i, i + CHUNK)));
  for (let i = 0; i < opsRows.length; i += CHUNK) await tx.execute(insertJsonRows('ops_signals', OPS_COLUMNS, opsRows.slice(i, i + CHUNK)));
  return { invoices: invoiceRows.length, payments: paymentRows.length, usage_days: usageRows.length, ops_signals: opsRows.length };
}
