import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../db/raw-rows.ts';
import { userIdOfToken } from '../modules/contracts-sla/contracts/contracts-test-helpers.ts';
import { activeContract } from '../modules/contracts-sla/sla-bindings/sla-test-helpers.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../test-support/index.ts';

// Every write that takes a user id from the request: another tenant's user, a portal user and a member of
// staff whose role cannot do the work are refused with 422 and nothing is written; a fitting user is taken.

let ctx: TestContext;
let acme: TestTenant;
let admin: string;
const users = { manager: 0, analyst: 0, portal: 0, foreign: 0 };
const ids = { customer: 0, lead: 0, opportunity: 0, task: 0, complaint: 0, action: 0, contract: 0 };
let serial = 0;

const one = async (query: ReturnType<typeof sql>): Promise<unknown> => Object.values(rawRows<Record<string, unknown>>(await ctx.handle.db.execute(query))[0] ?? {})[0];
const count = (table: string) => one(sql`select count(*)::int from ${sql.identifier(table)} where tenant_id = ${acme.id}`);
const column = (table: string, name: string, id: () => number) => () => one(sql`select ${sql.identifier(name)} from ${sql.identifier(table)} where tenant_id = ${acme.id} and id = ${id()}`);
const post = (path: string, body: object) => call(ctx.app, 'POST', path, { token: admin, body });
const patch = (path: string, body: object) => call(ctx.app, 'PATCH', path, { token: admin, body, headers: { 'If-Match': '*' } });
const created = (res: { status: number; text: string; body: any }, key = 'id'): number => {
  if (res.status !== 200 && res.status !== 201) throw new Error(`setup failed: ${res.text}`);
  return res.body.data[key];
};

beforeAll(async () => {
  ctx = await createTestContext();
  acme = await ctx.createTenant();
  const other = await ctx.createTenant();
  admin = await acme.token('admin');
  users.manager = await acme.userIdOf('manager@acme');
  users.foreign = await other.userIdOf('manager@other');
  await acme.token('analyst', { username: 'analyst@acme' });
  users.analyst = await acme.userIdOf('analyst@acme');
  ids.customer = created(await post('/api/v1/customers?force=true', { customer_name: '引用检查客户有限公司' }), 'customer_id');
  await acme.token('customer', { customer_id: ids.customer, username: 'portal@acme' });
  users.portal = await acme.userIdOf('portal@acme');
  ids.lead = created(await post('/api/v1/leads', { company_name: '引用检查线索公司', source: 'website' }));
  ids.opportunity = created(await post('/api/v1/opportunities', { name: '引用检查商机', customer_id: ids.customer, amount: '1000' }));
  ids.task = created(await post('/api/v1/tasks', { title: '引用检查任务', type: 'qbr' }));
  ids.complaint = created(await post('/api/v1/complaints', { customer_id: ids.customer, title: '服务中断', description: '昨晚系统中断两小时' }));
  ids.action = created(await post('/api/v1/improvement-actions', { title: '引用检查改进措施' }));
  ids.contract = (await activeContract(ctx, admin, '续约引用检查客户有限公司', { start_date: '2026-01-01', end_date: '2026-12-31' })).contractId;
});
afterAll(() => ctx.close());

type WritePath = {
  name: string;
  field: string;
  send: (userId: number) => Promise<{ status: number; body: any }>;
  /** What a refused write must leave as it was, and a taken one change. */
  stored: () => Promise<unknown>;
  code?: string;
  /** The member of staff whose role cannot stand in the field; none where any member of staff may. */
  wrongRole?: keyof typeof users;
  fitting?: keyof typeof users;
};

