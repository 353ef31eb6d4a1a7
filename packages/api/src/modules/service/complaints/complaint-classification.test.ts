import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { complaintCounts, complaintCustomer, submit } from './complaints-test-helpers.ts';

const t = useTestTenant(['admin', 'support']);
let customerId: number;

beforeAll(async () => {
  ({ customerId } = await complaintCustomer(t.ctx, t.as.admin, '宁波港联供应链有限公司', { level: 3 }));
});

const reclassify = (id: number, body: object, token = t.as.support) => t.put(`/api/v1/complaints/${id}/classification`, { token, body });

// Wording the built-in model has never seen: a tenant-specific complaint about the shuttle bus to the data centre.
const first = { title: '机房班车迟到', description: '机房班车今天又迟到四十分钟，值守人员没法按时交接。' };
const similar = { title: '机房班车又迟到', description: '机房班车迟到半小时，交接被耽误。' };

describe('correcting the classifier', () => {
  it('stores the correction, relabels and reprioritises; the next similar complaint follows it', async () => {
    const complaint = await submit(t.ctx, t.as.support, { customer_id: customerId, ...first });
    const predicted = { category: complaint.category, severity: complaint.severity };
    const target = predicted.category === 'other' ? 'service_quality' : 'other';
    const deadlines = { ack: complaint.acknowledge_due_at, resolve: complaint.resolve_due_at };

    const res = await reclassify(complaint.id, { category: target, severity: 'critical' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ category: target, severity: 'critical', priority: 'P1', corrected: true, acknowledge_due_at: deadlines.ack, resolve_due_at: deadlines.resolve });

    const [stored] = rawRows<{ text: string; category: string; severity: string; sentiment: string | null; predicted: { category: string } }>(
      await t.ctx.handle.db.execute(sql`select text, category, severity, sentiment, predicted from complaint_classifier_corrections where tenant_id = ${t.tenant.id} and complaint_id = ${complaint.id}`),
    );
    expect(stored).toMatchObject({ category: target, severity: 'critical', sentiment: null });
    expect(stored!.text).toContain('机房班车');
    expect(stored!.predicted.category).toBe(predicted.category);

    const events = (await t.get(`/api/v1/complaints/${complaint.id}`, { as: 'support' })).body.data.events;
    expect(events.at(-1)).toMatchObject({ event: 'reclassified', data: { from: { category: predicted.category }, to: { category: target, priority: 'P1' } } });

    const next = await submit(t.ctx, t.as.support, { customer_id: customerId, ...similar });
    expect(next.category).toBe(target);
    expect(next.classification.model_version).toMatch(/c1$/);
  });

  it('keeps corrections per tenant', async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    const { customerId: otherCustomer } = await complaintCustomer(t.ctx, otherAdmin, '宁波港联供应链有限公司');
    const complaint = await submit(t.ctx, otherAdmin, { customer_id: otherCustomer, ...similar });
    expect(complaint.classification.model_version).not.toMatch(/\+c[1-9]/);
  });

  it('refuses an empty correction or an unknown label, writing nothing', async () => {
    const complaint = await submit(t.ctx, t.as.support, { customer_id: customerId, title: '账单重复扣费', description: '本月账单重复扣费。' });
    for (const body of [{}, { category: 'weather' }, { severity: 'urgent' }]) {
      const before = await complaintCounts(t.ctx, t.tenant.id);
      const res = await reclassify(complaint.id, body);
      expect(res.status).toBe(400);
      expect(await complaintCounts(t.ctx, t.tenant.id)).toEqual(before);
    }
    expect((await reclassify(999_999, { category: 'billing' })).status).toBe(404);
  });
});

