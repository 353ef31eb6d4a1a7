import { call, type TestContext } from '../../../test-support/index.ts';
import { customerWithContact, fire, signedContract } from '../contracts/contracts-test-helpers.ts';

/** A contract of a new customer, signed, submitted and approved through the API: it is in force and bound. */
export async function activeContract(
  ctx: TestContext,
  token: string,
  name: string,
  fields: Record<string, unknown> = {},
  customer: Record<string, unknown> = {},
): Promise<{ customerId: number; contactId: number; contractId: number }> {
  const { customerId, contactId } = await customerWithContact(ctx, token, name);
  if (Object.keys(customer).length > 0) {
    const current = await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token });
    const patched = await call(ctx.app, 'PATCH', `/api/v1/customers/${customerId}`, { token, body: customer, headers: { 'If-Match': current.headers.get('etag')! } });
    if (patched.status !== 200) throw new Error(`customer not updated: ${patched.text}`);
  }
  const contractId = await approvedContractOf(ctx, token, customerId, contactId, fields);
  return { customerId, contactId, contractId };
}

/** Creates, submits and approves a contract of an existing customer; returns its id. */
export async function approvedContractOf(ctx: TestContext, token: string, customerId: number, contactId: number, fields: Record<string, unknown> = {}): Promise<number> {
  const created = await call(ctx.app, 'POST', `/api/v1/customers/${customerId}/contracts`, { token, body: { ...signedContract(token), customer_signatory_id: contactId, ...fields } });
  if (created.status !== 201) throw new Error(`contract not created: ${created.text}`);
  const id = created.body.data.id as number;
  for (const event of ['submit', 'approve']) {
    const res = await fire(ctx, token, id, { event });
    if (res.status !== 200) throw new Error(`${event} failed: ${res.text}`);
  }
  return id;
}

/** The effective SLA of a customer at a Beijing local time (`2026-03-01T10:00:00`). */
export const effectiveAt = (ctx: TestContext, token: string, customerId: number, local: string) =>
  call(ctx.app, 'GET', `/api/v1/customers/${customerId}/effective-sla?at=${encodeURIComponent(`${local}+08:00`)}`, { token });
