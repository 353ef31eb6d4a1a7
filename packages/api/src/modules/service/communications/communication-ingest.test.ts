import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { createCustomer, newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let customerId: number;
let customerCode: string;
let contactId: number;

const push = (body: object, headers: Record<string, string> = {}) => t.request('POST', '/api/v1/integrations/emails', { headers: { 'X-Api-Key': apiKey, ...headers }, body });
const pushIm = (body: object) => t.request('POST', '/api/v1/integrations/messages', { headers: { 'X-Api-Key': apiKey }, body });
/** `call` always sends JSON; a raw message goes through the app directly. */
async function send(body: string, contentType: string, query = '') {
  const res = await t.ctx.app.request(`/api/v1/integrations/emails${query}`, { method: 'POST', headers: { 'X-Api-Key': apiKey, 'Content-Type': contentType }, body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}
const pushRaw = (raw: string, query = '') => send(raw, 'message/rfc822', query);
const count = async (table: 'communications' | 'communication_keys') =>
  Number(rawRows<{ n: string }>(await t.ctx.handle.db.execute(sql`select count(*)::text as n from ${sql.identifier(table)} where tenant_id = ${t.tenant.id}`))[0]!.n);

const mail = (overrides: object = {}) => ({
  message_id: '<Report-2026-05@mail.hdzl.cn>',
  from: { address: 'zhang@hdzl.cn', name: '张总' },
  to: [{ address: 'service@msp.example.com', name: '服务台' }],
  subject: '五月巡检报告确认',
  text: '巡检报告已收到，数据库备份策略需要调整。',
  sent_at: '2026-05-20T09:15:00+08:00',
  attachments: [{ filename: '巡检报告.pdf', content_type: 'application/pdf', size: 204800 }],
  ...overrides,
});

const rawMessage = (messageId: string, inReplyTo: string) =>
  [
    'From: =?UTF-8?B?5byg5oC7?= <zhang@hdzl.cn>',
    'To: Service Desk <service@msp.example.com>',
    'Cc: ops-lead@msp.example.com',
    'Subject: =?UTF-8?B?UmU6IOS6lOaciOW3oeajgOaKpeWRiuehruiupA==?=',
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${inReplyTo}`,
    `References: ${inReplyTo}`,
    'Date: Thu, 21 May 2026 10:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '备份策略改为每日全量，谢谢。',
    '--b1',
    'Content-Type: text/csv; name="backup.csv"',
    'Content-Disposition: attachment; filename="backup.csv"',
    '',
    'host,time',
    'db1,02:00',
    '--b1--',
    '',
  ].join('\r\n');

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('邮件网关');
  const created = await createCustomer(t, { customer_name: '华东智联科技有限公司', contacts: [{ contact_name: '张总', mobile: '13800138001', email: 'Zhang@HDZL.cn' }] }, { as: 'admin' });
  customerId = created.customer_id;
  customerCode = created.customer_code;
  contactId = created.contacts[0]!.id;
});

describe('e-mail ingest (JSON)', () => {
  let firstId: number;

  it('stores a new mail: customer from the sender contact, inbound, unknown recipient sealed', async () => {
    const res = await push(mail());
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(data.outcome).toBe('created');
    firstId = data.communication.id;
    expect(data.communication).toMatchObject({
      customer_id: customerId,
      kind: 'email',
      direction: 'inbound',
      subject: '五月巡检报告确认',
      source: 'email',
      external_id: 'report-2026-05@mail.hdzl.cn',
      thread_key: 'report-2026-05@mail.hdzl.cn',
      occurred_at: '2026-05-20 09:15:00',
    });
    expect(data.communication.details.attachments).toEqual([{ filename: '巡检报告.pdf', content_type: 'application/pdf', size: 204800 }]);
    expect(data.communication.participants[0]).toMatchObject({ role: 'from', contact_id: contactId, name: '张总' });
    // an API key holds no pii:read: masked in the answer, clear for staff who do
    expect(data.communication.participants[1]).toMatchObject({ role: 'to', contact_id: null, name: '服务台' });
    expect(data.communication.participants[1]!.address).not.toBe('service@msp.example.com');
    const seen = await t.get(`/api/v1/communications/${firstId}`, { as: 'admin' });
    expect(seen.body.data.participants[1]!.address).toBe('service@msp.example.com');
    const stored = rawRows<{ t: string }>(await t.ctx.handle.db.execute(sql`select participants::text || details::text as t from communications where tenant_id = ${t.tenant.id} and id = ${firstId}`));
    expect(stored[0]!.t).not.toContain('service@msp.example.com');
    expect(stored[0]!.t).not.toContain('zhang@hdzl.cn');
  });

  it('answers unchanged for the same Message-ID and content, writing nothing', async () => {
    const res = await push(mail({ message_id: 'report-2026-05@MAIL.hdzl.cn ' }));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ outcome: 'unchanged', communication: { id: firstId } });
    expect(await count('communications')).toBe(1);
    expect(await count('communication_keys')).toBe(1);
  });

  it('refuses the same Message-ID with different content (409), changing nothing', async () => {
    const res = await push(mail({ text: '被篡改的正文' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('communication.message_id_conflict');
    expect(await count('communications')).toBe(1);
    const stored = (await t.get(`/api/v1/communications/${firstId}`, { as: 'admin' })).body.data;
    expect(stored.body).toBe('巡检报告已收到，数据库备份策略需要调整。');
  });

  it('threads a raw RFC 822 reply under the message it answers', async () => {
    const res = await pushRaw(rawMessage('<reply-1@msp.example.com>', '<Report-2026-05@mail.hdzl.cn>'));
    expect(res.status).toBe(201);
    const reply = res.body.data.communication;
    expect(reply).toMatchObject({ subject: 'Re: 五月巡检报告确认', body: '备份策略改为每日全量，谢谢。', thread_key: 'report-2026-05@mail.hdzl.cn', customer_id: customerId, occurred_at: '2026-05-21 10:00:00' });
    expect(reply.details.attachments).toEqual([{ filename: 'backup.csv', content_type: 'text/csv', size: expect.any(Number) }]);
    expect(reply.participants.map((p: { role: string }) => p.role)).toEqual(['from', 'to', 'cc']);

    const again = await pushRaw(rawMessage('<reply-1@msp.example.com>', '<Report-2026-05@mail.hdzl.cn>'));
    expect(again.status).toBe(200);
    expect(again.body.data.outcome).toBe('unchanged');

    const thread = await t.get(`/api/v1/communications/${reply.id}/thread`, { as: 'admin' });
    expect(thread.body.data.items.map((i: { id: number }) => i.id)).toEqual([firstId, reply.id]);
  });

  it('takes the named customer, by code in the body or by id in the query for raw mail', async () => {
    const byCode = await push(mail({ message_id: 'named-1@x.cn', from: { address: 'nobody@unknown.cn' }, customer: { code: customerCode } }));
    expect(byCode.status).toBe(201);
    expect(byCode.body.data.communication).toMatchObject({ customer_id: customerId, direction: 'outbound' });
    const raw = rawMessage('<named-2@x.cn>', '<nothing@x.cn>').replace('zhang@hdzl.cn', 'stranger@unknown.cn');
    const byQuery = await pushRaw(raw, `?customer_id=${customerId}`);
    expect(byQuery.status).toBe(201);
    expect(byQuery.body.data.communication.thread_key).toBe('nothing@x.cn');
  });
});

describe('raw mail with NUL (the one route that cleans instead of refusing)', () => {
  const rawWith = (messageId: string, subject: string, date: string, body: string) =>
    ['From: =?UTF-8?B?5byg5oC7?= <zhang@hdzl.cn>', 'To: service@msp.example.com', `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: ${date}`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');

  it('stores the mail with NUL removed and lone surrogates replaced, in subject and body', async () => {
    const res = await pushRaw(rawWith('<nul-body@hdzl.cn>', '周报\u0000第\ud8009周', 'Mon, 02 Mar 2026 10:00:00 +0800', '正文\u0000含有空字符'));
    expect(res.status).toBe(201);
    const stored = await t.get(`/api/v1/communications/${res.body.data.communication.id}`, { as: 'admin' });
    expect(stored.body.data.subject).toBe('周报第\uFFFD9周');
    expect(stored.body.data.body).toContain('正文含有空字符');
  });

  it('counts a mail dated outside 1900–2999 as sent now', async () => {
    const res = await pushRaw(rawWith('<year-one@hdzl.cn>', '远古邮件', 'Mon, 01 Jan 1810 00:00:00 +0000', '内容'));
    expect(res.status).toBe(201);
    expect(res.body.data.communication.occurred_at.slice(0, 4)).toBe(String(new Date().getFullYear()));
  });
});

describe('e-mail ingest refusals (nothing written)', () => {
  it('answers 422 when no contact matches and no customer is named', async () => {
    const before = await count('communications');
    const res = await push(mail({ message_id: 'u1@x.cn', from: { address: 'nobody@unknown.cn' }, to: [{ address: 'also-nobody@unknown.cn' }] }));
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('communication.customer_unknown');
    const unknownCode = await push(mail({ message_id: 'u2@x.cn', customer: { code: 'NO-SUCH' } }));
    expect(unknownCode.body.error).toBe('communication.customer_unknown');
    expect(await count('communications')).toBe(before);
  });

  it('answers 409 when the addresses match contacts of several customers', async () => {
    await newCustomer(t, { customer_name: '西南数据服务有限公司', contacts: [{ contact_name: '王经理', email: 'wang@xinan.cn' }] }, { as: 'admin' });
    const before = await count('communications');
    const res = await push(mail({ message_id: 'amb@x.cn', cc: [{ address: 'wang@xinan.cn' }] }));
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('communication.customer_ambiguous');
    expect(await count('communications')).toBe(before);
  });

  it('refuses a missing Message-ID, an oversized text, too many attachments and an unparsable message', async () => {
    const before = await count('communications');
    const missing = await push(mail({ message_id: undefined }));
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe('communication.message_id_missing');
    const blank = await push(mail({ message_id: ' <> ' }));
    expect(blank.body.error).toBe('communication.message_id_missing');
    const big = await push(mail({ message_id: 'big@x.cn', text: '字'.repeat(100_001) }));
    expect(big.status).toBe(422);
    expect(big.body.error).toBe('communication.body_too_large');
    const many = await push(mail({ message_id: 'many@x.cn', attachments: Array.from({ length: 51 }, (_, i) => ({ filename: `${i}.txt`, content_type: 'text/plain', size: 1 })) }));
    expect(many.status).toBe(400);
    const rawNoId = await pushRaw(rawMessage('', '<x@x.cn>').replace('Message-ID: \r\n', ''));
    expect(rawNoId.status).toBe(422);
    expect(rawNoId.body.error).toBe('communication.message_id_missing');
    expect((await pushRaw('   ')).body.error).toBe('communication.mime_invalid');
    expect(await count('communications')).toBe(before);
  });

  it('refuses other content types (415) and callers without integration:write (403)', async () => {
    const text = await send('hello', 'text/plain');
    expect(text.status).toBe(415);
    const csm = await t.tenant.token('csm');
    expect((await t.post('/api/v1/integrations/emails', { token: csm, body: mail({ message_id: 'csm@x.cn' }) })).status).toBe(403);
  });
});

describe('instant-message ingest', () => {
  const message = (overrides: object = {}) => ({
    platform: 'wecom',
    message_id: 'wx-msg-0001',
    chat_id: 'chat-hdzl-ops',
    sender: { contact_mobile: '138-0013-8001', name: '张总' },
    sent_at: '2026-05-22T16:00:00+08:00',
    text: '今晚 22 点做数据库切换，请安排值守。',
    ...overrides,
  });

  it('stores a message once, matched by the mobile blind index, threaded by chat', async () => {
    const first = await pushIm(message());
    expect(first.status).toBe(201);
    expect(first.body.data.communication).toMatchObject({ kind: 'im', channel: 'wecom', direction: 'inbound', customer_id: customerId, thread_key: 'wecom:chat-hdzl-ops', source: 'wecom', external_id: 'wx-msg-0001' });
    expect(first.body.data.communication.participants[0]).toMatchObject({ role: 'from', contact_id: contactId });
    const before = await count('communications');
    const again = await pushIm(message());
    expect(again.status).toBe(200);
    expect(again.body.data.outcome).toBe('unchanged');
    expect(await count('communications')).toBe(before);
    const conflict = await pushIm(message({ text: '另一条内容' }));
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toBe('communication.message_id_conflict');
    // the same id on another platform is another message
    expect((await pushIm(message({ platform: 'dingtalk' }))).status).toBe(201);
  });

  it('keeps an unknown sender sealed when the customer is named, and refuses an oversized text', async () => {
    const res = await pushIm(message({ message_id: 'wx-msg-0002', sender: { contact_mobile: '13912345678', name: '值班员' }, customer: { id: customerId } }));
    expect(res.status).toBe(201);
    expect(res.body.data.communication).toMatchObject({ direction: 'outbound' });
    expect(res.body.data.communication.participants[0]).toMatchObject({ contact_id: null, name: '值班员', address: '139****5678' });
    const stored = rawRows<{ t: string }>(await t.ctx.handle.db.execute(sql`select participants::text as t from communications where tenant_id = ${t.tenant.id} and id = ${res.body.data.communication.id}`));
    expect(stored[0]!.t).not.toContain('13912345678');
    const thread = await t.get(`/api/v1/communications/${res.body.data.communication.id}/thread`, { as: 'admin' });
    expect(thread.body.data.items.map((i) => [i.external_id, i.thread_key])).toEqual([
      ['wx-msg-0001', 'wecom:chat-hdzl-ops'],
      ['wx-msg-0002', 'wecom:chat-hdzl-ops'],
    ]);
    const big = await pushIm(message({ message_id: 'wx-big', text: 'x'.repeat(100_001) }));
    expect(big.body.error).toBe('communication.body_too_large');
  });
});
