import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { runComplaintEscalations } from './complaints.jobs.ts';
import { complaintCustomer, step, submit } from './complaints-test-helpers.ts';

const t = useTestTenant(['admin']);
let adminId: number;
let manager: string;
let managerId: number;
let customerId: number;

const MINUTE = 60_000;
const run = (at: Date) => runComplaintEscalations({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, at);
const after = (date: Date, minutes: number) => new Date(date.getTime() + minutes * MINUTE);

beforeAll(async () => {
  adminId = await t.tenant.userIdOf(`admin@${t.tenant.code}`);
  managerId = await t.tenant.userIdOf(`chen.manager@${t.tenant.code}`);
  manager = await t.tenant.token('manager', { username: `chen.manager@${t.tenant.code}` });
  ({ customerId } = await complaintCustomer(t.ctx, t.as.admin, '合肥新科电子有限公司', { level: 2, assigned_manager_id: managerId }));
});

async function deadlinesOf(id: number) {
  const [row] = rawRows<{ ack: string; resolve: string }>(await t.ctx.handle.db.execute(sql`select acknowledge_due_at as ack, resolve_due_at as resolve from complaints where id = ${id}`));
  return { ack: new Date(row!.ack), resolve: new Date(row!.resolve) };
}

async function escalationsOf(id: number) {
  const rows = rawRows<{ deadline: string; level: number; level_name: string; notified_user_ids: unknown }>(
    await t.ctx.handle.db.execute(sql`select deadline, level, level_name, notified_user_ids from complaint_escalations where complaint_id = ${id} order by deadline, level`),
  );
  const [notes] = rawRows<{ n: string }>(await t.ctx.handle.db.execute(sql`select count(*) as n from notifications where kind = 'complaint.escalated' and entity_id = ${String(id)}`));
  const [level] = rawRows<{ level: number }>(await t.ctx.handle.db.execute(sql`select escalation_level as level from complaints where id = ${id}`));
  return { rows: rows.map((r) => `${r.deadline}:${r.level}:${r.level_name}`), notifications: Number(notes!.n), level: Number(level!.level) };
}

const newComplaint = (title = '网络中断无人处理', description = '整个办公室断网，报修后一直没人理。') => submit(t.ctx, t.as.admin, { customer_id: customerId, title, description });

describe('escalating a missed acknowledge deadline', () => {
  it('reaches the manager, then the director, then the executive, each exactly once', async () => {
    const complaint = await newComplaint();
    const { ack } = await deadlinesOf(complaint.id);

    await run(after(ack, -1));
    expect((await escalationsOf(complaint.id)).rows).toEqual([]);

    const first = await run(after(ack, 1));
    expect(first.escalations).toBe(1);
    expect(await escalationsOf(complaint.id)).toEqual({ rows: ['acknowledge:1:manager'], notifications: 1, level: 1 });
    const inbox = await t.get('/api/v1/notifications', { token: manager });
    expect(inbox.body.data.items.some((n) => n.kind === 'complaint.escalated' && n.entity_id === String(complaint.id))).toBe(true);

    await run(after(ack, 2));
    await run(after(ack, 59));
    expect((await escalationsOf(complaint.id)).rows).toEqual(['acknowledge:1:manager']);

    await run(after(ack, 61));
    expect(await escalationsOf(complaint.id)).toEqual({ rows: ['acknowledge:1:manager', 'acknowledge:2:director'], notifications: 2, level: 2 });

    await run(after(ack, 241));
    await run(after(ack, 300));
    expect(await escalationsOf(complaint.id)).toEqual({ rows: ['acknowledge:1:manager', 'acknowledge:2:director', 'acknowledge:3:executive'], notifications: 3, level: 3 });

    const detail = (await t.get(`/api/v1/complaints/${complaint.id}`, { as: 'admin' })).body.data;
    expect(detail.escalation_level).toBe(3);
    expect(detail.escalations.map((e: { level_name: string; notified_user_ids: number[] }) => [e.level_name, e.notified_user_ids])).toEqual([
      ['manager', [managerId]],
      ['director', [adminId]],
      ['executive', [adminId]],
    ]);
    expect(detail.events.filter((e: { event: string }) => e.event === 'escalated')).toHaveLength(3);
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    const seen = (await t.get(`/api/v1/complaints/${complaint.id}`, { token: portal })).body.data;
    expect(seen.escalations).toEqual([]);
    expect(seen.events.some((e: { event: string }) => e.event === 'escalated')).toBe(false);
    const [outbox] = rawRows<{ n: string }>(await t.ctx.handle.db.execute(sql`select count(*) as n from events where type = 'complaint.escalated' and entity_id = ${String(complaint.id)}`));
    expect(Number(outbox!.n)).toBe(3);
  });

  it('records every level once when concurrent runs race, even when levels are skipped over', async () => {
    const complaint = await newComplaint('备份失败没人管', '连续三天备份失败，工单一直没人受理。');
    const { ack } = await deadlinesOf(complaint.id);
    const late = after(ack, 500);
    const reports = await Promise.all([run(late), run(late), run(after(late, 1))]);
    expect(reports.reduce((sum, r) => sum + r.escalations, 0)).toBe(3);
    expect(await escalationsOf(complaint.id)).toEqual({ rows: ['acknowledge:1:manager', 'acknowledge:2:director', 'acknowledge:3:executive'], notifications: 3, level: 3 });
  });

  it('leaves a complaint acknowledged in time alone', async () => {
    const complaint = await newComplaint('发票开错', '发票金额开错了。');
    await step(t.ctx, manager, complaint.id, 'acknowledge', {});
    const { ack } = await deadlinesOf(complaint.id);
    await run(after(ack, 300));
    expect(await escalationsOf(complaint.id)).toEqual({ rows: [], notifications: 0, level: 0 });
  });
});

describe('nobody to tell', () => {
  it('falls back to the admins when the customer has no manager and the complaint is queued', async () => {
    const { customerId: unmanaged } = await complaintCustomer(t.ctx, t.as.admin, '芜湖小微商贸有限公司');
    const complaint = await submit(t.ctx, t.as.admin, { customer_id: unmanaged, title: '上门服务迟到', description: '工程师迟到两个小时。' });
    expect(complaint.queue).toBe('complaints');
    const { ack } = await deadlinesOf(complaint.id);
    await run(after(ack, 1));
    const detail = (await t.get(`/api/v1/complaints/${complaint.id}`, { as: 'admin' })).body.data;
    expect(detail.escalations.map((e: { level_name: string; notified_user_ids: number[] }) => [e.level_name, e.notified_user_ids])).toEqual([['manager', [adminId]]]);
  });
});

describe('escalating a missed resolve deadline', () => {
  it('escalates an unresolved complaint, but not a resolved one', async () => {
    const open = await newComplaint('门户报表导出失败', '门户报表导出一直报错。');
    await step(t.ctx, manager, open.id, 'acknowledge', {});
    const done = await newComplaint('门户登录慢', '门户登录要等一分钟。');
    await step(t.ctx, manager, done.id, 'acknowledge', {});
    await step(t.ctx, manager, done.id, 'investigation', { cause: '缓存失效' });
    await step(t.ctx, manager, done.id, 'resolution', { solution: '修复缓存', improvement_measures: '缓存命中率监控' });

    const { resolve } = await deadlinesOf(open.id);
    await run(after(resolve, 1));
    expect(await escalationsOf(open.id)).toEqual({ rows: ['resolve:1:manager'], notifications: 1, level: 1 });
    const { resolve: doneResolve } = await deadlinesOf(done.id);
    await run(after(doneResolve, 300));
    expect(await escalationsOf(done.id)).toEqual({ rows: [], notifications: 0, level: 0 });
    expect((await t.get('/api/v1/complaints?overdue=true', { as: 'admin' })).body.data.items.map((c: { id: number }) => c.id)).not.toContain(done.id);
  });
});

describe('a tenant chain', () => {
  it('notifies the people and levels the tenant configured', async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    const dutyId = await other.userIdOf(`duty@${other.code}`);
    const ceoId = await other.userIdOf(`ceo@${other.code}`);
    const { customerId: otherCustomer } = await complaintCustomer(t.ctx, otherAdmin, '厦门海湾旅游有限公司');
    const put = await t.request('PUT', '/api/v1/complaints/policy', {
      token: otherAdmin,
      headers: { 'If-Match': '*' },
      body: {
        chain: [
          { name: 'duty_manager', after_minutes: 0, notify: 'users', user_ids: [dutyId] },
          { name: 'ceo', after_minutes: 10, notify: 'users', user_ids: [ceoId] },
        ],
        deadlines: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { acknowledge_minutes: 15, resolve_minutes: 120 }])),
      },
    });
    expect(put.status).toBe(200);
    const complaint = await submit(t.ctx, otherAdmin, { customer_id: otherCustomer, title: '导游态度恶劣', description: '导游对游客大声呵斥，态度非常恶劣。' });
    const { ack } = await deadlinesOf(complaint.id);
    await run(after(ack, 5));
    await run(after(ack, 11));
    expect(await escalationsOf(complaint.id)).toEqual({ rows: ['acknowledge:1:duty_manager', 'acknowledge:2:ceo'], notifications: 2, level: 2 });
    const ceoInbox = await t.get('/api/v1/notifications', { token: await other.token('manager', { username: `ceo@${other.code}` }) });
    expect(ceoInbox.body.data.items.filter((n: { kind: string }) => n.kind === 'complaint.escalated')).toHaveLength(1);
  });
});
