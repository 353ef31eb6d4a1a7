import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { call, type TestContext } from '../../../test-support/index.ts';

/** A customer created through the API with the given level and manager; returns its id and its contact's. */
export async function complaintCustomer(ctx: TestContext, token: string, name: string, extra: { level?: number; assigned_manager_id?: number | null } = {}) {
  const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', {
    token,
    body: { customer_name: name, level: extra.level ?? 1, assigned_manager_id: extra.assigned_manager_id ?? null, contacts: [{ contact_name: '王经理', mobile: '13900139000' }] },
  });
  if (res.status !== 200) throw new Error(`customer not created: ${res.text}`);
  return { customerId: res.body.data.customer_id as number, contactId: res.body.data.contacts[0].id as number };
}

/** Submits a complaint; throws unless it was created. */
export async function submit(ctx: TestContext, token: string, body: object) {
  const res = await call(ctx.app, 'POST', '/api/v1/complaints', { token, body });
  if (res.status !== 201) throw new Error(`complaint not submitted: ${res.text}`);
  return res.body.data as { id: number; complaint_no: string; [key: string]: any };
}

/** A POST step on a complaint. */
export const step = (ctx: TestContext, token: string, id: number, path: string, body: object, headers?: Record<string, string>) =>
  call(ctx.app, 'POST', `/api/v1/complaints/${id}/${path}`, { token, body, headers });

/** Row counts of the complaint tables (and notifications, audit, events) of a tenant: "nothing written" checks. */
export async function complaintCounts(ctx: TestContext, tenantId: number) {
  const [row] = rawRows<Record<string, string>>(
    await ctx.handle.db.execute(sql`select
      (select count(*) from complaints where tenant_id = ${tenantId}) as complaints,
      (select count(*) from complaint_events where tenant_id = ${tenantId}) as events,
      (select count(*) from complaint_escalations where tenant_id = ${tenantId}) as escalations,
      (select count(*) from complaint_classifier_corrections where tenant_id = ${tenantId}) as corrections,
      (select count(*) from complaint_policies where tenant_id = ${tenantId}) as policies,
      (select count(*) from notifications where tenant_id = ${tenantId}) as notifications,
      (select count(*) from audit_log where tenant_id = ${tenantId}) as audit,
      (select count(*) from events where tenant_id = ${tenantId}) as outbox`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}
