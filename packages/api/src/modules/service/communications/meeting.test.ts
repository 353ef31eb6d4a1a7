import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { newCustomerWithContact, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant([]);
let csm: string;
let csmId: number;
let liId: number;
let zhouId: number;
let customerId: number;
let contactId: number;
let meetingId: number;

const meetingPath = () => `/api/v1/communications/${meetingId}`;
const tasksOfMeeting = async () =>
  rawRows<{ id: number; title: string; assignee_id: number; due_date: string | null; source_key: string; type: string; customer_id: number }>(
    await t.ctx.handle.db.execute(sql`select id::int, title, assignee_id::int, due_date::text, source_key, type, customer_id::int from tasks where tenant_id = ${t.tenant.id} and communication_id = ${meetingId} order by id`),
  );
const inbox = async (token: string) => (await t.get('/api/v1/notifications', { token })).body.data.items as { kind: string; entity_id: string }[];

/** The value of an iCalendar property line (unfolded). */
const icsLines = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

beforeAll(async () => {
  const admin = await t.tenant.token('admin');
  csm = await t.tenant.token('csm', { username: 'csm-chen' });
  csmId = await t.tenant.userIdOf('csm-chen');
  const li = await t.tenant.token('support', { username: 'li.support' });
  liId = await t.tenant.userIdOf('li.support');
  await t.tenant.token('sales', { username: 'zhou.sales' });
  zhouId = await t.tenant.userIdOf('zhou.sales');
  void li;
  ({ customerId, contactId } = await newCustomerWithContact(t, { customer_name: '江南制造集团', contacts: [{ contact_name: '孙总', mobile: '13600136000', email: 'sun@jiangnan.cn' }] }, { token: admin }));
  const meeting = await t.post(`/api/v1/customers/${customerId}/communications`, {
    token: csm,
    body: {
      kind: 'meeting',
      occurred_at: '2026-05-10T09:30:00+08:00',
      ended_at: '2026-05-10T11:00:00+08:00',
      location: '杭州市西湖区文三路 100 号',
      subject: '年度服务规划会',
      attendees: { contact_ids: [contactId], user_ids: [liId] },
      agenda: ['回顾上年度故障', '确定巡检计划'],
      action_items: [
        { title: '整理故障复盘报告', owner_user_id: liId, due_date: '2026-05-17' },
        { title: '提交巡检计划', owner_user_id: zhouId },
      ],
    },
  });
  if (meeting.status !== 201) throw new Error(meeting.text);
  meetingId = meeting.body.data.id;
});

describe('action items become tasks', () => {
  it('creates one task per item for its owner, writes the task id back and notifies the owner', async () => {
    const tasks = await tasksOfMeeting();
    expect(tasks).toEqual([
      { id: expect.any(Number), title: '整理故障复盘报告', assignee_id: liId, due_date: '2026-05-17', source_key: `meeting:${meetingId}:item:1`, type: 'action_item', customer_id: customerId },
      { id: expect.any(Number), title: '提交巡检计划', assignee_id: zhouId, due_date: null, source_key: `meeting:${meetingId}:item:2`, type: 'action_item', customer_id: customerId },
    ]);
    const meeting = (await t.get(meetingPath(), { token: csm })).body.data;
    expect(meeting.details.action_items.map((a: { task_id: number }) => a.task_id)).toEqual(tasks.map((t) => t.id));
    const li = await t.tenant.token('support', { username: 'li.support' });
    expect((await inbox(li)).filter((n) => n.kind === 'task.assigned').map((n) => Number(n.entity_id))).toEqual([tasks[0]!.id]);
  });

  it('PATCH records minutes; saving the same items again creates no task, a new item creates one', async () => {
    const before = await tasksOfMeeting();
    const same = await t.patch(meetingPath(), {
      token: csm,
      body: {
        minutes: '客户同意 6 月起执行季度巡检。',
        decisions: ['季度巡检', '故障复盘每月一次'],
        action_items: [
          { title: '整理故障复盘报告', owner_user_id: liId, due_date: '2026-05-17' },
          { title: '提交巡检计划', owner_user_id: zhouId, task_id: before[1]!.id },
        ],
      },
    });
    expect(same.status).toBe(200);
    expect(same.body.data.details).toMatchObject({ minutes: '客户同意 6 月起执行季度巡检。', decisions: ['季度巡检', '故障复盘每月一次'] });
    expect(await tasksOfMeeting()).toEqual(before);

    const more = await t.patch(meetingPath(), {
      token: csm,
      body: { action_items: [...same.body.data.details.action_items.map((a: object) => ({ ...a, due_date: undefined })), { title: '安排现场巡检', owner_user_id: csmId, due_date: '2026-06-01' }] },
    });
    expect(more.status).toBe(200);
    const after = await tasksOfMeeting();
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ title: '安排现场巡检', assignee_id: csmId, source_key: `meeting:${meetingId}:item:3` });
    expect(more.body.data.details.action_items.map((a: { task_id: number }) => a.task_id)).toEqual(after.map((t) => t.id));
  });

  it('refuses a task id that is not of this meeting, an owner who is not staff, and a bad end (422, nothing changed)', async () => {
    const before = (await t.get(meetingPath(), { token: csm })).body.data;
    const foreign = await t.patch(meetingPath(), { token: csm, body: { action_items: [{ title: 'x', owner_user_id: liId, task_id: 999_999 }] } });
    expect(foreign.body.error).toBe('communication.action_item_invalid');
    const stranger = await t.patch(meetingPath(), { token: csm, body: { minutes: '改', action_items: [{ title: 'x', owner_user_id: 999_999 }] } });
    expect(stranger.status).toBe(422);
    const early = await t.patch(meetingPath(), { token: csm, body: { ended_at: '2026-05-10T08:00:00+08:00' } });
    expect(early.body.error).toBe('communication.times_invalid');
    expect((await t.get(meetingPath(), { token: csm })).body.data).toEqual(before);
  });

  it('refuses PATCH on a communication that is not a meeting', async () => {
    const phone = await t.post(`/api/v1/customers/${customerId}/communications`, { token: csm, body: { kind: 'call', direction: 'inbound', occurred_at: '2026-05-11T10:00:00+08:00' } });
    const res = await t.patch(`/api/v1/communications/${phone.body.data.id}`, { token: csm, body: { minutes: '无' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('communication.not_meeting');
    expect((await t.get(`/api/v1/communications/${phone.body.data.id}/invitation.ics`, { token: csm })).status).toBe(422);
  });
});

describe('the invitation (.ics)', () => {
  it('is a VEVENT with a stable UID, times, place, agenda, organizer and named attendees', async () => {
    const res = await t.get(`${meetingPath()}/invitation.ics`, { token: csm });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const lines = icsLines(res.text);
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain(`UID:meeting-${t.tenant.id}-${meetingId}@crm`);
    expect(lines).toContain('DTSTART:20260510T013000Z');
    expect(lines).toContain('DTEND:20260510T030000Z');
    expect(lines.find((l) => l.startsWith('LOCATION:'))).toContain('文三路 100 号');
    expect(lines.find((l) => l.startsWith('SUMMARY:'))).toBe('SUMMARY:年度服务规划会');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('确定巡检计划');
    expect(lines.find((l) => l.startsWith('ORGANIZER'))).toContain('CN="csm-chen"');
    const attendees = lines.filter((l) => l.startsWith('ATTENDEE'));
    expect(attendees).toHaveLength(2);
    // the csm holds pii:read: the contact's real address
    expect(attendees.find((l) => l.includes('CN="孙总"'))).toContain('MAILTO:sun@jiangnan.cn');
    expect(attendees.find((l) => l.includes('CN="li.support"'))).toContain(`MAILTO:user-${liId}@crm.invalid`);
  });

  it('hides contact addresses from callers without pii:read', async () => {
    const support = await t.tenant.token('support', { username: 'li.support' });
    const res = await t.get(`${meetingPath()}/invitation.ics`, { token: support });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('sun@jiangnan.cn');
    expect(icsLines(res.text).find((l) => l.includes('CN="孙总"'))).toContain(`MAILTO:contact-${contactId}@crm.invalid`);
  });

  it('is refused to portal users (403)', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.get(`${meetingPath()}/invitation.ics`, { token: portal })).status).toBe(403);
    expect((await t.patch(meetingPath(), { token: portal, body: { minutes: 'x' } })).status).toBe(403);
  });
});

describe('the audit trail', () => {
  it('records the meeting, its tasks and its changes in a chain that verifies', async () => {
    const admin = await t.tenant.token('admin');
    const actions = rawRows<{ action: string }>(await t.ctx.handle.db.execute(sql`select distinct action from audit_log where tenant_id = ${t.tenant.id}`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['communication.created', 'communication.updated', 'task.created', 'pii.read']));
    const verify = await t.get('/api/v1/audit-log/verify', { token: admin });
    expect(verify.body.data.valid).toBe(true);
  });
});
