import { call, type TestContext } from '../../../test-support/index.ts';

/** The user a test token was issued for (its `sub`). */
export const userIdOfToken = (token: string): number => Number(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub);

/**
 * A past signing day and a period long enough that no date guard fires during the tests, signed for us by the
 * caller of `token` (a member of staff of the contract's tenant who may work customers).
 */
export const signedContract = (token: string) => ({
  title: '年度运维服务合同',
  start_date: '2025-01-01',
  end_date: '2030-12-31',
  signing_date: '2024-12-20',
  staff_signatory_id: userIdOfToken(token),
  amount: '120000.00',
});

/** A customer with one contact, created through the API; returns both ids. */
export async function customerWithContact(ctx: TestContext, token: string, name: string): Promise<{ customerId: number; contactId: number }> {
  const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token, body: { customer_name: name, contacts: [{ contact_name: '张总', mobile: '13800138000' }] } });
  if (res.status !== 200) throw new Error(`customer not created: ${res.text}`);
  return { customerId: res.body.data.customer_id, contactId: res.body.data.contacts[0].id };
}

/** Fires a lifecycle event through the API. */
export const fire = (ctx: TestContext, token: string, contractId: number, body: object, headers?: Record<string, string>) =>
  call(ctx.app, 'POST', `/api/v1/contracts/${contractId}/transitions`, { token, body, headers });
