import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { businessDate, addDays } from '../../../platform/time/calendar-date.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';

const t = useTestTenant(['admin']);
let csm: string;
let csmId: number;
let customerId: number;

const run = (code: string, body: object, token = csm) => t.request('POST', `/api/v1/playbooks/${code}/run`, { token, body });
const playbookCount = async () => Number(rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from playbooks where tenant_id = ${t.tenant.id}`))[0]!.n);
const taskCount = async () => Number(rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from tasks where tenant_id = ${t.tenant.id}`))[0]!.n);

beforeAll(async () => {
  csm = await t.tenant.token('csm', { username: 'csm-sun' });
  csmId = await t.tenant.userIdOf('csm-sun');
  customerId = (await customerWithContact(t.ctx, t.as.admin, '蓝海数据服务有限公司')).customerId;
});

describe('playbooks', () => {
  it('seeds the default playbooks on first read', async () => {
    const res = await t.request('GET', '/api/v1/playbooks', { token: csm });
    expect(res.status).toBe(200);
    const codes = res.body.data.map((p: { code: string }) => p.code);
    expect(codes).toEqual(['care_plan', 'complaint_follow_up', 'onboarding', 'qbr', 'renewal_preparation', 'risk_mitigation']);
    const risk = res.body.data.find((p: { code: string }) => p.code === 'risk_mitigation');
    expect(risk.name).toBe('风险客户挽留');
    expect(risk.tasks.map((t: { title: string }) => t.title)).toEqual(['流失风险电话关怀', '制定挽留方案', '高层拜访']);
    await t.request('GET', '/api/v1/playbooks', { token: csm });
    expect(await playbookCount()).toBe(6);
  });

  it('runs a playbook once per risk alert: tasks with due dates and checklists, none on a repeat', async () => {
    const [alert] = rawRows<{ id: number }>(
      await t.ctx.handle.db.execute(sql`insert into risk_alerts (tenant_id, customer_id, cause, trigger) values (${t.tenant.id}, ${customerId}, 'band_drop', '{}'::jsonb) returning id`),
    );
    const alertId = Number(alert!.id);
    const first = await run('risk_mitigation', { customer_id: customerId, risk_alert_id: alertId, assignee_id: csmId });
    expect(first.status).toBe(201);
    expect(first.body.data.created).toBe(3);
    const today = businessDate(new Date());
    expect(first.body.data.tasks.map((t: { title: string; due_date: string }) => [t.title, t.due_date])).toEqual([
      ['流失风险电话关怀', addDays(today, 1)],
      ['制定挽留方案', addDays(today, 3)],
      ['高层拜访', addDays(today, 7)],
    ]);
    expect(first.body.data.tasks[0]).toMatchObject({ status: 'todo', risk_alert_id: alertId, customer: { id: customerId }, assignee: { id: csmId }, type: 'care_call' });
    expect(first.body.data.tasks[0].checklist[0]).toEqual({ text: '了解不满原因', done: false });
    expect(first.body.data.tasks[0].source_key).toBe(`playbook:risk_mitigation:${customerId}:risk_alert:${alertId}:1`);
    const again = await run('risk_mitigation', { customer_id: customerId, risk_alert_id: alertId });
    expect(again.status).toBe(200);
    expect(again.body.data.created).toBe(0);
    expect(again.body.data.tasks.map((t: { id: number }) => t.id)).toEqual(first.body.data.tasks.map((t: { id: number }) => t.id));
    const inbox = (await t.request('GET', '/api/v1/notifications', { token: csm })).body.data.items as { kind: string }[];
    expect(inbox.filter((n) => n.kind === 'task.assigned')).toHaveLength(3);
  });

  it('runs without an anchor once a day, for the caller when the customer has no manager', async () => {
    const res = await run('qbr', { customer_id: customerId });
    expect(res.status).toBe(201);
    expect(res.body.data.tasks[0]).toMatchObject({ title: '季度业务回顾', assignee_id: csmId });
    expect((await run('qbr', { customer_id: customerId })).body.data.created).toBe(0);
  });

  it('refuses an unknown playbook (404), an invisible customer (404), a bad link (422), and writes nothing', async () => {
    const before = await taskCount();
    expect((await run('nonexistent', { customer_id: customerId })).status).toBe(404);
    expect((await run('onboarding', { customer_id: 999999 })).status).toBe(404);
    expect((await run('onboarding', { customer_id: customerId, contract_id: 999999 })).body.error).toBe('task.link_invalid');
    expect((await run('onboarding', { customer_id: customerId, assignee_id: 999999 })).body.error).toBe('task.assignee_invalid');
    expect((await run('onboarding', { customer_id: 'x' })).status).toBe(400);
    expect(await taskCount()).toBe(before);
  });

  it('lets an admin add a playbook, refusing duplicates (409), invalid templates (400/422) and non-admins (403)', async () => {
    const body = { code: 'expansion', name: '扩容推进', tasks: [{ title: '扩容需求调研', type: 'action_item', priority: 'normal', due_in_days: 7, checklist: ['梳理现有用量'] }] };
    expect((await t.request('POST', '/api/v1/playbooks', { token: csm, body })).status).toBe(403);
    const created = await t.request('POST', '/api/v1/playbooks', { as: 'admin', body });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ code: 'expansion', tasks: [{ title: '扩容需求调研', due_in_days: 7, checklist: ['梳理现有用量'] }] });
    expect((await t.request('POST', '/api/v1/playbooks', { as: 'admin', body })).status).toBe(409);
    const twice = { ...body, code: 'twice', tasks: [body.tasks[0], body.tasks[0]] };
    const invalid = await t.request('POST', '/api/v1/playbooks', { as: 'admin', body: twice });
    expect([invalid.status, invalid.body.error]).toEqual([422, 'playbook.invalid']);
    expect((await t.request('POST', '/api/v1/playbooks', { as: 'admin', body: { ...body, code: 'neg', tasks: [{ ...body.tasks[0], due_in_days: -1 }] } })).status).toBe(400);
    expect((await t.request('POST', '/api/v1/playbooks', { as: 'admin', body: { ...body, code: 'bad', tasks: [{ ...body.tasks[0], type: 'party' }] } })).status).toBe(400);
    expect(await playbookCount()).toBe(7);
    expect((await run('expansion', { customer_id: customerId })).body.data.created).toBe(1);
  });

  it('refuses portal users (403) and keeps tenants apart', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.request('GET', '/api/v1/playbooks', { token: portal })).status).toBe(403);
    expect((await run('qbr', { customer_id: customerId }, portal)).status).toBe(403);
    const otherAdmin = await (await t.ctx.createTenant()).token('admin');
    const theirs = await t.request('GET', '/api/v1/playbooks', { token: otherAdmin });
    expect(theirs.body.data.map((p: { code: string }) => p.code)).not.toContain('expansion');
    expect((await run('qbr', { customer_id: customerId }, otherAdmin)).status).toBe(404);
  });
});
