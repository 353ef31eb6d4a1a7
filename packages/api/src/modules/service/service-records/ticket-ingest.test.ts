import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { createCustomer, useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('工单系统');
});

const put = (externalId: string, body: object, key = apiKey) =>
  t.request('PUT', `/api/v1/integrations/tickets/itsm/${externalId}`, { body, headers: { 'X-Api-Key': key } });
const records = async (customerId: number) =>
  rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from service_records where tenant_id = ${t.tenant.id} and customer_id = ${customerId}`))[0]!.n;
const events = async (type: string) => rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = ${type}`))[0]!.n;

const ticket = (customer: object, fields: object = {}) => ({
  customer,
  ticket_no: 'INC-0001',
  title: '核心交换机端口告警',
  description: '机房 A 核心交换机 Gi1/0/24 端口频繁 up/down',
  category: 'network',
  priority: 'P1',
  channel: 'phone',
  status: 'resolved',
  opened_at: '2026-03-02T10:00:00+08:00',
  first_response_at: '2026-03-02T10:20:00+08:00',
  resolved_at: '2026-03-02T15:00:00+08:00',
  ...fields,
});

describe('PUT /api/v1/integrations/tickets/{source}/{external_id}', () => {
  it('creates once, answers unchanged for the same call, updates on a change; SLA from the contract in force', async () => {
    // 高级 (7×24): P1 respond 30 min, resolve 4 h — responded in 20 min (met), resolved in 5 h (breached).
    const { customerId } = await activeContract(t.ctx, t.as.admin, '工单同步测试有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' });
    const first = await put('INC-1', ticket({ id: customerId }));
    expect(first.status).toBe(200);
    expect(first.body.data.outcome).toBe('created');
    expect(first.body.data.record).toMatchObject({
      customer_id: customerId,
      priority: 'P1',
      opened_at: '2026-03-02 10:00:00',
      response_due_at: '2026-03-02 10:30:00',
      resolution_due_at: '2026-03-02 14:00:00',
      response_breached: false,
      resolution_breached: true,
    });
    const again = await put('INC-1', ticket({ id: customerId }));
    expect(again.body.data.outcome).toBe('unchanged');
    expect(again.body.data.record.id).toBe(first.body.data.record.id);
    expect(await events('service_record.created')).toBe(1);
    expect(await events('service_record.updated')).toBe(0);

    const rated = await put('INC-1', ticket({ id: customerId }, { status: 'closed', closed_at: '2026-03-03T09:00:00+08:00', satisfaction_rating: 2, satisfaction_comment: '处理太慢' }));
    expect(rated.body.data.outcome).toBe('updated');
    expect(await records(customerId)).toBe(1);
    expect(await events('service_record.low_rating')).toBe(1);
    await put('INC-1', ticket({ id: customerId }, { status: 'closed', closed_at: '2026-03-03T09:00:00+08:00', satisfaction_rating: 2, satisfaction_comment: '处理太慢' }));
    expect(await events('service_record.low_rating')).toBe(1);

    // Attainment reads what was ingested.
    const contracts = (await t.request('GET', `/api/v1/customers/${customerId}/contracts`, { as: 'admin' })).body.data.items;
    const attainment = await t.request('GET', `/api/v1/contracts/${contracts[0].id}/sla-attainment?from=2026-03&to=2026-03`, { as: 'admin' });
    expect(attainment.body.data.total).toMatchObject({ records: 1, response: { met: 1 }, resolution: { breached: 1 } });
  });

  it('moves a record to another month when the opening time changes, keeping one record', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '工单改期测试有限公司');
    await put('INC-MOVE', ticket({ id: customerId }));
    const moved = await put('INC-MOVE', ticket({ id: customerId }, { opened_at: '2026-04-01T09:00:00+08:00', first_response_at: null, resolved_at: null, status: 'open' }));
    expect(moved.body.data.outcome).toBe('updated');
    const rows = rawRows<{ part: string }>(await t.ctx.handle.db.execute(sql`select tableoid::regclass::text as part from service_records where tenant_id = ${t.tenant.id} and customer_id = ${customerId}`));
    expect(rows).toEqual([{ part: 'service_records_202604' }]);
  });

  it('finds the customer by code and by a contact e-mail or phone, and takes the baseline SLA without a contract', async () => {
    const customer = await createCustomer(t, { customer_name: '工单联系人匹配有限公司', contacts: [{ contact_name: '李工', mobile: '13912345678', email: 'li@match.example.cn' }] }, { as: 'admin' });
    for (const [n, ref] of [{ code: customer.customer_code }, { contact_email: 'LI@match.example.cn' }, { contact_phone: '13912345678' }].entries()) {
      const res = await put(`INC-REF-${n}`, ticket(ref, { status: 'open', first_response_at: null, resolved_at: null }));
      expect(res.status).toBe(200);
      expect(res.body.data.record.customer_id).toBe(customer.customer_id);
    }
    // No contract: the baseline 标准 (5×8): 60 business minutes from Monday 10:00.
    const res = await put('INC-REF-0', ticket({ code: customer.customer_code }, { status: 'open', first_response_at: null, resolved_at: null }));
    expect(res.body.data.record.response_due_at).toBe('2026-03-02 11:00:00');
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '工单坏输入测试有限公司');
    const cases: [object, number, string][] = [
      [ticket({ id: 999_999 }), 422, 'ticket.customer_unknown'],
      [ticket({ contact_email: 'nobody@nowhere.example' }), 422, 'ticket.customer_unknown'],
      [ticket({ id: customerId, code: 'X' }), 400, 'request.invalid'],
      [ticket({ id: customerId }, { first_response_at: '2026-03-02T09:00:00+08:00' }), 400, 'request.invalid'],
      [ticket({ id: customerId }, { satisfaction_rating: 6 }), 400, 'request.invalid'],
      [ticket({ id: customerId }, { priority: 'P0' }), 400, 'request.invalid'],
      [ticket({ id: customerId }, { opened_at: '2026-03-02 10:00' }), 400, 'request.invalid'],
      [ticket({ id: customerId }, { description: 'x'.repeat(20_001) }), 400, 'request.invalid'],
    ];
    for (const [body, status, error] of cases) {
      const res = await put('INC-BAD', body);
      expect(res.status).toBe(status);
      expect(res.body.error).toBe(error);
    }
    expect(await records(customerId)).toBe(0);
    const anonymous = await t.request('PUT', '/api/v1/integrations/tickets/itsm/INC-BAD', { body: ticket({ id: customerId }) });
    expect(anonymous.status).toBe(401);
    const readOnly = (await t.request('POST', '/api/v1/api-keys', { as: 'admin', body: { name: '只读', scopes: ['customer:read'] } })).body.data.secret;
    expect((await put('INC-BAD', ticket({ id: customerId }), readOnly)).status).toBe(403);
  });

  it("cannot reach another tenant's customer", async () => {
    const other = await t.ctx.createTenant();
    const { customerId } = await customerWithContact(t.ctx, await other.token('admin'), '他租户工单客户有限公司');
    const res = await put('INC-X', ticket({ id: customerId }));
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('ticket.customer_unknown');
  });
});