const writePaths: WritePath[] = [
  { name: 'POST /customers', field: 'assigned_manager_id', send: (id) => post('/api/v1/customers?force=true', { customer_name: `经理检查客户${++serial}有限公司`, assigned_manager_id: id }), stored: () => count('customers'), wrongRole: 'analyst' },
  { name: 'PATCH /customers/{id}', field: 'assigned_manager_id', send: (id) => patch(`/api/v1/customers/${ids.customer}`, { assigned_manager_id: id }), stored: column('customers', 'assigned_manager_id', () => ids.customer), wrongRole: 'analyst' },
  { name: 'POST /customers/{id}/contracts (owner)', field: 'owner_id', send: (id) => post(`/api/v1/customers/${ids.customer}/contracts`, { title: '运维合同', start_date: '2026-01-01', end_date: '2026-12-31', owner_id: id }), stored: () => count('contracts'), wrongRole: 'analyst' },
  { name: 'POST /customers/{id}/contracts (signatory)', field: 'staff_signatory_id', send: (id) => post(`/api/v1/customers/${ids.customer}/contracts`, { title: '运维合同', start_date: '2026-01-01', end_date: '2026-12-31', staff_signatory_id: id }), stored: () => count('contracts'), wrongRole: 'analyst' },
  { name: 'POST /contracts/{id}/renewal', field: 'staff_signatory_id', send: (id) => post(`/api/v1/contracts/${ids.contract}/renewal`, { staff_signatory_id: id }), stored: () => count('contracts'), wrongRole: 'analyst' },
  { name: 'POST /leads', field: 'owner_id', send: (id) => post('/api/v1/leads', { company_name: `负责人检查线索${++serial}公司`, source: 'website', owner_id: id }), stored: () => count('leads'), wrongRole: 'analyst' },
  { name: 'PATCH /leads/{id}', field: 'owner_id', send: (id) => patch(`/api/v1/leads/${ids.lead}`, { owner_id: id }), stored: column('leads', 'owner_id', () => ids.lead), wrongRole: 'analyst' },
  { name: 'POST /opportunities', field: 'owner_id', send: (id) => post('/api/v1/opportunities', { name: '负责人检查商机', customer_id: ids.customer, amount: '1000', owner_id: id }), stored: () => count('opportunities'), wrongRole: 'analyst' },
  { name: 'PATCH /opportunities/{id}', field: 'owner_id', send: (id) => patch(`/api/v1/opportunities/${ids.opportunity}`, { owner_id: id }), stored: column('opportunities', 'owner_id', () => ids.opportunity), wrongRole: 'analyst' },
  { name: 'POST /tasks', field: 'assignee_id', code: 'task.assignee_invalid', fitting: 'analyst', send: (id) => post('/api/v1/tasks', { title: '回访', type: 'care_call', assignee_id: id }), stored: () => count('tasks') },
  { name: 'PATCH /tasks/{id}', field: 'assignee_id', code: 'task.assignee_invalid', fitting: 'analyst', send: (id) => patch(`/api/v1/tasks/${ids.task}`, { assignee_id: id }), stored: column('tasks', 'assignee_id', () => ids.task) },
  { name: 'POST /playbooks/{code}/run', field: 'assignee_id', code: 'task.assignee_invalid', fitting: 'analyst', send: (id) => post('/api/v1/playbooks/onboarding/run', { customer_id: ids.customer, assignee_id: id }), stored: () => count('tasks') },
  { name: 'POST /complaints/{id}/assign', field: 'assignee_id', code: 'complaint.assignee_invalid', send: (id) => post(`/api/v1/complaints/${ids.complaint}/assign`, { assignee_id: id }), stored: column('complaints', 'assignee_id', () => ids.complaint), wrongRole: 'analyst' },
  { name: 'POST /improvement-actions', field: 'owner_id', send: (id) => post('/api/v1/improvement-actions', { title: '缩短响应时间', owner_id: id }), stored: () => count('improvement_actions'), wrongRole: 'analyst' },
  { name: 'PATCH /improvement-actions/{id}', field: 'owner_id', send: (id) => patch(`/api/v1/improvement-actions/${ids.action}`, { owner_id: id }), stored: column('improvement_actions', 'owner_id', () => ids.action), wrongRole: 'analyst' },
];

const refusals = writePaths.flatMap((path) => [
  { path, who: 'foreign' as const, reason: 'not_in_tenant' },
  { path, who: 'portal' as const, reason: 'portal_user' },
  ...(path.wrongRole ? [{ path, who: path.wrongRole, reason: 'role' }] : []),
]);

describe('user ids in writes', () => {
  it.each(refusals.map((r) => [r.path.name, r.path.field, r.who, r] as const))('%s refuses %s = the %s user (422, nothing written)', async (_name, field, who, { path, reason }) => {
    const before = await path.stored();
    const res = await path.send(users[who]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: path.code ?? 'user.reference_invalid', details: { field, user_id: users[who], reason } });
    expect(await path.stored()).toEqual(before);
  });

  it.each(writePaths.map((p) => [p.name, p.field, p] as const))('%s takes %s = a fitting member of staff', async (_name, _field, path) => {
    const before = await path.stored();
    const res = await path.send(users[path.fitting ?? 'manager']);
    expect([200, 201]).toContain(res.status);
    expect(await path.stored()).not.toEqual(before);
  });

  it('names the permission a member of staff lacks', async () => {
    const res = await post('/api/v1/leads', { company_name: '权限说明线索公司', source: 'website', owner_id: users.analyst });
    expect(res.body.details).toEqual({ field: 'owner_id', user_id: users.analyst, reason: 'role', required_permission: 'lead:write' });
    expect((await call(ctx.app, 'POST', '/api/v1/leads', { token: admin, body: { company_name: '权限说明线索公司', source: 'website', owner_id: users.foreign }, headers: { 'Accept-Language': 'en' } })).body.message).toBe(
      'The user named must be a member of staff of this tenant whose role can do this work',
    );
  });

  it('leaves a renewal to whoever drafts it when the predecessor’s owner may no longer work customers', async () => {
    const ownerToken = await acme.token('sales', { username: 'sales@acme' });
    const owner = await acme.userIdOf('sales@acme');
    const { contractId } = await activeContract(ctx, ownerToken, '续约负责人检查客户有限公司', { start_date: '2026-01-01', end_date: '2026-12-31' });
    await ctx.handle.db.execute(sql`update users set roles = '{analyst}' where tenant_id = ${acme.id} and id = ${owner}`);
    const renewal = await post(`/api/v1/contracts/${contractId}/renewal`, {});
    expect(renewal.status).toBe(201);
    expect(renewal.body.data.owner_id).toBe(userIdOfToken(admin));
  });

  it('records no author rather than failing when the caller is no user of the tenant (a token of an external issuer)', async () => {
    const external = (await ctx.tokens.issue({ sub: '987654', tenant_id: acme.id, roles: ['admin'], customer_id: null })).access_token;
    const res = await call(ctx.app, 'POST', '/api/v1/tasks', { token: external, body: { title: '外部签发令牌的任务', type: 'qbr' } });
    expect(res.status).toBe(201);
    expect(res.body.data.created_by).toBeNull();
  });
});
