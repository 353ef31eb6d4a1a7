import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { complaints } from '../../service/complaints/complaints.schema.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';

const t = useTestTenant(['admin']);
let customerId: number;
let otherCustomerId: number;

/** Tickets through the ingest; 高级 7×24: P1 respond within 30 min, P3 resolve within a day. */
const tickets = [
  { id: 'T-1', priority: 'P1', title: '核心交换机端口告警', opened: '2026-03-02T10:00:00+08:00', responded: '2026-03-02T10:10:00+08:00', resolved: '2026-03-02T12:00:00+08:00', rating: 5 },
  { id: 'T-2', priority: 'P1', title: '数据库主库宕机', opened: '2026-03-05T22:00:00+08:00', responded: '2026-03-05T23:00:00+08:00', resolved: '2026-03-06T01:00:00+08:00', rating: 2 },
  { id: 'T-3', priority: 'P3', title: 'VPN 连接频繁断开', opened: '2026-03-12T09:00:00+08:00', responded: '2026-03-12T09:30:00+08:00', resolved: null, rating: null },
  { id: 'T-4', priority: 'P4', title: '新员工账号开通', opened: '2026-03-15T09:00:00+08:00', responded: '2026-03-15T09:05:00+08:00', resolved: '2026-03-15T10:00:00+08:00', rating: null },
];

/** Through the communications API. The meeting shares its instant with T-1 and the e-mail with T-3: the type breaks those ties. */
const talks = (contactId: number) => [
  { kind: 'meeting', subject: '季度服务回顾会议', minutes: '回顾一季度服务情况', occurred_at: '2026-03-02T10:00:00+08:00' },
  { kind: 'call', direction: 'inbound', contact_ids: [contactId], summary: '客户来电询问续约价格', occurred_at: '2026-03-08T15:00:00+08:00' },
  { kind: 'email', direction: 'inbound', subject: '关于 VPN 故障的说明 100%', body: '故障原因为运营商线路抖动', occurred_at: '2026-03-12T09:00:00+08:00', from: { contact_id: contactId }, to: [{ address: 'support@example.com' }] },
  { kind: 'im', channel: 'wecom', direction: 'inbound', body: '扩容需求沟通：计划下季度扩容两台服务器', occurred_at: '2026-03-20T11:00:00+08:00' },
];

/** Newest first; equal instants by type (communication before service_record). The complaints are filed last, now. */
const EXPECTED = [
  'complaint:账单金额有误',
  'complaint:工程师响应太慢',
  'contract_event:年度运维服务合同',
  'contract_event:年度运维服务合同',
  'communication:扩容需求沟通：计划下季度扩容两台服务器',
  'service_record:新员工账号开通',
  'communication:关于 VPN 故障的说明 100%',
  'service_record:VPN 连接频繁断开',
  'communication:客户来电询问续约价格',
  'service_record:数据库主库宕机',
  'communication:季度服务回顾会议',
  'service_record:核心交换机端口告警',
];

type Entry = { type: string; id: number; at: string; title: string; summary: string; status?: string; marks: Record<string, unknown>; detail: Record<string, unknown> };

async function talkAndComplain(forCustomer: number, contactId: number) {
  for (const body of talks(contactId)) {
    const res = await t.request('POST', `/api/v1/customers/${forCustomer}/communications`, { as: 'admin', body });
    if (res.status !== 201) throw new Error(res.text);
  }
  for (const title of ['工程师响应太慢', '账单金额有误']) {
    const res = await t.post('/api/v1/complaints', { as: 'admin', body: { customer_id: forCustomer, title, description: `${title}，报障后两小时无人联系，请尽快处理。`.repeat(12) } });
    if (res.status !== 201) throw new Error(res.text);
  }
  // The rating comes with the customer's confirmation at the end of the complaint flow; set it directly here.
  await t.ctx.handle.db
    .update(complaints)
    .set({ customer_satisfaction: 1 })
    .where(and(eq(complaints.tenant_id, t.tenant.id), eq(complaints.customer_id, forCustomer), eq(complaints.title, '工程师响应太慢')));
}

