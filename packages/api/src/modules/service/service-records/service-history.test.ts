import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let customerId: number;

/** Seven tickets of 2026-03 pushed through the ingest; 高级 7×24 (P1 respond 30 min / resolve 4 h). */
const tickets = [
  { id: 'H-1', priority: 'P1', title: '核心交换机端口告警', opened: '2026-03-02T10:00:00+08:00', responded: '2026-03-02T10:10:00+08:00', resolved: '2026-03-02T12:00:00+08:00', rating: 5, category: 'network' },
  { id: 'H-2', priority: 'P1', title: '数据库主库宕机', opened: '2026-03-05T22:00:00+08:00', responded: '2026-03-05T23:00:00+08:00', resolved: '2026-03-06T06:00:00+08:00', rating: 2, category: 'database' },
  { id: 'H-3', priority: 'P3', title: '打印机驱动安装', opened: '2026-03-10T09:00:00+08:00', responded: '2026-03-10T09:30:00+08:00', resolved: '2026-03-10T11:00:00+08:00', rating: 4, category: 'desktop' },
  { id: 'H-4', priority: 'P3', title: 'VPN 连接频繁断开', opened: '2026-03-12T09:00:00+08:00', responded: '2026-03-12T09:30:00+08:00', resolved: null, rating: null, category: 'network' },
  { id: 'H-5', priority: 'P4', title: '新员工账号开通', opened: '2026-03-15T09:00:00+08:00', responded: '2026-03-15T09:05:00+08:00', resolved: '2026-03-15T10:00:00+08:00', rating: null, category: 'account' },
  { id: 'H-6', priority: 'P2', title: '邮件服务器无法收信 50%', opened: '2026-03-20T09:00:00+08:00', responded: '2026-03-20T09:20:00+08:00', resolved: '2026-03-20T10:00:00+08:00', rating: null, category: 'mail' },
  { id: 'H-7', priority: 'P4', title: '会议室投影仪', opened: '2026-04-01T09:00:00+08:00', responded: '2026-04-01T09:05:00+08:00', resolved: '2026-04-01T09:35:00+08:00', rating: null, category: 'desktop' },
];

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('工单系统');
  ({ customerId } = await activeContract(t.ctx, t.as.admin, '服务历史测试有限公司', { sla_tier_code: 'premium', start_date: '2026-01-01', end_date: '2026-12-31' }));
  for (const ticket of tickets) {
    const res = await t.request('PUT', `/api/v1/integrations/tickets/itsm/${ticket.id}`, {
      headers: { 'X-Api-Key': apiKey },
      body: {
        customer: { id: customerId },
        title: ticket.title,
        description: `${ticket.title}，客户来电报障`,
        category: ticket.category,
        priority: ticket.priority,
        status: ticket.resolved ? 'resolved' : 'in_progress',
        opened_at: ticket.opened,
        first_response_at: ticket.responded,
        resolved_at: ticket.resolved,
        satisfaction_rating: ticket.rating,
      },
    });
    if (res.status !== 200) throw new Error(res.text);
  }
});

const history = (query = '') => t.get(`/api/v1/customers/${customerId}/service-records${query}`, { as: 'admin' });
const ids = (res: { body: { data: { items: { external_id: string }[] } } }) => res.body.data.items.map((r) => r.external_id);

describe('GET /api/v1/customers/{id}/service-records', () => {
  it('lists newest first and pages through every record exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await history(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      cursor = res.body.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['H-7', 'H-6', 'H-5', 'H-4', 'H-3', 'H-2', 'H-1']);
  });

  it('filters by period, priority, status, category, breach and words (Chinese included)', async () => {
    expect(ids(await history('?from=2026-03-10&to=2026-03-15'))).toEqual(['H-5', 'H-4', 'H-3']);
    expect(ids(await history('?priority=P1'))).toEqual(['H-2', 'H-1']);
    expect(ids(await history('?status=in_progress'))).toEqual(['H-4']);
    expect(ids(await history('?category=network'))).toEqual(['H-4', 'H-1']);
    // H-2 responded late; H-4 is still unresolved long after its 24-hour deadline.
    expect(ids(await history('?breached=true'))).toEqual(['H-4', 'H-2']);
    expect(ids(await history('?breached=false&from=2026-03-01&to=2026-03-31'))).toEqual(['H-6', 'H-5', 'H-3', 'H-1']);
    expect(ids(await history('?q=交换机'))).toEqual(['H-1']);
    expect(ids(await history('?q=报障&priority=P4'))).toEqual(['H-7', 'H-5']);
    expect(ids(await history(`?q=${encodeURIComponent('50%')}`))).toEqual(['H-6']);
  });

  it('refuses bad filters and cursors, and hides other customers', async () => {
    for (const query of ['?priority=P0', '?from=2026-3-1', '?cursor=not-a-cursor', '?limit=0', '?breached=maybe']) {
      expect((await history(query)).status).toBe(400);
    }
    const other = await (await t.ctx.createTenant()).token('admin');
    expect((await t.get(`/api/v1/customers/${customerId}/service-records`, { token: other })).status).toBe(404);
    const { customerId: empty } = await customerWithContact(t.ctx, t.as.admin, '无工单客户有限公司');
    expect((await t.get(`/api/v1/customers/${empty}/service-records`, { as: 'admin' })).body.data).toEqual({ items: [], next_cursor: null });
  });
});

describe('GET /api/v1/customers/{id}/service-statistics', () => {
  it('totals the history under the same filters', async () => {
    const res = await t.get(`/api/v1/customers/${customerId}/service-statistics?from=2026-03-01&to=2026-03-31`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      total: 6,
      resolved: 5,
      open: 1,
      breached: 2,
      // 120, 480, 120, 60, 60 minutes
      average_resolution_minutes: 168,
      satisfaction_average: 3.67,
      satisfaction_count: 3,
      by_priority: { P1: 2, P2: 1, P3: 2, P4: 1 },
    });
  });
});
