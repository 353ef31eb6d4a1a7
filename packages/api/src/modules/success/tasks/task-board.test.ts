import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { runTaskDueReminders } from './tasks.jobs.ts';

const t = useTestTenant(['admin']);
let csm: string;
let csmId: number;
let customerId: number;

type T = { id: number; title: string; position: number; status: string; version: number };
const create = (body: object, token = csm) => t.request('POST', '/api/v1/tasks', { token, body });
const get = (id: number, token = csm) => t.request('GET', `/api/v1/tasks/${id}`, { token });
const board = async (query: string, token = csm) => (await t.request('GET', `/api/v1/tasks?view=board&${query}`, { token })).body.data;
const etagOf = async (id: number) => (await get(id)).headers.get('etag')!;
const move = async (id: number, body: object, etag?: string, token = csm) => t.request('POST', `/api/v1/tasks/${id}/move`, { token, body, headers: { 'If-Match': etag ?? (await etagOf(id)) } });
const taskCount = async () => Number(rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from tasks where tenant_id = ${t.tenant.id}`))[0]!.n);
/** Three todo tasks of a fresh customer, in creation order. */
async function column(label: string): Promise<{ customer: number; ids: number[] }> {
  const { customerId: customer } = await customerWithContact(t.ctx, t.as.admin, `${label}科技有限公司`);
  const ids: number[] = [];
  for (const title of ['电话关怀', '准备报价', '高层拜访']) ids.push((await create({ title: `${label}${title}`, type: 'care_call', customer_id: customer, assignee_id: csmId })).body.data.id);
  return { customer, ids };
}

beforeAll(async () => {
  csm = await t.tenant.token('csm', { username: 'csm-wang' });
  csmId = await t.tenant.userIdOf('csm-wang');
  customerId = (await customerWithContact(t.ctx, t.as.admin, '岭南物流股份有限公司')).customerId;
});

describe('creating tasks', () => {
  it('creates a task at the end of todo with its checklist, names and a notice for the assignee', async () => {
    const res = await create({ title: '流失风险电话关怀', type: 'care_call', priority: 'high', assignee_id: csmId, customer_id: customerId, due_date: '2026-12-01', description: '健康度下降', checklist: ['了解原因', '记录诉求'] }, t.as.admin);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe(`"task-${res.body.data.id}-v1"`);
    expect(res.body.data).toMatchObject({
      status: 'todo',
      priority: 'high',
      checklist: [{ text: '了解原因', done: false }, { text: '记录诉求', done: false }],
      comment_count: 0,
      customer: { id: customerId, name: '岭南物流股份有限公司' },
      assignee: { id: csmId },
      risk_alert_id: null,
    });
    const second = await create({ title: '准备续约报价', type: 'renewal_preparation', checklist: [{ text: '核对用量', done: true }] });
    expect(second.body.data.position).toBeGreaterThan(res.body.data.position);
    expect(second.body.data.checklist).toEqual([{ text: '核对用量', done: true }]);
    const inbox = (await t.request('GET', '/api/v1/notifications', { token: csm })).body.data.items as { kind: string; entity_id: string }[];
    expect(inbox.some((n) => n.kind === 'task.assigned' && Number(n.entity_id) === res.body.data.id)).toBe(true);
  });

  it('refuses bad input (unknown type, long title, bad checklist, non-staff assignee, unknown link) and writes nothing', async () => {
    const before = await taskCount();
    expect((await create({ title: '任务', type: 'party' })).status).toBe(400);
    expect((await create({ title: 'x'.repeat(301), type: 'qbr' })).status).toBe(400);
    expect((await create({ title: '任务', type: 'qbr', checklist: [{ text: '' , done: false }] })).status).toBe(400);
    expect((await create({ title: '任务', type: 'qbr', assignee_id: 999999 })).body.error).toBe('task.assignee_invalid');
    const link = await create({ title: '任务', type: 'qbr', customer_id: customerId, contract_id: 999999 });
    expect([link.status, link.body.error]).toEqual([422, 'task.link_invalid']);
    expect((await create({ title: '任务', type: 'qbr', customer_id: 999999 })).status).toBe(404);
    expect(await taskCount()).toBe(before);
  });
});

describe('the board', () => {
  it('answers four columns by position with counts, done holding the completed', async () => {
    const { customer, ids } = await column('华东');
    const done = await move(ids[1]!, { status: 'done' });
    expect(done.body.data.completed_at).not.toBeNull();
    const data = await board(`customer_id=${customer}`);
    expect(Object.keys(data.columns)).toEqual(['todo', 'in_progress', 'blocked', 'done']);
    expect(data.columns.todo.map((t: T) => t.id)).toEqual([ids[0], ids[2]]);
    expect(data.columns.done.map((t: T) => t.id)).toEqual([ids[1]]);
    expect(data.counts).toEqual({ todo: 2, in_progress: 0, blocked: 0, done: 1 });
    expect(data.columns.todo[0]).toMatchObject({ assignee: { id: csmId }, customer: { id: customer, name: '华东科技有限公司' } });
    const mine = await board('assignee=me&type=care_call');
    expect(mine.columns.todo.every((t: { assignee_id: number }) => t.assignee_id === csmId)).toBe(true);
    const team = await board('assignee=team');
    expect(team.counts.todo).toBeGreaterThanOrEqual(mine.counts.todo);
    const searched = await board('q=华东高层');
    expect(searched.columns.todo.map((t: T) => t.id)).toEqual([ids[2]]);
  });

  it('moves a task between two neighbours, strictly between their positions, with a new ETag', async () => {
    const { customer, ids } = await column('华南');
    const [a, b, c] = ids as [number, number, number];
    const etag = await etagOf(c);
    const res = await move(c, { status: 'todo', before_id: a, after_id: b }, etag);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"task-${c}-v2"`);
    const todo = (await board(`customer_id=${customer}`)).columns.todo as T[];
    expect(todo.map((t) => t.id)).toEqual([a, c, b]);
    expect(todo[1]!.position).toBeGreaterThan(todo[0]!.position);
    expect(todo[1]!.position).toBeLessThan(todo[2]!.position);
    const stale = await move(c, { status: 'blocked' }, etag);
    expect(stale.status).toBe(412);
    expect((await get(c)).body.data).toMatchObject({ status: 'todo', version: 2 });
  });

  it('moves to the end of a column when no neighbour is given, and right after a lone neighbour', async () => {
    const { customer, ids } = await column('华北');
    const [a, b, c] = ids as [number, number, number];
    await move(a, { status: 'in_progress', before_id: null, after_id: null });
    await move(b, { status: 'in_progress' });
    await move(c, { status: 'in_progress', before_id: a });
    const progress = (await board(`customer_id=${customer}`)).columns.in_progress as T[];
    expect(progress.map((t) => t.id)).toEqual([a, c, b]);
    expect(progress.map((t) => t.status)).toEqual(['in_progress', 'in_progress', 'in_progress']);
  });

  it('renumbers the column when the gap is too small, keeping the order', async () => {
    const { customer, ids } = await column('西南');
    const [a, b, c] = ids as [number, number, number];
    await move(a, { status: 'blocked' });
    await move(b, { status: 'blocked' });
    await t.ctx.handle.db.execute(sql`update tasks set position = 5000.0000000001 where tenant_id = ${t.tenant.id} and id = ${b}`);
    await t.ctx.handle.db.execute(sql`update tasks set position = 5000 where tenant_id = ${t.tenant.id} and id = ${a}`);
    const res = await move(c, { status: 'blocked', before_id: a, after_id: b });
    expect(res.status).toBe(200);
    const blocked = (await board(`customer_id=${customer}`)).columns.blocked as T[];
    expect(blocked.map((t) => t.id)).toEqual([a, c, b]);
    expect(blocked[0]!.position).toBeLessThan(blocked[1]!.position);
    expect(blocked[1]!.position).toBeLessThan(blocked[2]!.position);
    expect(blocked[2]!.position - blocked[0]!.position).toBeGreaterThanOrEqual(1024);
  });

  it('refuses a neighbour that is not in the target column (409), an unknown status (400), and changes nothing', async () => {
    const { ids } = await column('西北');
    const [a, b] = ids as [number, number];
    const etag = await etagOf(a);
    const bad = await move(a, { status: 'done', before_id: b }, etag);
    expect([bad.status, bad.body.error]).toEqual([409, 'task.neighbour_invalid']);
    expect((await move(a, { status: 'archived' }, etag)).status).toBe(400);
    expect((await move(a, { status: 'todo', after_id: a }, etag)).status).toBe(409);
    expect((await move(a, { status: 'todo' }, '')).status).toBe(428);
    expect((await get(a)).body.data).toMatchObject({ status: 'todo', version: 1, completed_at: null });
  });

  it('filters overdue tasks: due before today and not done', async () => {
    const { customerId: customer } = await customerWithContact(t.ctx, t.as.admin, '东北重工集团');
    const late = (await create({ title: '逾期回访', type: 'care_call', customer_id: customer, due_date: '2020-01-01' })).body.data.id;
    const lateDone = (await create({ title: '已完成的逾期任务', type: 'care_call', customer_id: customer, due_date: '2020-01-02' })).body.data.id;
    await move(lateDone, { status: 'done' });
    await create({ title: '未来任务', type: 'care_call', customer_id: customer, due_date: '2099-01-01' });
    const list = await t.request('GET', `/api/v1/tasks?overdue=true&customer_id=${customer}`, { token: csm });
    expect(list.body.data.items.map((t: T) => t.id)).toEqual([late]);
    const data = await board(`overdue=true&customer_id=${customer}`);
    expect(data.counts).toEqual({ todo: 1, in_progress: 0, blocked: 0, done: 0 });
  });
});

