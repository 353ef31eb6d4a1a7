import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DatabaseHandle } from '../db/create-db.ts';
import { migrate } from '../db/migrate.ts';
import { rawRows } from '../db/raw-rows.ts';
import { customerContacts } from '../modules/customers/contacts/contacts.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { tenants } from '../platform/identity/tenants.schema.ts';
import { users } from '../platform/identity/users.schema.ts';
import { codeSequences } from '../platform/platform.schema.ts';
import { assessCompleteness } from '../modules/customers/customers/customer-completeness.ts';
import { normaliseCustomerName, pinyinKeys, websiteDomain } from '../modules/customers/customers/customer-name.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { blindIndexOf } from '../platform/crypto/field-crypto.ts';
import { createKeyRing, generateKey } from '../platform/crypto/key-ring.ts';
import { EMAIL_PATTERN, MOBILE_PATTERN, PHONE_PATTERN, WECHAT_PATTERN } from '../platform/crypto/pii.ts';
import { isUnifiedCreditCode } from './credit-code.ts';
import { shanghaiDay } from './customer-codes.ts';
import { opportunityWinProbability } from '../modules/sales/sales-pipeline/analytics.service.ts';
import { systemScope } from '../platform/system-scope.ts';
import { DEMO_CONTRACT_QUOTA } from './demo-contracts.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, type SeedResult } from './seed.ts';

const now = new Date('2026-03-15T04:00:00Z');
const ring = createKeyRing({ keys: `k1:${generateKey()}`, blindIndexKey: generateKey() });
let handle: DatabaseHandle;
let first: SeedResult;
let second: SeedResult;
let demoId: number;
let acmeId: number;

beforeAll(async () => {
  handle = await createDb({ kind: 'pglite' });
  await migrate(handle);
  first = await seedDemo(handle.db, ring, { now });
  second = await seedDemo(handle.db, ring, { now });
  demoId = first.tenants.find((t) => t.code === 'demo')!.id;
  acmeId = first.tenants.find((t) => t.code === 'acme')!.id;
}, 120_000);

afterAll(() => handle?.close());

const customersOf = (tenantId: number) => handle.db.select().from(customers).where(eq(customers.tenant_id, tenantId));
const contactsOf = (tenantId: number) =>
  handle.db.select().from(customerContacts).where(eq(customerContacts.tenant_id, tenantId));

