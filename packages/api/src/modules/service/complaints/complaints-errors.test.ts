import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { complaintCounts, complaintCustomer, step, submit } from './complaints-test-helpers.ts';

const t = useTestTenant(['admin', 'support']);
let customerId: number;
let contactId: number;
let otherCustomerId: number;
let otherContactId: number;
let portal: string;
let otherPortal: string;
let complaintId: number;

beforeAll(async () => {
  ({ customerId, contactId } = await complaintCustomer(t.ctx, t.as.admin, '苏州云启信息技术有限公司'));
  ({ customerId: otherCustomerId, contactId: otherContactId } = await complaintCustomer(t.ctx, t.as.admin, '杭州远望物流有限公司'));
  portal = await t.tenant.token('customer', { customer_id: customerId });
  otherPortal = await t.tenant.token('customer', { customer_id: otherCustomerId });
  complaintId = (await submit(t.ctx, t.as.support, { customer_id: customerId, title: '网络频繁中断', description: '本周办公网络中断三次。' })).id;
});

/** Runs a request that must be refused and checks that nothing at all was written. */
async function refused(request: () => Promise<{ status: number; body: any }>, status: number, error: string) {
  const before = await complaintCounts(t.ctx, t.tenant.id);
  const res = await request();
  expect(res.status).toBe(status);
  expect(res.body.error).toBe(error);
  expect(await complaintCounts(t.ctx, t.tenant.id)).toEqual(before);
  return res.body;
}

const post = (token: string, body: object) => () => t.request('POST', '/api/v1/complaints', { token, body });
const ok = { title: '服务态度差', description: '客服人员推诿扯皮。' };

describe('submission refuses bad input and writes nothing', () => {
  it('an unknown customer (404) or none at all (422)', async () => {
    await refused(post(t.as.support, { ...ok, customer_id: 999_999 }), 404, 'customer.not_found');
    await refused(post(t.as.support, ok), 422, 'complaint.reference_invalid');
  });

  it('a contact of another customer', async () => {
    const body = await refused(post(t.as.support, { ...ok, customer_id: customerId, contact_id: otherContactId }), 422, 'complaint.reference_invalid');
    expect(body.details.contact_id).toBe(otherContactId);
  });

  it('empty or oversized text', async () => {
    const empty = await refused(post(t.as.support, { customer_id: customerId, title: '   ', description: '内容' }), 422, 'complaint.text_invalid');
    expect(empty.details).toMatchObject({ field: 'title', max: 300 });
    await refused(post(t.as.support, { customer_id: customerId, title: '标题', description: '' }), 422, 'complaint.text_invalid');
    await refused(post(t.as.support, { customer_id: customerId, title: '长'.repeat(301), description: '内容' }), 422, 'complaint.text_invalid');
    const long = await refused(post(t.as.support, { customer_id: customerId, title: '标题', description: 'x'.repeat(20_001) }), 422, 'complaint.text_invalid');
    expect(long.details).toMatchObject({ field: 'description', max: 20_000, length: 20_001 });
    // Exactly at the limits is fine.
    expect((await post(t.as.support, { customer_id: customerId, title: '长'.repeat(300), description: '内'.repeat(20_000) })()).status).toBe(201);
  });

  it('an unknown ticket', async () => {
    await refused(post(t.as.support, { ...ok, service_record: { source: 'itsm', external_id: 'NOPE-1' } }), 422, 'complaint.reference_invalid');
  });

  it('a portal user naming another customer', async () => {
    await refused(post(portal, { ...ok, customer_id: otherCustomerId }), 404, 'customer.not_found');
  });

  it('unknown fields', async () => {
    await refused(post(t.as.support, { ...ok, customer_id: customerId, priority: 'P1' }), 400, 'request.invalid');
  });
});