describe('editing and commenting', () => {
  it('edits the checklist and description with If-Match', async () => {
    const created = await create({ title: '启动会', type: 'onboarding_step', checklist: ['确认接口人', '明确 SLA'] });
    const id = created.body.data.id;
    const res = await t.request('PATCH', `/api/v1/tasks/${id}`, {
      token: csm,
      body: { checklist: [{ text: '确认接口人', done: true }, { text: '明确 SLA', done: false }, { text: '约定沟通机制', done: false }], description: '客户方接口人：陈总' },
      headers: { 'If-Match': created.headers.get('etag')! },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ version: 2, description: '客户方接口人：陈总', checklist: [{ text: '确认接口人', done: true }, { text: '明确 SLA', done: false }, { text: '约定沟通机制', done: false }] });
    const bad = await t.request('PATCH', `/api/v1/tasks/${id}`, { token: csm, body: { checklist: [{ text: '无状态' }] }, headers: { 'If-Match': res.headers.get('etag')! } });
    expect(bad.status).toBe(400);
    expect((await get(id)).body.data.checklist).toHaveLength(3);
  });

  it('keeps comments oldest first with author names and counts them; refuses an over-long one', async () => {
    const id = (await create({ title: '高层拜访', type: 'risk_mitigation' })).body.data.id;
    const first = await t.request('POST', `/api/v1/tasks/${id}/comments`, { token: csm, body: { body: '已预约陈总下周二' } });
    expect(first.status).toBe(201);
    await t.request('POST', `/api/v1/tasks/${id}/comments`, { as: 'admin', body: { body: '请带上季度报告' } });
    const tooLong = await t.request('POST', `/api/v1/tasks/${id}/comments`, { token: csm, body: { body: '长'.repeat(5001) } });
    expect(tooLong.status).toBe(400);
    const list = await t.request('GET', `/api/v1/tasks/${id}/comments`, { token: csm });
    expect(list.body.data.map((c: { body: string }) => c.body)).toEqual(['已预约陈总下周二', '请带上季度报告']);
    expect(list.body.data[0]).toMatchObject({ author_id: csmId, task_id: id });
    expect(typeof list.body.data[0].author_name).toBe('string');
    expect((await get(id)).body.data.comment_count).toBe(2);
  });
});