beforeAll(async () => {
  const apiKey = await t.tenant.integrationKey('工单系统');
  const made = await activeContract(t.ctx, t.as.admin, '时间线测试有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' });
  customerId = made.customerId;
  const other = await activeContract(t.ctx, t.as.admin, '时间线另一家公司', { start_date: '2026-01-01', end_date: '2026-12-31' });
  otherCustomerId = other.customerId;
  for (const ticket of tickets) {
    const res = await t.request('PUT', `/api/v1/integrations/tickets/itsm/${ticket.id}`, {
      headers: { 'X-Api-Key': apiKey },
      body: {
        customer: { id: customerId },
        title: ticket.title,
        description: `${ticket.title}，客户来电报障`,
        priority: ticket.priority,
        status: ticket.resolved ? 'resolved' : 'in_progress',
        opened_at: ticket.opened,
        first_response_at: ticket.responded,
        resolved_at: ticket.resolved,
        satisfaction_rating: ticket.rating,
      },
    });
    if (res.status !== 200) throw new Error(res.text);
  }
  await talkAndComplain(customerId, made.contactId);
  await talkAndComplain(otherCustomerId, other.contactId);
});

const timeline = (query = '', token = t.as.admin, id = customerId) => t.get(`/api/v1/customers/${id}/timeline${query}`, { token });
const labels = (res: { body: { data: { items: Entry[] } } }) => res.body.data.items.map((e) => `${e.type}:${e.title}`);

/** Every page from the first, following `next_cursor`. */
async function walk(query: string, limit: number, token = t.as.admin) {
  const seen: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await timeline(`?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`, token);
    expect(res.status).toBe(200);
    expect(res.body.data.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.data.items);
    cursor = res.body.data.next_cursor;
    pages++;
  } while (cursor && pages < 50);
  return seen;
}

