/**
 * Demo contracts and service records: what makes the contract panel, the renewals view, SLA bindings,
 * attainment and the recommendation show something real on first start. Written through the contract
 * services (create, submit, approve, expire) so every contract carries its terms, transitions, audit
 * rows and SLA binding exactly as if staff had worked them. Deterministic per customer id.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { addDays, addMonths, businessDate } from '../platform/time/calendar-date.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { systemScope } from '../platform/system-scope.ts';
import { seededRandom } from './seeded-random.ts';
import type { TenantSettings } from '../platform/identity/tenants.schema.ts';
import { customerContacts } from '../modules/customers/contacts/contacts.schema.ts';
import { applyTransition } from '../modules/contracts-sla/contracts/contract-transitions.service.ts';
import { contracts } from '../modules/contracts-sla/contracts/contracts.schema.ts';
import { createContract } from '../modules/contracts-sla/contracts/contracts.service.ts';
import { users } from '../platform/identity/users.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { serviceRecordKeys, serviceRecords, type Priority } from '../modules/service/service-records/service-records.schema.ts';

const TIER_BY_LEVEL = ['standard', 'premium', 'elite', 'strategic'] as const;
const AMOUNT_BY_LEVEL = [
  [60_000, 150_000],
  [150_000, 500_000],
  [500_000, 1_500_000],
  [1_500_000, 5_000_000],
] as const;
const TICKET_TITLES = ['邮件服务器无法收信', 'VPN 连接频繁断开', '核心交换机端口告警', '数据库备份失败', '新员工账号开通', '打印机驱动安装', '业务系统登录缓慢', '防火墙策略变更申请', '存储容量告警', '机房空调温度异常'];

type DemoCustomerRow = { id: number; status: number; level: number; manager: number | null; contact: number | null };

async function customersOf(tx: Db, tenantId: number): Promise<DemoCustomerRow[]> {
  const rows = await tx
    .select({ id: customers.id, status: customers.status, level: customers.level, manager: customers.assigned_manager_id })
    .from(customers)
    .where(eq(customers.tenant_id, tenantId))
    .orderBy(asc(customers.id));
  const contacts = await tx.select({ id: customerContacts.id, customer_id: customerContacts.customer_id }).from(customerContacts).where(eq(customerContacts.tenant_id, tenantId)).orderBy(asc(customerContacts.id));
  const first = new Map<number, number>();
  for (const contact of contacts) if (!first.has(contact.customer_id)) first.set(contact.customer_id, contact.id);
  return rows.map((row) => ({ ...row, contact: first.get(row.id) ?? null }));
}

/** How many customers of each status get contracts: enough to fill every view, few enough to seed in seconds. */
export const DEMO_CONTRACT_QUOTA = { formal: 60, lost: 10, potential: 30 } as const;

/**
 * The customers that get demo contracts: the portal user's customer first, then the most important formal
 * customers, and a few lost and potential ones. The rest stay as imported profiles without contracts.
 */
async function pick(tx: Db, tenantId: number, list: DemoCustomerRow[]): Promise<DemoCustomerRow[]> {
  const [portal] = await tx.select({ customer_id: users.customer_id }).from(users).where(and(eq(users.tenant_id, tenantId), eq(users.username, 'customer@demo')));
  const byImportance = [...list].sort((a, b) => Number(b.id === portal?.customer_id) - Number(a.id === portal?.customer_id) || b.level - a.level || a.id - b.id);
  return [
    ...byImportance.filter((c) => c.status === 2).slice(0, DEMO_CONTRACT_QUOTA.formal),
    ...byImportance.filter((c) => c.status === 3).slice(0, DEMO_CONTRACT_QUOTA.lost),
    ...byImportance.filter((c) => c.status === 1).slice(0, DEMO_CONTRACT_QUOTA.potential),
  ].sort((a, b) => a.id - b.id);
}

/** Service records of the last six months: volume and urgency grow with the level; a few miss their targets. */
function ticketsFor(tenantId: number, customer: DemoCustomerRow, now: Date, random: () => number) {
  const count = 3 + customer.level * 3 + Math.floor(random() * 6);
  return Array.from({ length: count }, (_, i) => {
    const opened = new Date(now.getTime() - Math.floor(random() * 180 * 86_400_000) - 3_600_000);
    const roll = random();
    const priority: Priority = roll < 0.08 ? 'P1' : roll < 0.3 ? 'P2' : roll < 0.75 ? 'P3' : 'P4';
    const responseMinutes = Math.round(5 + random() * (priority === 'P1' ? 40 : 200));
    const resolved = random() < 0.9;
    const resolutionMinutes = Math.round(responseMinutes + random() * (priority === 'P1' ? 300 : 2_400));
    const firstResponse = new Date(opened.getTime() + responseMinutes * 60_000);
    const resolvedAt = resolved ? new Date(opened.getTime() + resolutionMinutes * 60_000) : null;
    return {
      tenant_id: tenantId,
      opened_at: opened,
      customer_id: customer.id,
      source: 'itsm',
      external_id: `DEMO-${customer.id}-${i + 1}`,
      ticket_no: `GD${String(customer.id).padStart(5, '0')}${String(i + 1).padStart(3, '0')}`,
      title: TICKET_TITLES[Math.floor(random() * TICKET_TITLES.length)]!,
      category: 'incident',
      priority,
      channel: ['portal', 'phone', 'email', 'wecom'][Math.floor(random() * 4)]!,
      status: resolved ? 'resolved' : 'in_progress',
      first_response_at: firstResponse.getTime() < now.getTime() ? firstResponse : null,
      resolved_at: resolvedAt && resolvedAt.getTime() < now.getTime() ? resolvedAt : null,
      satisfaction_rating: resolved && random() < 0.6 ? 3 + Math.floor(random() * 3) : null,
    };
  });
}

