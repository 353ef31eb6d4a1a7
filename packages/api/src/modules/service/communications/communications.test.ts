import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { createCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin', 'support']);
let csm: string;
let csmId: number;
let customerId: number;
let contactId: number;
let otherContactId: number;

/** A customer with the given contacts, through the API. */
async function customerWith(token: string, name: string, contacts: NonNullable<Parameters<typeof createCustomer>[1]>['contacts']) {
  const created = await createCustomer(t, { customer_name: name, contacts }, { token });
  return { id: created.customer_id, code: created.customer_code, contactIds: created.contacts.map((c) => c.id) };
}

const log = (body: object, id = customerId, token = csm) => t.request('POST', `/api/v1/customers/${id}/communications`, { token, body });
const countRows = async () => rawRows<{ n: string }>(await t.ctx.handle.db.execute(sql`select count(*)::text as n from communications where tenant_id = ${t.tenant.id}`))[0]!.n;

beforeAll(async () => {
  csm = await t.tenant.token('csm', { username: 'csm-wang' });
  csmId = await t.tenant.userIdOf('csm-wang');
  const customer = await customerWith(t.as.admin, '华东智联科技有限公司', [
    { contact_name: '张总', mobile: '13800138001', email: 'zhang@hdzl.cn' },
    { contact_name: '李工', mobile: '13800138002' },
  ]);
  customerId = customer.id;
  [contactId] = customer.contactIds as [number];
  otherContactId = (await customerWith(t.as.admin, '西南数据服务有限公司', [{ contact_name: '王经理', mobile: '13900139000' }])).contactIds[0]!;
});

describe('logging communications', () => {
  it('logs a call with its contacts, duration and summary', async () => {
    const res = await log({ kind: 'call', direction: 'outbound', occurred_at: '2026-03-02T10:00:00+08:00', duration_seconds: 600, contact_ids: [contactId], subject: '续约沟通', summary: '客户希望明年扩容到 200 台服务器' });
    expect(res.status).toBe(201);
    const call1 = res.body.data;
    expect(call1).toMatchObject({ kind: 'call', channel: 'phone', direction: 'outbound', body: '客户希望明年扩容到 200 台服务器', occurred_at: '2026-03-02 10:00:00', ended_at: '2026-03-02 10:10:00', duration_seconds: 600, created_by: csmId });
    expect(call1.participants).toEqual([
      { role: 'caller', contact_id: null, user_id: csmId, name: 'csm-wang', address: null },
      { role: 'callee', contact_id: contactId, user_id: null, name: '张总', address: null },
    ]);
    const events = rawRows<{ type: string }>(await t.ctx.handle.db.execute(sql`select type from events where tenant_id = ${t.tenant.id} and entity_type = 'communication' and entity_id = ${String(call1.id)}`));
    expect(events.map((e) => e.type)).toEqual(['communication.logged']);
  });

  it('logs a meeting with attendees, agenda, minutes and decisions', async () => {
    const res = await log({
      kind: 'meeting',
      occurred_at: '2026-03-05T14:00:00+08:00',
      ended_at: '2026-03-05T15:30:00+08:00',
      location: '上海市浦东新区张江路 88 号 3 楼会议室',
      subject: '季度业务回顾（QBR）',
      attendees: { contact_ids: [contactId], user_ids: [csmId] },
      agenda: ['回顾 SLA 达成', '讨论续约'],
      minutes: '双方确认续约意向',
      decisions: ['下月提交报价'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data.details).toMatchObject({ location: '上海市浦东新区张江路 88 号 3 楼会议室', agenda: ['回顾 SLA 达成', '讨论续约'], minutes: '双方确认续约意向', decisions: ['下月提交报价'], action_items: [] });
    expect(res.body.data.participants.map((p: { role: string; name: string }) => [p.role, p.name])).toEqual([
      ['organizer', 'csm-wang'],
      ['attendee', '张总'],
    ]);
  });

  it('logs an e-mail: a contact by id, an address of the contact matched, an unknown address sealed', async () => {
    const res = await log({
      kind: 'email',
      direction: 'inbound',
      occurred_at: '2026-03-06T09:00:00+08:00',
      subject: '关于服务器巡检报告',
      body: '请查收附件中的巡检报告。',
      from: { address: 'Zhang@hdzl.cn' },
      to: [{ contact_id: contactId }],
      cc: [{ address: 'finance@hdzl.cn', name: '财务部' }],
    });
    expect(res.status).toBe(201);
    const [from, to, cc] = res.body.data.participants;
    expect(from).toMatchObject({ role: 'from', contact_id: contactId, address: null });
    expect(to).toMatchObject({ role: 'to', contact_id: contactId });
    // support lacks pii:read: masked; the csm holds it and sees it in clear
    expect(cc).toMatchObject({ role: 'cc', contact_id: null, name: '财务部', address: 'finance@hdzl.cn' });
    const masked = await t.get(`/api/v1/communications/${res.body.data.id}`, { as: 'support' });
    expect(masked.body.data.participants[2]!.address).not.toContain('finance@');
    expect(masked.body.data.participants[2]!.address).toContain('*');
    const stored = rawRows<{ participants: string }>(await t.ctx.handle.db.execute(sql`select participants::text as participants from communications where tenant_id = ${t.tenant.id} and id = ${res.body.data.id}`));
    expect(stored[0]!.participants).not.toContain('finance@hdzl.cn');
  });

  it('logs an instant message on WeCom', async () => {
    const res = await log({ kind: 'im', channel: 'wecom', direction: 'inbound', occurred_at: '2026-03-07T11:00:00+08:00', body: '机房空调告警已处理，谢谢', contact_ids: [contactId] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ kind: 'im', channel: 'wecom', direction: 'inbound' });
    expect(res.body.data.participants[1]).toMatchObject({ role: 'from', contact_id: contactId, name: '张总' });
  });
});

describe('refusing bad input, writing nothing', () => {
  it('refuses an end before the start (422)', async () => {
    const before = await countRows();
    const res = await log({ kind: 'meeting', occurred_at: '2026-03-05T14:00:00+08:00', ended_at: '2026-03-05T13:00:00+08:00', subject: '时间倒置' });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('communication.times_invalid');
    expect(await countRows()).toBe(before);
  });

  it('refuses a body over 100,000 characters (422)', async () => {
    const before = await countRows();
    const res = await log({ kind: 'call', direction: 'inbound', occurred_at: '2026-03-02T10:00:00+08:00', body: '长'.repeat(100_001) });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('communication.body_too_large');
    expect(await countRows()).toBe(before);
  });

  it('refuses a contact of another customer and a user of nobody (422)', async () => {
    const before = await countRows();
    const foreign = await log({ kind: 'call', direction: 'inbound', occurred_at: '2026-03-02T10:00:00+08:00', contact_ids: [otherContactId] });
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ error: 'communication.participant_invalid', details: { contact_ids: [otherContactId] } });
    const stranger = await log({ kind: 'meeting', occurred_at: '2026-03-05T14:00:00+08:00', subject: '会', attendees: { contact_ids: [], user_ids: [999_999] } });
    expect(stranger.status).toBe(422);
    expect(await countRows()).toBe(before);
  });

  it('answers 404 for an unknown customer and 400 for an unknown kind', async () => {
    expect((await log({ kind: 'call', direction: 'inbound', occurred_at: '2026-03-02T10:00:00+08:00' }, 999_999)).status).toBe(404);
    const bad = await log({ kind: 'fax', occurred_at: '2026-03-02T10:00:00+08:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('request.invalid');
  });
});

describe('listing', () => {
  let listCustomer: number;
  beforeAll(async () => {
    listCustomer = (await customerWith(t.as.admin, '北方云计算有限公司', [{ contact_name: '赵总', mobile: '13700137000' }])).id;
    for (let day = 1; day <= 5; day++) {
      await log({ kind: 'call', direction: 'outbound', occurred_at: `2026-04-0${day}T10:00:00+08:00`, subject: day === 3 ? '讨论扩容方案' : `例行回访 ${day}`, body: day === 4 ? '客户提到扩容需求' : '一切正常' }, listCustomer);
    }
    await log({ kind: 'im', channel: 'dingtalk', direction: 'inbound', occurred_at: '2026-04-02T12:00:00+08:00', body: '收到' }, listCustomer);
  });

  const list = (query: string) => t.get(`/api/v1/customers/${listCustomer}/communications${query}`, { token: csm });

  it('pages newest first with a keyset cursor', async () => {
    const first = await list('?limit=4');
    expect(first.status).toBe(200);
    expect(first.body.data.items.map((i: { occurred_at: string }) => i.occurred_at)).toEqual(['2026-04-05 10:00:00', '2026-04-04 10:00:00', '2026-04-03 10:00:00', '2026-04-02 12:00:00']);
    const second = await list(`?limit=4&cursor=${first.body.data.next_cursor}`);
    expect(second.body.data.items.map((i: { occurred_at: string }) => i.occurred_at)).toEqual(['2026-04-02 10:00:00', '2026-04-01 10:00:00']);
    expect(second.body.data.next_cursor).toBeNull();
  });

  it('filters by kind, period and words in the subject or body (Chinese)', async () => {
    expect((await list('?kind=im')).body.data.items).toHaveLength(1);
    expect((await list('?from=2026-04-02&to=2026-04-03')).body.data.items).toHaveLength(3);
    const found = (await list(`?q=${encodeURIComponent('扩容')}`)).body.data.items.map((i: { occurred_at: string }) => i.occurred_at);
    expect(found).toEqual(['2026-04-04 10:00:00', '2026-04-03 10:00:00']);
  });

  it('refuses a forged cursor', async () => {
    expect((await list('?cursor=bm90LWpzb24')).status).toBe(400);
  });
});

describe('isolation', () => {
  it('refuses portal users (403) on reads and writes', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.get(`/api/v1/customers/${customerId}/communications`, { token: portal })).status).toBe(403);
    expect((await log({ kind: 'call', direction: 'inbound', occurred_at: '2026-03-02T10:00:00+08:00' }, customerId, portal)).status).toBe(403);
  });

  it("answers 404 for another tenant's customer and communication", async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    const mine = await log({ kind: 'call', direction: 'inbound', occurred_at: '2026-03-02T10:00:00+08:00' });
    expect((await t.get(`/api/v1/communications/${mine.body.data.id}`, { token: otherAdmin })).status).toBe(404);
    expect((await t.get(`/api/v1/customers/${customerId}/communications`, { token: otherAdmin })).status).toBe(404);
    expect((await log({ kind: 'call', direction: 'inbound', occurred_at: '2026-03-02T10:00:00+08:00' }, customerId, otherAdmin)).status).toBe(404);
  });
});
