import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { withTenant } from '../../../db/tenant-tx.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { systemScope } from '../../../platform/system-scope.ts';
import { findServiceRecord } from '../service-records/service-record-lookup.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { complaintCustomer, step, submit } from './complaints-test-helpers.ts';

const t = useTestTenant(['admin', 'support']);
let manager: string;
let managerId: number;
let vipId: number;
let vipContactId: number;
let plainId: number;

beforeAll(async () => {
  managerId = await t.tenant.userIdOf(`li.manager@${t.tenant.code}`);
  manager = await t.tenant.token('manager', { username: `li.manager@${t.tenant.code}` });
  ({ customerId: vipId, contactId: vipContactId } = await complaintCustomer(t.ctx, t.as.admin, '华东精密制造股份有限公司', { level: 4, assigned_manager_id: managerId }));
  ({ customerId: plainId } = await complaintCustomer(t.ctx, t.as.admin, '江南小商品贸易有限公司', { level: 1 }));
});

const detail = async (id: number, token = t.as.admin) => (await t.get(`/api/v1/complaints/${id}`, { token })).body.data;

describe('the seven steps, by staff', () => {
  it('submits, classifies, assigns, investigates, resolves, confirms and closes', async () => {
    const before = Date.now();
    const complaint = await submit(t.ctx, t.as.support, {
      customer_id: vipId,
      contact_id: vipContactId,
      title: '核心业务系统宕机两小时无人响应',
      description: '今天上午九点起核心业务系统全部中断，报修电话两小时无人回复，严重影响全公司生产。',
    });
    // 1. numbered per tenant and month
    expect(complaint.complaint_no).toMatch(/^CP-\d{6}-\d{6}$/);
    expect(complaint.source).toBe('staff');
    expect(complaint.status).toBe('open');
    // 2. classified, with confidence and driving words
    expect(complaint.classification.category.confidence).toBeGreaterThan(0);
    expect(complaint.classification.drivers.length).toBeGreaterThan(0);
    expect(complaint.classification.language).toBe('zh');
    expect(complaint.severity).toBe('critical');
    expect(complaint.priority).toBe('P1');
    // 3. assigned to the customer's manager, deadlines from the default policy (P1: 30 min / 24 h)
    expect(complaint.assignee_id).toBe(managerId);
    expect(complaint.queue).toBeNull();
    const [row] = rawRows<{ ack: string; resolve: string; created: string }>(
      await t.ctx.handle.db.execute(sql`select extract(epoch from acknowledge_due_at - created_at) as ack, extract(epoch from resolve_due_at - created_at) as resolve, created_at as created from complaints where id = ${complaint.id}`),
    );
    expect(Number(row!.ack)).toBe(30 * 60);
    expect(Number(row!.resolve)).toBe(24 * 3600);
    expect(new Date(row!.created).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const inbox = await t.get('/api/v1/notifications', { token: manager });
    expect(inbox.body.data.items.map((n: { kind: string }) => n.kind)).toContain('complaint.assigned');

    const ack = await step(t.ctx, manager, complaint.id, 'acknowledge', { note: '已受理，工程师已出发' });
    expect(ack.status).toBe(200);
    expect(ack.body.data.status).toBe('acknowledged');
    expect(ack.body.data.acknowledged_at).not.toBeNull();
    expect(ack.headers.get('ETag')).toBe(`"complaint-${complaint.id}-v${ack.body.data.version}"`);

    // 4. investigate, with notes
    const inv = await step(t.ctx, manager, complaint.id, 'investigation', { cause: '核心交换机固件缺陷导致环路', impact_scope: '总部全部办公区', note: '已联系厂商' });
    expect(inv.body.data).toMatchObject({ status: 'investigating', cause: '核心交换机固件缺陷导致环路', impact_scope: '总部全部办公区' });
    expect((await step(t.ctx, manager, complaint.id, 'notes', { note: '客户要求每日下午同步进展' })).status).toBe(200);

    // 5. solution and measures
    const res = await step(t.ctx, manager, complaint.id, 'resolution', { solution: '升级交换机固件并启用环路保护', improvement_measures: '每季度核查固件版本；报修电话 15 分钟内回复' });
    expect(res.body.data).toMatchObject({ status: 'resolved', customer_confirmation: null });
    expect(res.body.data.resolved_at).not.toBeNull();
    expect(res.body.data.allowed_actions).toEqual(['assign', 'note', 'confirm', 'reject', 'reclassify']);

    // 6. the customer's answer, recorded by staff on their behalf
    const confirm = await step(t.ctx, manager, complaint.id, 'confirmation', { accepted: true, feedback: '问题已解决', satisfaction: 4 });
    expect(confirm.body.data).toMatchObject({ customer_confirmation: 'accepted', customer_satisfaction: 4, customer_feedback: '问题已解决' });

    // 7. close with the lessons learned
    const closed = await step(t.ctx, manager, complaint.id, 'close', { lessons_learned: '固件基线纳入季度巡检清单，报修电话无人接听自动转值班经理' });
    expect(closed.status).toBe(200);
    expect(closed.body.data.status).toBe('closed');
    expect(closed.body.data.closed_at).not.toBeNull();
    expect(closed.body.data.allowed_actions).toEqual(['reclassify']);

    const full = await detail(complaint.id);
    expect(full.events.map((e: { event: string }) => e.event)).toEqual(['submitted', 'classified', 'assigned', 'acknowledged', 'investigated', 'note', 'resolved', 'confirmed', 'closed']);
    expect(full.events.find((e: { event: string }) => e.event === 'acknowledged')).toMatchObject({ from_status: 'open', to_status: 'acknowledged', actor_id: managerId, note: '已受理，工程师已出发' });
    expect(full.overdue).toEqual([]);

    const audited = rawRows<{ action: string }>(await t.ctx.handle.db.execute(sql`select action from audit_log where tenant_id = ${t.tenant.id} and entity_type = 'complaint' and entity_id = ${String(complaint.id)} order by id`));
    expect(audited.map((a) => a.action)).toEqual(['complaint.submitted', 'complaint.acknowledged', 'complaint.investigated', 'complaint.note', 'complaint.resolved', 'complaint.confirmed', 'complaint.closed']);
    const outbox = rawRows<{ type: string }>(await t.ctx.handle.db.execute(sql`select type from events where tenant_id = ${t.tenant.id} and entity_type = 'complaint' and entity_id = ${String(complaint.id)} order by id`));
    expect(outbox.map((e) => e.type)).toEqual(expect.arrayContaining(['complaint.submitted', 'complaint.closed']));
  });

  it('numbers complaints one after the other', async () => {
    const a = await submit(t.ctx, t.as.support, { customer_id: plainId, title: '发票金额开错', description: '上月发票多开了两千元，请核对账单。' });
    const b = await submit(t.ctx, t.as.support, { customer_id: plainId, title: '发票抬头错误', description: '发票抬头写错了公司名称。' });
    const seq = (no: string) => Number(no.slice(-6));
    expect(b.complaint_no.slice(0, 10)).toBe(a.complaint_no.slice(0, 10));
    expect(seq(b.complaint_no)).toBe(seq(a.complaint_no) + 1);
  });
});

describe('priority, assignment and the queue', () => {
  it('queues a complaint of a customer without a manager; whoever acknowledges takes it', async () => {
    const complaint = await submit(t.ctx, t.as.support, { customer_id: plainId, title: '工程师态度不好', description: '工程师上门时很不耐烦，还挂了我们的电话。' });
    expect(complaint).toMatchObject({ assignee_id: null, queue: 'complaints', category: 'attitude' });
    // A normal customer: one band lower than the same severity for a strategic one.
    expect(['P2', 'P3', 'P4']).toContain(complaint.priority);
    const ack = await step(t.ctx, t.as.support, complaint.id, 'acknowledge', {});
    const supportId = await t.tenant.userIdOf(`support@${t.tenant.code}`);
    expect(ack.body.data).toMatchObject({ status: 'acknowledged', assignee_id: supportId, queue: null });
    const queued = await t.get('/api/v1/complaints?assignee=me', { as: 'support' });
    expect(queued.body.data.items.map((c: { id: number }) => c.id)).toContain(complaint.id);
  });

  it('reassigns to another member of staff, who is notified', async () => {
    const complaint = await submit(t.ctx, t.as.support, { customer_id: vipId, title: '巡检报告敷衍', description: '本季度巡检报告内容敷衍，走过场。' });
    const otherId = await t.tenant.userIdOf(`zhao.csm@${t.tenant.code}`);
    const other = await t.tenant.token('csm', { username: `zhao.csm@${t.tenant.code}` });
    const res = await step(t.ctx, manager, complaint.id, 'assign', { assignee_id: otherId, note: '转交客户成功经理' });
    expect(res.status).toBe(200);
    expect(res.body.data.assignee_id).toBe(otherId);
    const inbox = await t.get('/api/v1/notifications', { token: other });
    expect(inbox.body.data.items.some((n) => n.kind === 'complaint.assigned' && n.entity_id === String(complaint.id))).toBe(true);
  });

  it('classifies an English complaint too', async () => {
    const complaint = await submit(t.ctx, t.as.support, { customer_id: plainId, title: 'We were overcharged on the invoice', description: 'The March invoice bills us twice for the same service. Please refund the difference.' });
    expect(complaint.classification.language).toBe('en');
    expect(complaint.category).toBe('billing');
    expect(complaint.classification.category.confidence).toBeGreaterThan(0);
  });
});

describe('portal users', () => {
  it('submit for their own customer, follow without internals, and confirm', async () => {
    const portal = await t.tenant.token('customer', { customer_id: vipId });
    const complaint = await submit(t.ctx, portal, { title: '报修响应太慢', description: '报修后等了三个小时还没有人回复，催了好几次。' });
    // The provider's triage stays internal: the classifier's labels and driving words, severity, sentiment,
    // priority and who handles it.
    const internals = { classification: null, severity: null, sentiment: null, priority: null, assignee_id: null, queue: null, corrected: false };
    expect(complaint).toMatchObject({ customer_id: vipId, source: 'portal', ...internals });
    const staffView = await detail(complaint.id, manager);
    expect(staffView).toMatchObject({ assignee_id: managerId, severity: expect.any(String), sentiment: expect.any(String), priority: expect.any(String) });
    expect(staffView.classification!.severity.value).toBe(staffView.severity);
    await step(t.ctx, manager, complaint.id, 'acknowledge', {});
    await step(t.ctx, manager, complaint.id, 'investigation', { cause: '值班排班缺口', note: '内部：值班表漏排' });
    await step(t.ctx, manager, complaint.id, 'resolution', { solution: '补齐值班排班', improvement_measures: '排班系统自动校验空档' });

    const seen = await detail(complaint.id, portal);
    expect(seen).toMatchObject(internals);
    expect(JSON.stringify(seen)).not.toMatch(/drivers|model_version/);
    expect(seen.cause).toBeNull();
    expect(seen.escalations).toEqual([]);
    expect(seen.events.map((e: { event: string }) => e.event)).toEqual(['submitted', 'acknowledged', 'resolved']);
    expect(seen.solution).toBe('补齐值班排班');
    expect(seen.allowed_actions).toEqual(['confirm', 'reject']);

    // Rejected: back to investigating, the assignee hears about it.
    const rejected = await step(t.ctx, portal, complaint.id, 'confirmation', { accepted: false, feedback: '夜间仍然没人接电话', satisfaction: 2 });
    expect(rejected.body.data).toMatchObject({ status: 'investigating', customer_confirmation: 'rejected', resolved_at: null });
    const inbox = await t.get('/api/v1/notifications', { token: manager });
    expect(inbox.body.data.items.some((n) => n.kind === 'complaint.rejected' && n.entity_id === String(complaint.id))).toBe(true);

    await step(t.ctx, manager, complaint.id, 'resolution', { solution: '增设夜间值班电话', improvement_measures: '夜间电话纳入监控' });
    const accepted = await step(t.ctx, portal, complaint.id, 'confirmation', { accepted: true, satisfaction: 5 });
    expect(accepted.body.data).toMatchObject({ status: 'resolved', customer_confirmation: 'accepted', customer_satisfaction: 5 });
    expect((await step(t.ctx, manager, complaint.id, 'close', { lessons_learned: '夜间值班需要独立电话线路' })).body.data.status).toBe('closed');

    const mine = await t.get('/api/v1/complaints', { token: portal });
    expect(mine.status).toBe(200);
    expect(mine.body.data.items.every((c: { customer_id: number }) => c.customer_id === vipId)).toBe(true);
    expect(mine.body.data.items.every((c: Record<string, unknown>) => c.severity === null && c.sentiment === null && c.classification === null)).toBe(true);
  });
});

describe('raised from a ticket', () => {
  it('links the ticket and takes its customer', async () => {
    const key = (await t.post('/api/v1/api-keys', { as: 'admin', body: { name: '工单系统', scopes: ['integration:write'] } })).body.data.secret;
    const ticket = await t.put('/api/v1/integrations/tickets/itsm/INC-CP-1', {
      headers: { 'X-Api-Key': key },
      body: { customer: { id: vipId }, title: '邮件服务器无法收信', priority: 'P2', status: 'resolved', opened_at: '2026-03-01T09:00:00+08:00', resolved_at: '2026-03-02T09:00:00+08:00' },
    });
    expect(ticket.status).toBe(200);
    const complaint = await submit(t.ctx, t.as.support, {
      service_record: { source: 'itsm', external_id: 'INC-CP-1' },
      title: '邮件故障处理太慢',
      description: '邮件服务器故障拖了一整天才恢复，影响业务。',
    });
    expect(complaint).toMatchObject({ source: 'ticket', customer_id: vipId, service_record_id: ticket.body.data.record.id });

    // The lookup finds the record by its key or its id, and never for a customer outside the caller's scope.
    const inTenant = <T>(work: (scope: RequestScope) => Promise<T>, customerId: number | null = null) =>
      withTenant(t.ctx.handle.db, t.tenant.id, (tx) => {
        const scope = systemScope(tx, t.tenant.id, t.ctx.keyRing, { manager_data_scope: 'all' }, 'test');
        return work(customerId === null ? scope : { ...scope, principal: { ...scope.principal, roles: ['customer'], customerId } });
      });
    expect((await inTenant((scope) => findServiceRecord(scope, { id: complaint.service_record_id })))?.external_id).toBe('INC-CP-1');
    expect(await inTenant((scope) => findServiceRecord(scope, { source: 'itsm', external_id: 'INC-CP-1' }), plainId)).toBeUndefined();

    // A portal user of another customer cannot raise a complaint from this ticket.
    const otherPortal = await t.tenant.token('customer', { customer_id: plainId });
    const refused = await t.post('/api/v1/complaints', { token: otherPortal, body: { service_record: { source: 'itsm', external_id: 'INC-CP-1' }, title: '冒用工单', description: '别的客户的工单' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('complaint.reference_invalid');
  });
});

describe('reading', () => {
  it('filters by status, customer, category, priority and words; pages newest first', async () => {
    const list = async (query: string) => (await t.get(`/api/v1/complaints${query}`, { as: 'admin' })).body.data;
    const all = await list('?limit=200');
    const created = all.items.map((c: { created_at: string }) => c.created_at);
    expect([...created].sort().reverse()).toEqual(created);
    expect((await list(`?customer_id=${plainId}`)).items.every((c: { customer_id: number }) => c.customer_id === plainId)).toBe(true);
    expect((await list('?status=closed')).items.length).toBeGreaterThanOrEqual(2);
    expect((await list('?category=billing')).items.every((c: { category: string }) => c.category === 'billing')).toBe(true);
    expect((await list('?priority=P1')).items.every((c) => c.priority === 'P1')).toBe(true);
    expect((await list(`?q=${encodeURIComponent('发票抬头')}`)).items.map((c: { title: string }) => c.title)).toEqual(['发票抬头错误']);
    expect((await list(`?q=${encodeURIComponent('值班经理')}`)).items.length).toBe(1);
    expect((await list('?overdue=true')).items).toEqual([]);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; next_cursor: string | null } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c: { id: number }) => c.id));
  });

  it('searches the lessons learned of closed complaints', async () => {
    const res = await t.get(`/api/v1/complaints/lessons?q=${encodeURIComponent('固件')}`, { as: 'support' });
    expect(res.status).toBe(200);
    expect(res.body.data.items).toHaveLength(1);
    expect(res.body.data.items[0]).toMatchObject({ title: '核心业务系统宕机两小时无人响应', cause: '核心交换机固件缺陷导致环路' });
    expect(res.body.data.items[0]!.lessons_learned).toContain('固件基线');
    const all = await t.get('/api/v1/complaints/lessons', { as: 'support' });
    expect(all.body.data.items.length).toBe(2);
    const none = await t.get(`/api/v1/complaints/lessons?q=${encodeURIComponent('发票')}`, { as: 'support' });
    expect(none.body.data.items).toEqual([]);
  });
});