/**
 * Seeds contracts for a demo tenant inside the seed transaction (for the customers `pick` chooses): formal
 * customers get a contract in force
 * (some agreeing a tier, some left to the recommendation, some ending within 90 days, some auto-renewing,
 * important ones an expansion), lost customers an expired one, a third of potential customers a draft.
 * @returns how many contracts were written.
 */
export async function seedDemoContracts(tx: Db, tenantId: number, keyRing: KeyRing, settings: TenantSettings, now: Date): Promise<number> {
  const scope = systemScope(tx, tenantId, keyRing, settings, 'seed');
  const today = businessDate(now);
  const list = await pick(tx, tenantId, await customersOf(tx, tenantId));
  const records = list.filter((c) => c.status === 2).flatMap((c) => ticketsFor(tenantId, c, now, seededRandom(c.id * 7919)));
  for (let i = 0; i < records.length; i += 500) {
    const written = await tx.insert(serviceRecords).values(records.slice(i, i + 500)).returning({ id: serviceRecords.id, opened_at: serviceRecords.opened_at, source: serviceRecords.source, external_id: serviceRecords.external_id });
    // The ingest's idempotency key, so the ticket system pushing the same ticket updates it rather than adding one.
    await tx.insert(serviceRecordKeys).values(written.map((r) => ({ tenant_id: tenantId, source: r.source, external_id: r.external_id, record_id: r.id, opened_at: r.opened_at })));
  }

  // Who signs for the provider where a customer has no account manager: the demo's 张经理.
  const [signatory] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenant_id, tenantId), eq(users.username, 'manager@demo')));
  let written = 0;
  const contract = async (customer: DemoCustomerRow, fields: { start: string; months: number; kind?: 'new' | 'expansion'; tier?: string | null; autoRenew?: boolean; amount: number; services: string[] }) => {
    const end = addDays(addMonths(fields.start, fields.months), -1);
    const created = await createContract(scope, customer.id, {
      title: fields.kind === 'expansion' ? '扩容服务合同（安全运营）' : `${fields.start.slice(0, 4)} 年度 IT 运维服务合同`,
      kind: fields.kind ?? 'new',
      start_date: fields.start,
      end_date: end,
      signing_date: addDays(fields.start, -10) <= today ? addDays(fields.start, -10) : today,
      customer_signatory_id: customer.contact,
      staff_signatory_id: customer.manager ?? signatory?.id ?? null,
      owner_id: customer.manager,
      auto_renew: fields.autoRenew ?? false,
      notice_period_days: 30,
      amount: fields.amount.toFixed(2),
      currency: 'CNY',
      billing_cycle: 'yearly',
      covered_services: fields.services.map((code) => ({ service_code: code, quantity: 1 })),
      attachments: [{ name: '合同扫描件.pdf', content_type: 'application/pdf', size: 482_113 }],
      sla_tier_code: fields.tier ?? null,
    });
    written += 1;
    return created.id;
  };
  const advance = async (id: number, events: ('submit' | 'approve' | 'expire')[]) => {
    for (const event of events) {
      const [row] = await tx.select().from(contracts).where(eq(contracts.id, id));
      await applyTransition(scope, row!, event, {}, now);
    }
  };

  for (const customer of list) {
    const random = seededRandom(customer.id * 104_729);
    const level = Math.min(4, Math.max(1, customer.level));
    const [low, high] = AMOUNT_BY_LEVEL[level - 1]!;
    const amount = Math.round((low + random() * (high - low)) / 1000) * 1000;
    const services = [...(level >= 3 ? ['monitoring_7x24'] : []), ...(random() < 0.3 ? ['onsite_support'] : []), ...(level === 4 ? ['security_operations'] : [])];
    if (customer.status === 2) {
      // Started 1–11 months ago for a one-year term, so about a quarter end within the next 90 days.
      const start = addDays(today, -(30 + Math.floor(random() * 320)));
      const tier = random() < 0.6 ? TIER_BY_LEVEL[level - 1] : null;
      await advance(await contract(customer, { start, months: 12, tier, autoRenew: random() < 0.3, amount, services }), ['submit', 'approve']);
      if (level >= 3 && random() < 0.3) {
        const expansion = addDays(start, 60 + Math.floor(random() * 60));
        await advance(await contract(customer, { start: expansion, months: 6, kind: 'expansion', tier: 'elite', amount: Math.round(amount / 4), services: ['security_operations'] }), ['submit', 'approve']);
      }
    } else if (customer.status === 3) {
      const start = addDays(today, -(500 + Math.floor(random() * 200)));
      await advance(await contract(customer, { start, months: 12, amount, services }), ['submit', 'approve', 'expire']);
    } else if (random() < 0.33) {
      await contract(customer, { start: addDays(today, 15 + Math.floor(random() * 45)), months: 12, amount, services, tier: TIER_BY_LEVEL[level - 1] });
    }
  }
  return written;
}