describe('the complaint policy', () => {
  it('shows the default, then stores a valid chain under If-Match', async () => {
    const read = await t.get('/api/v1/complaints/policy', { as: 'admin' });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ is_default: true, version: 0, deadlines: { P1: { acknowledge_minutes: 30, resolve_minutes: 1440 } } });
    expect(read.body.data.chain.map((l: { name: string; after_minutes: number }) => [l.name, l.after_minutes])).toEqual([['manager', 0], ['director', 60], ['executive', 240]]);
    const adminId = await t.tenant.userIdOf(`admin@${t.tenant.code}`);
    expect(read.body.data.chain[1]!.user_ids).toEqual([adminId]);

    const directorId = await t.tenant.userIdOf(`director@${t.tenant.code}`);
    const policy = {
      chain: [
        { name: 'manager', after_minutes: 0, notify: 'customer_manager' },
        { name: 'director', after_minutes: 30, notify: 'users', user_ids: [directorId] },
      ],
      deadlines: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { acknowledge_minutes: 45, resolve_minutes: 600 }])),
    };
    expect((await t.request('PUT', '/api/v1/complaints/policy', { as: 'admin', body: policy })).status).toBe(428);
    const put = await t.request('PUT', '/api/v1/complaints/policy', { as: 'admin', body: policy, headers: { 'If-Match': read.headers.get('ETag')! } });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ is_default: false, version: 1, chain: policy.chain });
    const stale = await t.request('PUT', '/api/v1/complaints/policy', { as: 'admin', body: policy, headers: { 'If-Match': read.headers.get('ETag')! } });
    expect(stale.status).toBe(412);
  });

  it('refuses a chain out of order, without people, with strangers, or too long (nothing written)', async () => {
    const current = await t.get('/api/v1/complaints/policy', { as: 'admin' });
    const deadlines = current.body.data.deadlines;
    await t.tenant.token('customer', { customer_id: customerId });
    const portalUserId = await t.tenant.userIdOf(`customer-${customerId}@${t.tenant.code}`);
    const level = (after_minutes: number, extra: object = { notify: 'customer_manager' }) => ({ name: `l${after_minutes}`, after_minutes, ...extra });
    const cases: [object, number][] = [
      [{ chain: [level(60), level(60)], deadlines }, 422],
      [{ chain: [level(60), level(30)], deadlines }, 422],
      [{ chain: [level(0, { notify: 'users', user_ids: [] })], deadlines }, 422],
      [{ chain: [level(0, { notify: 'users', user_ids: [999_999] })], deadlines }, 422],
      [{ chain: [level(0, { notify: 'users', user_ids: [portalUserId] })], deadlines }, 422],
      [{ chain: [level(0), level(1), level(2), level(3), level(4), level(5)], deadlines }, 400],
      [{ chain: [], deadlines }, 400],
      [{ chain: [level(-1)], deadlines }, 400],
      [{ chain: [level(0)], deadlines: { ...deadlines, P1: { acknowledge_minutes: 60, resolve_minutes: 30 } } }, 422],
    ];
    expect(portalUserId).toBeGreaterThan(0);
    for (const [body, status] of cases) {
      const before = await complaintCounts(t.ctx, t.tenant.id);
      const res = await t.request('PUT', '/api/v1/complaints/policy', { as: 'admin', body, headers: { 'If-Match': '*' } });
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (status === 422) expect(res.body.error).toBe('complaint.policy_invalid');
      expect(await complaintCounts(t.ctx, t.tenant.id)).toEqual(before);
    }
  });

  it('applies the stored deadlines to new complaints', async () => {
    const { customerId: plain } = await complaintCustomer(t.ctx, t.as.admin, '余姚小五金商行');
    const complaint = await submit(t.ctx, t.as.support, { customer_id: plain, title: '有个小建议', description: '希望门户能增加深色模式，没有别的意思。' });
    const [row] = rawRows<{ ack: string; resolve: string }>(
      await t.ctx.handle.db.execute(sql`select extract(epoch from acknowledge_due_at - created_at) as ack, extract(epoch from resolve_due_at - created_at) as resolve from complaints where id = ${complaint.id}`),
    );
    expect([Number(row!.ack), Number(row!.resolve)]).toEqual([45 * 60, 600 * 60]);
  });
});