describe('GET /api/v1/customers/{id}/timeline', () => {
  it('merges the four sources newest first, the type breaking ties, with what each entry is about', async () => {
    const res = await timeline();
    expect(res.status).toBe(200);
    expect(labels(res)).toEqual(EXPECTED);
    expect(res.body.data.next_cursor).toBeNull();
    expect(res.body.data.types).toEqual(['communication', 'complaint', 'contract_event', 'service_record']);
    const items: Entry[] = res.body.data.items;
    const byTitle = (title: string) => items.find((e) => e.title === title)!;

    expect(byTitle('数据库主库宕机')).toMatchObject({
      at: '2026-03-05T22:00:00+08:00',
      status: 'resolved',
      summary: '数据库主库宕机，客户来电报障',
      marks: { response_breached: true, resolution_breached: false, satisfaction_rating: 2, low_rating: true, priority: 'P1' },
      detail: { priority: 'P1' },
    });
    expect(byTitle('核心交换机端口告警').marks).toMatchObject({ response_breached: false, satisfaction_rating: 5, low_rating: false });
    expect(byTitle('VPN 连接频繁断开').marks).toMatchObject({ resolution_breached: true, satisfaction_rating: null });
    // A call without a subject is titled by its first words.
    expect(items[8]).toMatchObject({ type: 'communication', title: '客户来电询问续约价格', detail: { kind: 'call', channel: 'phone', direction: 'inbound' }, marks: {} });
    expect(items[4]).toMatchObject({ at: '2026-03-20T11:00:00+08:00', detail: { kind: 'im', channel: 'wecom' } });
    expect(byTitle('季度服务回顾会议')).toMatchObject({ summary: '回顾一季度服务情况', detail: { kind: 'meeting' } });
    const complaint = byTitle('工程师响应太慢');
    expect(complaint).toMatchObject({ status: 'open', marks: { satisfaction_rating: 1, low_rating: true }, detail: { complaint_no: expect.any(String), category: expect.any(String) } });
    expect(complaint.marks.priority).toMatch(/^P[1-4]$/);
    expect(['low', 'medium', 'high', 'critical']).toContain(complaint.marks.severity);
    expect(Array.from(complaint.summary)).toHaveLength(200);
    expect(complaint.summary.endsWith('…')).toBe(true);
    expect(byTitle('账单金额有误').marks).toMatchObject({ satisfaction_rating: null });
    const [approve, submit] = items.slice(2) as [Entry, Entry];
    expect(approve).toMatchObject({ status: 'active', detail: { event: 'approve', from_state: 'pending_approval', to_state: 'active' } });
    expect(submit.detail).toMatchObject({ event: 'submit', to_state: 'pending_approval' });
    expect(approve.detail.contract_no).toMatch(/\S+/);
    expect(approve.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('pages across sources without gaps or repeats, whatever the page size', async () => {
    const full: Entry[] = (await timeline('?limit=100')).body.data.items;
    for (const limit of [1, 2, 3, 5, 11]) {
      const seen = await walk('', limit);
      expect(seen.map((e) => `${e.type}:${e.id}`)).toEqual(full.map((e) => `${e.type}:${e.id}`));
    }
    const first = await timeline('?limit=12');
    expect(first.body.data.next_cursor).toBeNull();
    const filtered = await walk('&types=complaint,communication&from=2026-03-06', 2);
    expect(filtered.map((e) => `${e.type}:${e.title}`)).toEqual(EXPECTED.filter((l) => /^(complaint|communication):/.test(l) && !l.includes('季度服务回顾')));
    // Rows stamped by the database carry microseconds; a cursor between two of them neither skips nor repeats.
    expect((await walk('&types=complaint,contract_event', 1)).map((e) => e.title)).toEqual(EXPECTED.slice(0, 4).map((l) => l.split(':')[1]));
  });

  it('filters by type, period (dates or instants), breach and words', async () => {
    expect(labels(await timeline('?types=service_record,complaint'))).toEqual(EXPECTED.filter((l) => /^(service_record|complaint):/.test(l)));
    expect((await timeline('?types=complaint')).body.data.types).toEqual(['complaint']);
    // Dates are whole Beijing days, both included.
    expect(labels(await timeline('?from=2026-03-05&to=2026-03-12'))).toEqual(EXPECTED.slice(6, 10));
    // Instants: from included, to excluded (T-4 opened at 09:00 Beijing, 01:00 UTC).
    const instants = `?from=${encodeURIComponent('2026-03-12T09:00:00+08:00')}&to=${encodeURIComponent('2026-03-15T01:00:00Z')}`;
    expect(labels(await timeline(instants))).toEqual(EXPECTED.slice(6, 8));
    // Only service records can breach: T-2 answered late, T-3 unresolved long past its deadline.
    expect(labels(await timeline('?breached=true'))).toEqual(['service_record:VPN 连接频繁断开', 'service_record:数据库主库宕机']);
    expect(labels(await timeline('?breached=false'))).toEqual(EXPECTED);
    expect(labels(await timeline('?q=VPN'))).toEqual(['communication:关于 VPN 故障的说明 100%', 'service_record:VPN 连接频繁断开']);
    expect(labels(await timeline(`?q=${encodeURIComponent('100%')}`))).toEqual(['communication:关于 VPN 故障的说明 100%']);
    expect(labels(await timeline(`?q=${encodeURIComponent('运维服务')}`))).toEqual(EXPECTED.slice(2, 4));
    expect(labels(await timeline(`?q=${encodeURIComponent('账单')}&types=complaint`))).toEqual(['complaint:账单金额有误']);
  });

  it('shows communications to support and not to an analyst without communication:read', async () => {
    const support = await t.tenant.token('support');
    expect(labels(await timeline('', support))).toEqual(EXPECTED);
    const analyst = await t.tenant.token('analyst');
    const res = await timeline('', analyst);
    expect(res.status).toBe(200);
    expect(res.body.data.types).toEqual(['complaint', 'contract_event', 'service_record']);
    expect(labels(res)).toEqual(EXPECTED.filter((l) => !l.startsWith('communication:')));
    // Asking for them explicitly does not reveal them either.
    const asked = await timeline('?types=communication', analyst);
    expect(asked.body.data).toEqual({ items: [], next_cursor: null, types: [] });
  });

  it("shows a portal user their own customer's tickets, complaints and contract changes, not communications", async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    const res = await timeline('', portal);
    expect(res.status).toBe(200);
    expect(res.body.data.types).toEqual(['complaint', 'contract_event', 'service_record']);
    // The approval put the contract in force; the internal submission is not the customer's business.
    const expected = EXPECTED.filter((l) => !l.startsWith('communication:'));
    expected.splice(3, 1);
    expect(labels(res)).toEqual(expected);
    const items: Entry[] = res.body.data.items;
    expect(items[2]!.detail.event).toBe('approve');
    const complaint = items.find((e) => e.type === 'complaint')!;
    expect(complaint.marks.severity).toBeUndefined();
    expect(complaint.marks.priority).toMatch(/^P[1-4]$/);
    const walked = await walk('', 2, portal);
    expect(walked.map((e) => e.id)).toEqual(items.map((e) => e.id));
    expect((await timeline('', portal, otherCustomerId)).status).toBe(404);
  });

  it('answers 404 for a customer of another tenant or none, and 401 without a token', async () => {
    const other = await t.ctx.createTenant();
    const stranger = await other.token('admin');
    const res = await timeline('', stranger);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('customer.not_found');
    expect((await timeline('', t.as.admin, 987654321)).status).toBe(404);
    expect((await t.get(`/api/v1/customers/${customerId}/timeline`)).status).toBe(401);
  });

  it('refuses unknown types, a period ending before it starts and bad cursors with 422', async () => {
    const foreignCursor = Buffer.from(JSON.stringify(['2026-03-02T02:00:00.000000Z', 'invoice', 3])).toString('base64url');
    const millisecondCursor = Buffer.from(JSON.stringify(['2026-03-02T02:00:00.000Z', 'complaint', 3])).toString('base64url');
    const cases: [string, string][] = [
      ['?types=ticket', 'timeline.types_invalid'],
      ['?types=service_record,', 'timeline.types_invalid'],
      ['?types=', 'timeline.types_invalid'],
      ['?from=2026-03-12&to=2026-03-05', 'timeline.period_invalid'],
      [`?from=${encodeURIComponent('2026-03-12T10:00:00+08:00')}&to=2026-03-11`, 'timeline.period_invalid'],
      ['?from=2026-02-30', 'timeline.period_invalid'],
      ['?to=2026-03-12T10:00:00', 'timeline.period_invalid'],
      ['?from=yesterday', 'timeline.period_invalid'],
      ['?cursor=not-a-cursor', 'timeline.cursor_invalid'],
      [`?cursor=${foreignCursor}`, 'timeline.cursor_invalid'],
      [`?cursor=${millisecondCursor}`, 'timeline.cursor_invalid'],
    ];
    for (const [query, error] of cases) {
      const res = await timeline(query);
      expect({ query, status: res.status, error: res.body.error }).toEqual({ query, status: 422, error });
    }
    const english = await t.get(`/api/v1/customers/${customerId}/timeline?types=ticket`, { as: 'admin', headers: { 'Accept-Language': 'en' } });
    expect(english.body.message).toBe('Unknown timeline type');
    for (const query of ['?limit=0', '?limit=101', '?breached=maybe']) expect((await timeline(query)).status).toBe(400);
  });
});