describe('POST /api/v1/integrations/tickets/batch', () => {
  it('lands the good items and reports each bad one, writing nothing for it', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '批量工单测试有限公司');
    const items = [
      { external_id: 'B-1', ...ticket({ id: customerId }) },
      { external_id: 'B-2', ...ticket({ id: customerId }, { priority: 'P9' }) },
      { external_id: 'B-3', ...ticket({ id: 999_999 }) },
      { ...ticket({ id: customerId }) },
      { external_id: 'B-5', ...ticket({ id: customerId }, { priority: 'P3', title: '打印机驱动安装' }) },
    ];
    const res = await t.request('POST', '/api/v1/integrations/tickets/batch', { body: { source: 'itsm', items }, headers: { 'X-Api-Key': apiKey } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: 3 });
    expect(res.body.data.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'failed', 'failed', 'failed', 'created']);
    expect(res.body.data.results[1].error.details.issues[0].path).toBe('priority');
    expect(res.body.data.results[2].error.code).toBe('ticket.customer_unknown');
    expect(res.body.data.results[3].error.details.issues[0].path).toBe('external_id');
    expect(await records(customerId)).toBe(2);

    const again = await t.request('POST', '/api/v1/integrations/tickets/batch', { body: { source: 'itsm', items: [items[0], items[4]] }, headers: { 'X-Api-Key': apiKey } });
    expect(again.body.data).toMatchObject({ created: 0, unchanged: 2, failed: 0 });
    const tooMany = await t.request('POST', '/api/v1/integrations/tickets/batch', { body: { source: 'itsm', items: Array.from({ length: 1001 }, (_, i) => ({ external_id: `T-${i}` })) }, headers: { 'X-Api-Key': apiKey } });
    expect(tooMany.status).toBe(400);
  });

  it('applies an external id given twice in order; a NUL in one item refuses the whole batch at the edge, naming the item', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '批量重复工单有限公司');
    const items = [
      { external_id: 'D-1', ...ticket({ id: customerId }, { status: 'in_progress', resolved_at: null }) },
      { external_id: 'D-2', ...ticket({ id: customerId }, { title: '标题含非法字符\u0000' }) },
      { external_id: 'D-1', ...ticket({ id: customerId }, { satisfaction_rating: 1 }) },
      { external_id: 'D-3', ...ticket({ id: customerId }, { priority: 'P4' }) },
    ];
    // Postgres cannot store NUL: the platform's edge refuses the request before any item is written.
    const refused = await t.request('POST', '/api/v1/integrations/tickets/batch', { body: { source: 'dup', items }, headers: { 'X-Api-Key': apiKey } });
    expect(refused.status).toBe(400);
    expect(refused.body.details.issues[0]).toMatchObject({ path: 'items.1.title', code: 'invalid_format' });
    const res = await t.request('POST', '/api/v1/integrations/tickets/batch', { body: { source: 'dup', items: items.filter((i) => i.external_id !== 'D-2') }, headers: { 'X-Api-Key': apiKey } });
    expect(res.status).toBe(200);
    expect(res.body.data.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'updated', 'created']);
    expect(res.body.data.results[0].record_id).toBe(res.body.data.results[1].record_id);
    const rows = rawRows<{ external_id: string; status: string; satisfaction_rating: number | null }>(
      await t.ctx.handle.db.execute(sql`select external_id, status, satisfaction_rating from service_records where tenant_id = ${t.tenant.id} and source = 'dup' order by external_id`),
    );
    expect(rows).toEqual([
      { external_id: 'D-1', status: 'resolved', satisfaction_rating: 1 },
      { external_id: 'D-3', status: 'resolved', satisfaction_rating: null },
    ]);
    const keys = rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from service_record_keys where tenant_id = ${t.tenant.id} and source = 'dup'`));
    expect(keys[0]!.n).toBe(2);
  });
});