describe('seedDemo', () => {
  it('seeds once: a second run finds tenant demo and writes nothing', async () => {
    expect(first.seeded).toBe(true);
    expect(second.seeded).toBe(false);
    expect(second.tenants.map((t) => t.code).sort()).toEqual(['acme', 'demo']);
    const [{ count }] = (await handle.db.select({ count: sql<number>`count(*)::int` }).from(tenants)) as [{ count: number }];
    expect(count).toBe(2);
  });

  it('creates every demo login with the demo password, and a portal user bound to a customer', async () => {
    const rows = await handle.db.select().from(users);
    expect(rows.map((u) => u.username)).toEqual(expect.arrayContaining([...DEMO_LOGINS]));
    const admin = rows.find((u) => u.username === 'admin@acme')!;
    expect(admin.tenant_id).toBe(acmeId);
    expect(await verifyPassword(DEMO_PASSWORD, admin.password_hash)).toBe(true);
    const portal = rows.find((u) => u.username === 'customer@demo')!;
    expect(portal.roles).toEqual(['customer']);
    const [customer] = await handle.db
      .select()
      .from(customers)
      .where(and(eq(customers.tenant_id, demoId), eq(customers.id, portal.customer_id!)));
    expect(customer?.customer_name).toBe('北京云启科技有限公司');
  });

  it('gives the demo tenant 200+ customers with 1–6 contacts and exactly one primary each', async () => {
    const rows = await customersOf(demoId);
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const contacts = await contactsOf(demoId);
    for (const c of rows) {
      const own = contacts.filter((x) => x.customer_id === c.id);
      expect(own.length, c.customer_name).toBeGreaterThanOrEqual(1);
      expect(own.length, c.customer_name).toBeLessThanOrEqual(6);
      expect(own.filter((x) => x.is_primary).length, c.customer_name).toBe(1);
    }
    expect((await customersOf(acmeId)).length).toBe(20);
  });

  it('fills computed columns as the API does', async () => {
    for (const c of await customersOf(demoId)) {
      expect(c.name_normalized).toBe(normaliseCustomerName(c.customer_name));
      expect(c.name_pinyin).toBe(pinyinKeys(c.customer_name));
      expect(c.website_domain).toBe(websiteDomain(c.website));
      expect(c.customer_code.slice(4, 12)).toBe(shanghaiDay(c.created_at));
      if (c.credit_code) expect(isUnifiedCreditCode(c.credit_code), c.credit_code).toBe(true);
      expect(c.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(c.created_at.getTime()).toBeGreaterThan(now.getTime() - 740 * 86_400_000);
    }
  });

  it('stores completeness as the API computes it: the portal customer complete, some others not', async () => {
    const contacts = await contactsOf(demoId);
    const rows = await customersOf(demoId);
    for (const c of rows) {
      const facts = contacts
        .filter((x) => x.customer_id === c.id)
        .map((x) => ({ ...x, reachable: Boolean(x.mobile_enc || x.phone_enc || x.email_enc) }));
      const expected = assessCompleteness({ ...c, contacts: facts });
      expect([c.completeness_score, c.completeness_missing], c.customer_name).toEqual([expected.score, expected.missing]);
    }
    expect(rows.find((c) => c.customer_name === '北京云启科技有限公司')?.completeness_score).toBe(100);
    expect(rows.filter((c) => c.completeness_missing.length > 0).length).toBeGreaterThan(20);
  });

  it('leaves code_sequences at the last customer code used on each day', async () => {
    for (const tenantId of [demoId, acmeId]) {
      const codes = (await customersOf(tenantId)).map((c) => c.customer_code);
      const lastByScope = new Map<string, number>();
      for (const code of codes) {
        const scope = code.slice(0, 12);
        lastByScope.set(scope, Math.max(lastByScope.get(scope) ?? 0, Number(code.slice(12))));
      }
      const sequences = await handle.db.select().from(codeSequences).where(eq(codeSequences.tenant_id, tenantId));
      // Contract numbers (HT…) have their own daily scope.
      expect(new Map(sequences.filter((s) => s.scope.startsWith('CUST')).map((s) => [s.scope, s.last_value]))).toEqual(lastByScope);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('stores contact channels encrypted, with blind indexes of the plaintext', async () => {
    const contacts = await contactsOf(demoId);
    const withMobile = contacts.filter((c) => c.mobile_enc);
    expect(withMobile.length).toBeGreaterThan(contacts.length / 2);
    for (const c of withMobile) {
      const mobile = ring.decrypt(c.mobile_enc!);
      expect(mobile).toMatch(MOBILE_PATTERN);
      expect(c.mobile_bidx).toBe(blindIndexOf(ring, 'mobile', mobile));
    }
    for (const c of contacts) {
      if (c.phone_enc) expect(ring.decrypt(c.phone_enc)).toMatch(PHONE_PATTERN);
      if (c.email_enc) expect(ring.decrypt(c.email_enc)).toMatch(EMAIL_PATTERN);
      if (c.wechat_enc) expect(ring.decrypt(c.wechat_enc)).toMatch(WECHAT_PATTERN);
    }
  });

  it('builds org charts, reporting lines and customer groups within one customer', async () => {
    const contacts = await contactsOf(demoId);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const reporting = contacts.filter((c) => c.reports_to_id !== null);
    expect(reporting.length).toBeGreaterThan(100);
    for (const c of reporting) expect(byId.get(c.reports_to_id!)?.customer_id).toBe(c.customer_id);
    const rows = await customersOf(demoId);
    const subsidiaries = rows.filter((c) => c.parent_customer_id !== null);
    expect(subsidiaries.length).toBeGreaterThanOrEqual(8);
  });

  it('leaves gaps and near-duplicates for completeness and duplicate checks to find', async () => {
    const rows = await customersOf(demoId);
    expect(rows.some((c) => c.industry === null)).toBe(true);
    expect(rows.some((c) => c.customer_type !== 3 && c.website === null)).toBe(true);
    const normalised = rows.map((c) => c.name_normalized);
    expect(normalised.length - new Set(normalised).size).toBeGreaterThanOrEqual(2);
    const contacts = await contactsOf(demoId);
    const withoutDecisionMaker = rows.filter((c) => !contacts.some((x) => x.customer_id === c.id && x.is_decision_maker));
    expect(withoutDecisionMaker.length).toBeGreaterThanOrEqual(3);
    const unreachable = rows.filter(
      (c) => !contacts.some((x) => x.customer_id === c.id && (x.mobile_enc || x.phone_enc || x.email_enc || x.wechat_enc)),
    );
    expect(unreachable.length).toBeGreaterThanOrEqual(3);
  });
});

describe('demo contracts', () => {
  const count = async (query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

  it('gives formal customers a contract in force bound to an SLA, lost customers an expired one, and service history', async () => {
    const formal = DEMO_CONTRACT_QUOTA.formal;
    const inForce = await count(sql`select count(distinct c.customer_id)::int as n from contracts c join customers k on k.tenant_id = c.tenant_id and k.id = c.customer_id where c.tenant_id = ${demoId} and c.state = 'active' and k.status = 2`);
    expect(inForce).toBe(formal);
    const portal = await count(sql`select count(*)::int as n from contracts c join users u on u.tenant_id = c.tenant_id and u.customer_id = c.customer_id where u.username = 'customer@demo' and c.state = 'active'`);
    expect(portal).toBeGreaterThanOrEqual(1);
    const unbound = await count(
      sql`select count(*)::int as n from contracts c where c.tenant_id = ${demoId} and c.state in ('active', 'expiring', 'expired') and not exists (select 1 from contract_sla_bindings b where b.tenant_id = c.tenant_id and b.contract_id = c.id)`,
    );
    expect(unbound).toBe(0);
    const expired = await count(sql`select count(*)::int as n from contracts c join customers k on k.tenant_id = c.tenant_id and k.id = c.customer_id where c.tenant_id = ${demoId} and c.state = 'expired' and k.status = 3`);
    expect(expired).toBe(DEMO_CONTRACT_QUOTA.lost);
    expect(await count(sql`select count(*)::int as n from contracts where tenant_id = ${demoId} and state = 'draft'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from contracts where tenant_id = ${demoId} and state = 'active' and end_date <= ${'2026-06-13'}`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from contract_sla_bindings where tenant_id = ${demoId} and basis = 'recommendation'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from service_records where tenant_id = ${demoId}`)).toBeGreaterThan(formal * 5);
    expect(await count(sql`select count(*)::int as n from contracts where tenant_id = ${acmeId}`)).toBe(0);
  });
});

describe('demo communications and complaints', () => {
  const count = async (query: ReturnType<typeof sql>) => rawRows<{ n: number }>(await handle.db.execute(query))[0]!.n;

  it('gives customers in force calls, a QBR whose action items are tasks, an e-mail thread and WeCom messages', async () => {
    const kinds = rawRows<{ kind: string; n: number }>(await handle.db.execute(sql`select kind, count(*)::int as n from communications where tenant_id = ${demoId} group by kind order by kind`));
    expect(kinds.map((k) => k.kind)).toEqual(['call', 'email', 'im', 'meeting']);
    const meetings = kinds.find((k) => k.kind === 'meeting')!.n;
    expect(await count(sql`select count(*)::int as n from tasks where tenant_id = ${demoId} and type = 'action_item' and communication_id is not null`)).toBe(meetings * 2);
    // Each reply joins the thread of the report it answers.
    expect(await count(sql`select count(distinct thread_key)::int as n from communications where tenant_id = ${demoId} and kind = 'email'`)).toBe(kinds.find((k) => k.kind === 'email')!.n / 2);
    expect(await count(sql`select count(*)::int as n from communications c join users u on u.tenant_id = c.tenant_id and u.customer_id = c.customer_id where u.username = 'customer@demo'`)).toBeGreaterThan(0);
  });

  it('has complaints at every step of the flow, one raised from a ticket and one closed with lessons learned', async () => {
    const statuses = rawRows<{ status: string }>(await handle.db.execute(sql`select distinct status from complaints where tenant_id = ${demoId} order by status`)).map((r) => r.status);
    expect(statuses).toEqual(['acknowledged', 'closed', 'investigating', 'open', 'resolved']);
    expect(await count(sql`select count(*)::int as n from complaints where tenant_id = ${demoId} and source = 'ticket'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from complaints where tenant_id = ${demoId} and status = 'closed' and lessons_learned is not null`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from complaint_events where tenant_id = ${demoId}`)).toBeGreaterThan(10);
  });
});

describe('demo health and risk', () => {
  const rows = async <T>(query: ReturnType<typeof sql>) => rawRows<T>(await handle.db.execute(query));

  it('scores every demo customer with the active demo churn model, some green, some red, with a trend', async () => {
    const [model] = await rows<{ id: number; active: boolean; source: string }>(sql`select id::int, active, trained_on->>'source' as source from churn_models where tenant_id = ${demoId}`);
    expect(model).toMatchObject({ active: true, source: 'generator' });
    const unscored = await rows<{ n: number }>(sql`select count(*)::int as n from customers c where c.tenant_id = ${demoId} and not exists (select 1 from health_scores h where h.tenant_id = c.tenant_id and h.customer_id = c.id)`);
    expect(unscored[0]!.n).toBe(0);
    const bands = await rows<{ band: string; n: number; model_version: string }>(sql`select band, model_version, count(*)::int as n from health_scores where tenant_id = ${demoId} group by band, model_version`);
    expect(new Set(bands.map((b) => b.band))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(new Set(bands.map((b) => b.model_version))).toEqual(new Set([`churn-${model!.id}`]));
    const days = await rows<{ n: number }>(sql`select count(distinct day)::int as n from health_score_history where tenant_id = ${demoId}`);
    expect(days[0]!.n).toBe(3);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from health_scores where tenant_id = ${acmeId}`))[0]!.n).toBe(0);
  });

  it('has invoices with payments and some overdue, six months of usage, availability and incidents', async () => {
    const [finance] = await rows<{ invoices: number; overdue: number; payments: number }>(sql`select
      (select count(*)::int from invoices where tenant_id = ${demoId}) as invoices,
      (select count(*)::int from invoices where tenant_id = ${demoId} and status in ('open', 'partially_paid') and due_on < '2026-03-15') as overdue,
      (select count(*)::int from payments where tenant_id = ${demoId}) as payments`);
    expect(finance!.invoices).toBeGreaterThan(500);
    expect(finance!.overdue).toBeGreaterThan(0);
    expect(finance!.payments).toBeGreaterThan(finance!.invoices / 2);
    // An invoice's paid amount is the sum of its payments, as the finance service derives it.
    const inconsistent = await rows<{ n: number }>(sql`select count(*)::int as n from invoices i where i.tenant_id = ${demoId} and i.paid_amount <> coalesce((select sum(p.amount) from payments p where p.tenant_id = i.tenant_id and p.invoice_id = i.id), 0)`);
    expect(inconsistent[0]!.n).toBe(0);
    const [usage] = await rows<{ first: string; customers: number }>(sql`select min(day)::text as first, count(distinct customer_id)::int as customers from usage_daily where tenant_id = ${demoId}`);
    expect(usage!.first <= '2025-09-20').toBe(true);
    expect(usage!.customers).toBeGreaterThan(50);
    const kinds = await rows<{ kind: string }>(sql`select distinct kind from ops_signals where tenant_id = ${demoId} order by kind`);
    expect(kinds.map((k) => k.kind)).toEqual(['availability', 'incident']);
  });

  it('opened risk alerts through the risk flow, each with its playbook task', async () => {
    const alerts = await rows<{ cause: string; task_id: number | null; red: boolean }>(sql`select a.cause, a.task_id, h.band = 'red' as red from risk_alerts a join health_scores h on h.tenant_id = a.tenant_id and h.customer_id = a.customer_id where a.tenant_id = ${demoId} and a.status = 'open'`);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.task_id !== null)).toBe(true);
    expect(alerts.some((a) => a.red)).toBe(true);
    expect(new Set(alerts.map((a) => a.cause))).toContain('band_drop');
  });
});

describe('demo surveys, segments and sales funnel', () => {
  const count = async (query: ReturnType<typeof sql>) => rawRows<{ n: number }>(await handle.db.execute(query))[0]!.n;

  it('has answered surveys with promoters and detractors, follow-ups, an improvement action and open links', async () => {
    const scores = rawRows<{ responses: number; promoters: number; detractors: number; themed: number }>(
      await handle.db.execute(sql`select count(*)::int as responses, count(*) filter (where nps >= 9)::int as promoters,
        count(*) filter (where nps <= 6)::int as detractors, count(*) filter (where cardinality(themes) > 0)::int as themed
        from survey_responses where tenant_id = ${demoId} and complete`),
    )[0]!;
    expect(scores.responses).toBeGreaterThanOrEqual(40);
    expect(scores.promoters).toBeGreaterThan(scores.detractors);
    expect(scores.detractors).toBeGreaterThan(0);
    expect(scores.themed).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from tasks where tenant_id = ${demoId} and type = 'care_call' and title like '满意度回访%'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from improvement_actions where tenant_id = ${demoId} and cardinality(response_ids) > 0`)).toBe(1);
    // The printed link is a live invitation; the portal user has one waiting in the portal.
    expect(first.surveyLink).toMatch(new RegExp(`^/survey/s${demoId}\\.[A-Za-z0-9_-]{43}$`));
    expect(second.surveyLink).toBeUndefined();
    const [portal] = await handle.db.select().from(users).where(eq(users.username, 'customer@demo'));
    expect(await count(sql`select count(*)::int as n from survey_invitations i join survey_campaigns c on c.tenant_id = i.tenant_id and c.id = i.campaign_id
      where i.tenant_id = ${demoId} and i.customer_id = ${portal!.customer_id} and c.channel = 'portal' and i.status = 'sent'`)).toBe(1);
  });

  it('has saved segments with members and a value tier for every customer', async () => {
    const segments = rawRows<{ name: string; member_count: number }>(await handle.db.execute(sql`select name, member_count from segments where tenant_id = ${demoId}`));
    expect(segments).toHaveLength(4);
    expect(segments.filter((s) => Number(s.member_count) > 0).length).toBeGreaterThanOrEqual(3);
    const customersCount = await count(sql`select count(*)::int as n from customers where tenant_id = ${demoId}`);
    expect(await count(sql`select count(*)::int as n from customer_value_tiers where tenant_id = ${demoId}`)).toBe(customersCount);
  });

  it('has leads in several statuses, two converted, and enough closed opportunities to learn the win probability', async () => {
    expect(await count(sql`select count(*)::int as n from leads where tenant_id = ${demoId} and status = 'converted'`)).toBe(2);
    const closed = rawRows<{ status: string; n: number }>(await handle.db.execute(sql`select status, count(*)::int as n from opportunities where tenant_id = ${demoId} group by status`));
    const by = Object.fromEntries(closed.map((r) => [r.status, Number(r.n)]));
    expect(by.won! + by.lost!).toBeGreaterThanOrEqual(20);
    expect(by.won).toBeGreaterThan(0);
    expect(by.lost).toBeGreaterThan(0);
    expect(await count(sql`select count(distinct stage_id)::int as n from opportunities where tenant_id = ${demoId} and status = 'open'`)).toBeGreaterThanOrEqual(3);
    expect(await count(sql`select count(*)::int as n from opportunities where tenant_id = ${demoId} and status = 'won' and contract_id is null`)).toBe(0);
    const [open] = rawRows<{ id: string }>(await handle.db.execute(sql`select id from opportunities where tenant_id = ${demoId} and status = 'open' limit 1`));
    const win = await handle.db.transaction((tx) => opportunityWinProbability(systemScope(tx as never, demoId, ring, { manager_data_scope: 'all' }, 'test'), Number(open!.id), now));
    expect(win).toMatchObject({ model: 'logistic_regression', training_size: by.won! + by.lost! });
    // Closed before they were created would break the velocity figures.
    expect(await count(sql`select count(*)::int as n from opportunities where tenant_id = ${demoId} and closed_at < created_at`)).toBe(0);
  });
});
