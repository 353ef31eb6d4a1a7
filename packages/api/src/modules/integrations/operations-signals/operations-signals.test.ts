import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let customerId: number;

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('监控平台');
  customerId = (await customerWithContact(t.ctx, t.as.admin, '运维信号测试有限公司')).customerId;
});

const put = (externalId: string, body: object) => t.request('PUT', `/api/v1/integrations/ops-signals/noc/${externalId}`, { body, headers: { 'X-Api-Key': apiKey } });
const signals = async () => rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from ops_signals where tenant_id = ${t.tenant.id}`))[0]!.n;
const incident = (fields: object = {}) => ({ customer: { id: customerId }, kind: 'incident', severity: 'critical', title: '核心数据库宕机', started_at: '2026-03-01T10:00:00+08:00', ...fields });
const availability = (fields: object = {}) => ({ customer: { id: customerId }, kind: 'availability', period_start: '2026-02-01', period_end: '2026-02-28', availability_pct: 99.95, ...fields });

describe('PUT /api/v1/integrations/ops-signals/{source}/{external_id}', () => {
  it('upserts incidents and availability idempotently', async () => {
    const created = await put('INC-1', incident());
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ outcome: 'created', signal: { kind: 'incident', severity: 'critical', started_at: '2026-03-01 10:00:00', ended_at: null, availability_pct: null } });
    expect((await put('INC-1', incident())).body.data.outcome).toBe('unchanged');
    const ended = await put('INC-1', incident({ ended_at: '2026-03-01T12:30:00+08:00', description: '主库磁盘写满' }));
    expect(ended.body.data).toMatchObject({ outcome: 'updated', signal: { ended_at: '2026-03-01 12:30:00', description: '主库磁盘写满' } });
    const period = await put('AV-2026-02', availability());
    expect(period.body.data).toMatchObject({ outcome: 'created', signal: { kind: 'availability', availability_pct: 99.95, period_start: '2026-02-01', severity: null } });
    expect((await put('AV-2026-02', availability())).body.data.outcome).toBe('unchanged');
    expect(await signals()).toBe(2);
    const upserted = rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = 'ops_signal.upserted'`))[0]!.n;
    expect(upserted).toBe(3);
  });

  it('validates each kind by its own shape and refuses ends before starts, writing nothing', async () => {
    const before = await signals();
    const cases: [object, number, string][] = [
      [incident({ severity: undefined }), 400, 'request.invalid'],
      [incident({ period_start: '2026-02-01' }), 400, 'request.invalid'],
      [availability({ availability_pct: 100.5 }), 400, 'request.invalid'],
      [availability({ availability_pct: -1 }), 400, 'request.invalid'],
      [availability({ severity: 'critical' }), 400, 'request.invalid'],
      [{ ...availability(), kind: 'outage' }, 400, 'request.invalid'],
      [incident({ started_at: '2026-03-01 10:00' }), 400, 'request.invalid'],
      [incident({ ended_at: '2026-03-01T09:00:00+08:00' }), 422, 'ops_signal.period_invalid'],
      [availability({ period_end: '2026-01-31' }), 422, 'ops_signal.period_invalid'],
      [incident({ customer: { id: 99_999_999 } }), 422, 'integration.customer_unknown'],
    ];
    for (const [body, status, code] of cases) {
      const res = await put('BAD', body);
      expect([res.status, res.body.error]).toEqual([status, code]);
    }
    expect(await signals()).toBe(before);
  });
});

describe('GET /api/v1/customers/{id}/ops-signals', () => {
  it('lists newest first, filters by kind and dates, pages', async () => {
    await put('INC-2', incident({ severity: 'minor', title: '监控探针超时', started_at: '2026-04-10T08:00:00+08:00' }));
    const all = await t.get(`/api/v1/customers/${customerId}/ops-signals`, { as: 'admin' });
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((s: { external_id: string }) => s.external_id)).toEqual(['INC-2', 'INC-1', 'AV-2026-02']);
    const incidents = await t.get(`/api/v1/customers/${customerId}/ops-signals?kind=incident&from=2026-03-01&to=2026-03-31`, { as: 'admin' });
    expect(incidents.body.data.items.map((s: { external_id: string }) => s.external_id)).toEqual(['INC-1']);
    const page = await t.get(`/api/v1/customers/${customerId}/ops-signals?limit=2`, { as: 'admin' });
    const rest = await t.get(`/api/v1/customers/${customerId}/ops-signals?limit=2&cursor=${page.body.data.next_cursor}`, { as: 'admin' });
    expect(rest.body.data.items.map((s: { external_id: string }) => s.external_id)).toEqual(['AV-2026-02']);
    expect(rest.body.data.next_cursor).toBeNull();
  });

  it('portal users 403, another tenant 404', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId, username: 'ops-portal' });
    expect((await t.get(`/api/v1/customers/${customerId}/ops-signals`, { token: portal })).status).toBe(403);
    const stranger = await (await t.ctx.createTenant()).token('admin');
    expect((await t.get(`/api/v1/customers/${customerId}/ops-signals`, { token: stranger })).status).toBe(404);
  });
});
