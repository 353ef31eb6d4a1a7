import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { describeAccessRules, newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant([]);
let csm: string;
let csmId: number;
let sales: string;
let salesId: number;
let customerId: number;
let taskIds: number[];

const task = (id: number, token = csm) => t.request('GET', `/api/v1/tasks/${id}`, { token });
const patch = (id: number, body: object, etag: string | null, token = csm) => t.request('PATCH', `/api/v1/tasks/${id}`, { token, body, headers: etag ? { 'If-Match': etag } : {} });

beforeAll(async () => {
  const admin = await t.tenant.token('admin');
  csm = await t.tenant.token('csm', { username: 'csm-liu' });
  csmId = await t.tenant.userIdOf('csm-liu');
  sales = await t.tenant.token('sales', { username: 'sales-he' });
  salesId = await t.tenant.userIdOf('sales-he');
  customerId = await newCustomer(t, { customer_name: '岭南物流股份有限公司', contacts: [{ contact_name: '陈总', mobile: '13500135000' }] }, { token: admin });
  const meeting = await t.request('POST', `/api/v1/customers/${customerId}/communications`, {
    token: csm,
    body: {
      kind: 'meeting',
      occurred_at: '2026-06-01T10:00:00+08:00',
      subject: '上线复盘',
      action_items: [
        { title: '更新应急预案', owner_user_id: csmId, due_date: '2026-06-10' },
        { title: '准备续约报价', owner_user_id: salesId },
        { title: '回访满意度', owner_user_id: csmId },
      ],
    },
  });
  taskIds = meeting.body.data.details.action_items.map((a: { task_id: number }) => a.task_id);
});

describe('listing tasks', () => {
  it('lists my tasks newest first, in keyset pages', async () => {
    const first = await t.request('GET', '/api/v1/tasks?assignee=me&limit=1', { token: csm });
    expect(first.status).toBe(200);
    expect(first.body.data.items.map((t: { id: number }) => t.id)).toEqual([taskIds[2]]);
    const second = await t.request('GET', `/api/v1/tasks?assignee=me&limit=1&cursor=${first.body.data.next_cursor}`, { token: csm });
    expect(second.body.data.items.map((t: { id: number }) => t.id)).toEqual([taskIds[0]]);
    expect(second.body.data.next_cursor).toBeNull();
    expect(second.body.data.items[0]).toMatchObject({ title: '更新应急预案', type: 'action_item', status: 'todo', due_date: '2026-06-10', customer_id: customerId, version: 1 });
  });

  it('filters by assignee id, customer and status', async () => {
    const bySales = await t.request('GET', `/api/v1/tasks?assignee=${salesId}&customer_id=${customerId}&status=todo`, { token: csm });
    expect(bySales.body.data.items.map((t: { title: string }) => t.title)).toEqual(['准备续约报价']);
    expect((await t.request('GET', '/api/v1/tasks?status=done', { token: csm })).body.data.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/tasks?customer_id=999999', { token: csm })).status).toBe(404);
  });
});

describe('changing a task', () => {
  it('needs If-Match, refuses a stale one (412) and completes with completed_at', async () => {
    const id = taskIds[0]!;
    const read = await task(id);
    const etag = read.headers.get('etag')!;
    expect(etag).toBe(`"task-${id}-v1"`);
    expect((await patch(id, { status: 'in_progress' }, null)).status).toBe(428);

    const started = await patch(id, { status: 'in_progress', priority: 'high' }, etag);
    expect(started.status).toBe(200);
    expect(started.body.data).toMatchObject({ status: 'in_progress', priority: 'high', version: 2, completed_at: null });

    const stale = await patch(id, { title: '覆盖' }, etag);
    expect(stale.status).toBe(412);
    expect((await task(id)).body.data.title).toBe('更新应急预案');

    const done = await patch(id, { status: 'done' }, started.headers.get('etag'));
    expect(done.body.data.status).toBe('done');
    expect(done.body.data.completed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const reopened = await patch(id, { status: 'todo' }, done.headers.get('etag'));
    expect(reopened.body.data.completed_at).toBeNull();
    const audits = rawRows<{ action: string }>(await t.ctx.handle.db.execute(sql`select action from audit_log where tenant_id = ${t.tenant.id} and entity_type = 'task' and entity_id = ${String(id)} order by id`));
    expect(audits.map((a) => a.action)).toEqual(['task.created', 'task.updated', 'task.updated', 'task.updated']);
  });

  it('reassigns to staff, notifying the new assignee, and refuses a non-staff assignee (422)', async () => {
    const id = taskIds[2]!;
    const etag = (await task(id)).headers.get('etag')!;
    const portalUser = await t.tenant.token('customer', { customer_id: customerId, username: 'portal-chen' });
    void portalUser;
    const portalId = await t.tenant.userIdOf('portal-chen');
    const refused = await patch(id, { assignee_id: portalId }, etag);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('task.assignee_invalid');
    const moved = await patch(id, { assignee_id: salesId, due_date: '2026-06-30' }, etag);
    expect(moved.body.data).toMatchObject({ assignee_id: salesId, due_date: '2026-06-30' });
    const inbox = (await t.request('GET', '/api/v1/notifications', { token: sales })).body.data.items as { kind: string; entity_id: string }[];
    expect(inbox.filter((n) => n.kind === 'task.assigned').map((n) => Number(n.entity_id)).sort()).toEqual([taskIds[1], id].sort());
  });

  it('refuses bad values (400)', async () => {
    const id = taskIds[1]!;
    const etag = (await task(id)).headers.get('etag')!;
    expect((await patch(id, { status: 'archived' }, etag)).status).toBe(400);
    expect((await patch(id, { due_date: '2026/06/30' }, etag)).status).toBe(400);
  });
});

describe('isolation', () => {
  it('refuses portal users (403)', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.request('GET', '/api/v1/tasks', { token: portal })).status).toBe(403);
    expect((await task(taskIds[0]!, portal)).status).toBe(403);
  });

  it("answers 404 for another tenant's task", async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    expect((await task(taskIds[0]!, otherAdmin)).status).toBe(404);
    expect((await patch(taskIds[0]!, { title: 'x' }, '*', otherAdmin)).status).toBe(404);
    expect((await t.request('GET', '/api/v1/tasks', { token: otherAdmin })).body.data.items).toEqual([]);
  });
});

const taskWriters = { allowed: 'csm', denied: ['analyst', 'auditor'] } as const;
describeAccessRules(t, [
  { name: 'list tasks', send: (token) => t.get('/api/v1/tasks', { token }), allowed: 'csm', denied: ['analyst'] },
  { name: 'read a task', send: (token, id) => t.get(`/api/v1/tasks/${id}`, { token }), record: () => taskIds[0]!, notFound: 'task.not_found', allowed: 'csm', denied: ['analyst'] },
  { name: "read a task's comments", send: (token, id) => t.get(`/api/v1/tasks/${id}/comments`, { token }), record: () => taskIds[0]!, notFound: 'task.not_found', allowed: 'csm', denied: ['analyst'] },
  { name: 'create a task', send: (token) => t.post('/api/v1/tasks', { token, body: { title: '越权任务', type: 'care_call', customer_id: customerId } }), ...taskWriters },
  { name: 'comment on a task', send: (token, id) => t.post(`/api/v1/tasks/${id}/comments`, { token, body: { body: '越权评论' } }), record: () => taskIds[0]!, notFound: 'task.not_found', ...taskWriters },
]);
