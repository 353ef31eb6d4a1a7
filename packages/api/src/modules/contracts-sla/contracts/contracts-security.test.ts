import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact, fire, signedContract } from './contracts-test-helpers.ts';

const t = useTestTenant(['admin']);
let customerId: number;
let contractId: number;

beforeAll(async () => {
  ({ customerId } = await customerWithContact(t.ctx, t.as.admin, '合同安全测试科技有限公司'));
  const created = await t.post(`/api/v1/customers/${customerId}/contracts`, { as: 'admin', body: signedContract(t.as.admin) });
  contractId = created.body.data.id;
});

describe('contracts across tenants', () => {
  it("answers 404 for another tenant's contract and customer, and changes nothing", async () => {
    const intruder = await (await t.ctx.createTenant()).token('admin');
    const read = await t.get(`/api/v1/contracts/${contractId}`, { token: intruder });
    expect(read.status).toBe(404);
    expect(read.body.error).toBe('contract.not_found');
    const moved = await fire(t.ctx, intruder, contractId, { event: 'submit' });
    expect(moved.status).toBe(404);
    const list = await t.get(`/api/v1/customers/${customerId}/contracts`, { token: intruder });
    expect(list.status).toBe(404);
    const planted = await t.post(`/api/v1/customers/${customerId}/contracts`, { token: intruder, body: signedContract(intruder) });
    expect(planted.status).toBe(404);

    const detail = await t.get(`/api/v1/contracts/${contractId}`, { as: 'admin' });
    expect(detail.body.data).toMatchObject({ state: 'draft', transitions: [] });
  });
});

describe('contracts by role', () => {
  it('lets support read contracts but neither create nor move them', async () => {
    const support = await t.tenant.token('support');
    expect((await t.get(`/api/v1/contracts/${contractId}`, { token: support })).status).toBe(200);
    expect((await t.get(`/api/v1/customers/${customerId}/contracts`, { token: support })).status).toBe(200);
    const created = await t.post(`/api/v1/customers/${customerId}/contracts`, { token: support, body: signedContract(support) });
    expect(created.status).toBe(403);
    const moved = await fire(t.ctx, support, contractId, { event: 'submit' });
    expect(moved.status).toBe(403);
    expect(moved.body.error).toBe('auth.forbidden');
    const detail = await t.get(`/api/v1/contracts/${contractId}`, { as: 'admin' });
    expect(detail.body.data.state).toBe('draft');
  });

  it("hides the contracts of another customer from a portal user", async () => {
    const portal = await t.tenant.token('customer', { customer_id: 999999 });
    // A contract by id is a staff read (portal users see their own through their customer); never another's.
    expect((await t.get(`/api/v1/contracts/${contractId}`, { token: portal })).status).toBe(403);
    const listed = await t.get(`/api/v1/customers/${customerId}/contracts`, { token: portal });
    expect(listed.status).toBe(404);
  });

  it('refuses anonymous calls', async () => {
    expect((await t.get(`/api/v1/contracts/${contractId}`)).status).toBe(401);
  });
});