describe('the flow refuses steps out of order (409) and writes nothing', () => {
  it('investigating before acknowledging names the allowed actions', async () => {
    const body = await refused(() => step(t.ctx, t.as.support, complaintId, 'investigation', { cause: '未知' }), 409, 'complaint.invalid_transition');
    expect(body.details).toMatchObject({ status: 'open', action: 'investigate', allowed_actions: ['acknowledge', 'assign', 'note', 'reclassify'] });
  });

  it('resolving, confirming and closing too early', async () => {
    await refused(() => step(t.ctx, t.as.support, complaintId, 'resolution', { solution: '重启', improvement_measures: '无' }), 409, 'complaint.invalid_transition');
    await refused(() => step(t.ctx, t.as.support, complaintId, 'confirmation', { accepted: true }), 409, 'complaint.invalid_transition');
    await refused(() => step(t.ctx, t.as.support, complaintId, 'close', { lessons_learned: '无' }), 409, 'complaint.invalid_transition');
  });

  it('closing without the customer having accepted, with the reason', async () => {
    const id = (await submit(t.ctx, t.as.support, { customer_id: customerId, title: '备份失败', description: '昨晚备份失败没人通知。' })).id;
    await step(t.ctx, t.as.support, id, 'acknowledge', {});
    await step(t.ctx, t.as.support, id, 'investigation', { cause: '磁盘已满' });
    await step(t.ctx, t.as.support, id, 'resolution', { solution: '扩容', improvement_measures: '容量告警' });
    const body = await refused(() => step(t.ctx, t.as.support, id, 'close', { lessons_learned: '容量要监控' }), 409, 'complaint.confirmation_required');
    expect(body.details.reason).toMatch(/not confirmed/);
    await step(t.ctx, portal, id, 'confirmation', { accepted: false });
    await step(t.ctx, t.as.support, id, 'resolution', { solution: '扩容并清理', improvement_measures: '容量告警' });
    await refused(() => step(t.ctx, t.as.support, id, 'confirmation', { accepted: true, satisfaction: 6 }), 400, 'request.invalid');
    await refused(() => step(t.ctx, t.as.support, id, 'confirmation', { accepted: true, satisfaction: 0 }), 400, 'request.invalid');
    await step(t.ctx, portal, id, 'confirmation', { accepted: true, satisfaction: 3 });
    await refused(() => step(t.ctx, portal, id, 'confirmation', { accepted: false }), 409, 'complaint.invalid_transition');
    await refused(() => step(t.ctx, t.as.support, id, 'close', { lessons_learned: '' }), 400, 'request.invalid');
    expect((await step(t.ctx, t.as.support, id, 'close', { lessons_learned: '容量要监控' })).status).toBe(200);
    await refused(() => step(t.ctx, t.as.support, id, 'notes', { note: '关闭后补充' }), 409, 'complaint.invalid_transition');
  });

  it('a resolution without both parts, a stale If-Match', async () => {
    await refused(() => step(t.ctx, t.as.support, complaintId, 'resolution', { solution: '重启' }), 400, 'request.invalid');
    await refused(() => step(t.ctx, t.as.support, complaintId, 'acknowledge', {}, { 'If-Match': `"complaint-${complaintId}-v99"` }), 412, 'precondition.failed');
  });

  it('an assignee who is not staff of the tenant', async () => {
    const portalUserId = await t.tenant.userIdOf(`customer-${customerId}@${t.tenant.code}`);
    await refused(() => step(t.ctx, t.as.support, complaintId, 'assign', { assignee_id: portalUserId }), 422, 'complaint.assignee_invalid');
    const stranger = await t.ctx.createTenant();
    const strangerId = await stranger.userIdOf(`m@${stranger.code}`);
    await refused(() => step(t.ctx, t.as.support, complaintId, 'assign', { assignee_id: strangerId }), 422, 'complaint.assignee_invalid');
  });
});

describe('isolation', () => {
  it('a portal user cannot see or act on another customer\'s complaint (404) nor do staff work (403)', async () => {
    await refused(() => t.get(`/api/v1/complaints/${complaintId}`, { token: otherPortal }), 404, 'complaint.not_found');
    await refused(() => step(t.ctx, otherPortal, complaintId, 'confirmation', { accepted: true }), 404, 'complaint.not_found');
    await refused(() => step(t.ctx, portal, complaintId, 'acknowledge', {}), 403, 'auth.forbidden');
    await refused(() => t.put(`/api/v1/complaints/${complaintId}/classification`, { token: portal, body: { category: 'billing' } }), 403, 'auth.forbidden');
    await refused(() => t.get('/api/v1/complaints/lessons', { token: portal }), 403, 'auth.forbidden');
    const list = await t.get('/api/v1/complaints', { token: otherPortal });
    expect(list.body.data.items).toEqual([]);
  });

  it('another tenant sees nothing (404) and cannot act', async () => {
    const other = await t.ctx.createTenant();
    const otherAdmin = await other.token('admin');
    await refused(() => t.get(`/api/v1/complaints/${complaintId}`, { token: otherAdmin }), 404, 'complaint.not_found');
    await refused(() => step(t.ctx, otherAdmin, complaintId, 'acknowledge', {}), 404, 'complaint.not_found');
    await refused(() => post(otherAdmin, { ...ok, customer_id: customerId })(), 404, 'customer.not_found');
    expect((await t.get('/api/v1/complaints', { token: otherAdmin })).body.data.items).toEqual([]);
  });

  it('roles without complaint rights are refused', async () => {
    const analyst = await t.tenant.token('analyst');
    await refused(post(analyst, { ...ok, customer_id: customerId }), 403, 'auth.forbidden');
    expect((await t.get(`/api/v1/complaints/${complaintId}`, { token: analyst })).status).toBe(200);
    await refused(() => t.get('/api/v1/complaints/policy', { as: 'support' }), 403, 'auth.forbidden');
  });
});