describe('due reminders', () => {
  it('reminds the assignee of tasks due today or overdue once a day', async () => {
    const other = await t.tenant.token('csm', { username: 'csm-zhao' });
    const otherId = await t.tenant.userIdOf('csm-zhao');
    const today = (await create({ title: '今日回访', type: 'care_call', assignee_id: otherId, due_date: '2026-03-10' })).body.data.id;
    const late = (await create({ title: '逾期报价', type: 'renewal_preparation', assignee_id: otherId, due_date: '2026-03-01' })).body.data.id;
    await create({ title: '下周任务', type: 'qbr', assignee_id: otherId, due_date: '2026-03-17' });
    const done = (await create({ title: '已完成', type: 'qbr', assignee_id: otherId, due_date: '2026-03-01' })).body.data.id;
    await move(done, { status: 'done' });
    const at = new Date('2026-03-10T01:00:00Z');
    await runTaskDueReminders({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, at);
    await runTaskDueReminders({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, new Date('2026-03-10T09:00:00Z'));
    const dueNotices = async () =>
      ((await t.request('GET', '/api/v1/notifications', { token: other })).body.data.items as { kind: string; entity_id: string }[]).filter((n) => n.kind === 'task.due').map((n) => Number(n.entity_id));
    expect((await dueNotices()).sort()).toEqual([today, late].sort());
    await runTaskDueReminders({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, new Date('2026-03-11T01:00:00Z'));
    expect((await dueNotices()).sort()).toEqual([today, today, late, late].sort());
  });
});

describe('isolation', () => {
  it('refuses portal users (403)', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.request('GET', '/api/v1/tasks?view=board', { token: portal })).status).toBe(403);
    expect((await create({ title: '任务', type: 'qbr' }, portal)).status).toBe(403);
    const id = (await create({ title: '门户不可见', type: 'qbr' })).body.data.id;
    expect((await t.request('GET', `/api/v1/tasks/${id}/comments`, { token: portal })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/tasks/${id}/move`, { token: portal, body: { status: 'done' }, headers: { 'If-Match': '*' } })).status).toBe(403);
  });

  it("answers 404 for another tenant's task and shows it an empty board", async () => {
    const id = (await create({ title: '租户隔离', type: 'qbr' })).body.data.id;
    const otherAdmin = await (await t.ctx.createTenant()).token('admin');
    expect((await t.request('POST', `/api/v1/tasks/${id}/move`, { token: otherAdmin, body: { status: 'done' }, headers: { 'If-Match': '*' } })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/tasks/${id}/comments`, { token: otherAdmin, body: { body: '越权' } })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/tasks/${id}/comments`, { token: otherAdmin })).status).toBe(404);
    expect((await board('', otherAdmin)).counts).toEqual({ todo: 0, in_progress: 0, blocked: 0, done: 0 });
    expect((await get(id)).body.data.status).toBe('todo');
  });
});
