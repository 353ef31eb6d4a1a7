import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/migrate.ts';
import { rawRows } from '../../db/raw-rows.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../../test-support/index.ts';
import type { AppEnv } from '../app-env.ts';
import { handleError } from '../error-handler.ts';
import { USER_FOREIGN_KEY_NAMES } from '../staff-users.ts';

// The database itself keeps every user column inside the row's tenant, whatever the code does; and the
// upgrade that adds those keys repairs what an older database may hold, so it cannot fail.

let ctx: TestContext;
let acme: TestTenant;
let admin: string;
let managerId: number;
let foreignId: number;
let customerId: number;

const rows = async <T>(query: SQL) => rawRows<T>(await ctx.handle.db.execute(query));
/** The SQLSTATE and constraint a statement fails with (null when it succeeds). */
async function refusal(query: SQL): Promise<{ code: string; constraint: string } | null> {
  try {
    await ctx.handle.db.execute(query);
    return null;
  } catch (error) {
    let e: any = error;
    while (e && !e.code && e.cause) e = e.cause;
    return { code: e?.code, constraint: e?.constraint ?? e?.constraint_name };
  }
}
const statementsOf = (file: string) =>
  readFileSync(path.join(migrationsFolder, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);

beforeAll(async () => {
  ctx = await createTestContext();
  acme = await ctx.createTenant();
  const other = await ctx.createTenant();
  admin = await acme.token('admin');
  managerId = await acme.userIdOf('manager@acme');
  foreignId = await other.userIdOf('manager@other');
  const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body: { customer_name: '外键检查客户有限公司', assigned_manager_id: managerId } });
  customerId = res.body.data.customer_id;
});
afterAll(() => ctx.close());

describe('user foreign keys', () => {
  it('put every user column of every table under a composite key (tenant_id, x) → users(tenant_id, id), each known to the error handler', async () => {
    const keys = await rows<{ name: string; definition: string; validated: boolean }>(sql`
      select conname as name, pg_get_constraintdef(oid) as definition, convalidated as validated
      from pg_constraint where contype = 'f' and confrelid = 'users'::regclass and conparentid = 0 order by conname`);
    expect(keys.map((k) => k.name).sort()).toEqual([...USER_FOREIGN_KEY_NAMES].sort());
    for (const key of keys) {
      expect(key.definition).toMatch(/^FOREIGN KEY \(tenant_id, \w+\) REFERENCES users\(tenant_id, id\)/);
      expect(key.validated).toBe(true);
    }
  });

  it('refuses a direct insert or update naming another tenant’s user (23503)', async () => {
    expect(await refusal(sql`update customers set assigned_manager_id = ${foreignId} where tenant_id = ${acme.id} and id = ${customerId}`)).toEqual({ code: '23503', constraint: 'customers_assigned_manager_id_fk' });
    expect(await refusal(sql`insert into tasks (tenant_id, title, type, assignee_id) values (${acme.id}, '越界', 'qbr', ${foreignId})`)).toEqual({ code: '23503', constraint: 'tasks_assignee_id_fk' });
    expect(await refusal(sql`insert into notifications (tenant_id, recipient_id, kind, title_zh, title_en, dedupe_key) values (${acme.id}, ${foreignId}, 'x', '标题', 'title', 'fk-check')`)).toEqual({
      code: '23503',
      constraint: 'notifications_recipient_id_fk',
    });
    // communications is partitioned by month: the key holds on every partition.
    expect(await refusal(sql`insert into communications (tenant_id, occurred_at, customer_id, kind, created_by) values (${acme.id}, now(), ${customerId}, 'call', ${foreignId})`)).toEqual({
      code: '23503',
      constraint: 'communications_created_by_fk',
    });
    expect(await refusal(sql`update customers set assigned_manager_id = ${managerId} where tenant_id = ${acme.id} and id = ${customerId}`)).toBeNull();
  });

  it('answer 422 when the database refuses a user id the check let through', async () => {
    const app = new Hono<AppEnv>()
      .get('/manager', async () => {
        await ctx.handle.db.execute(sql`update customers set assigned_manager_id = ${foreignId} where tenant_id = ${acme.id} and id = ${customerId}`);
        return new Response('written');
      })
      .get('/assignee', async () => {
        await ctx.handle.db.execute(sql`insert into tasks (tenant_id, title, type, assignee_id) values (${acme.id}, '越界', 'qbr', ${foreignId})`);
        return new Response('written');
      })
      .onError(handleError);
    const manager = await app.request('/manager');
    expect(manager.status).toBe(422);
    expect(await manager.json()).toMatchObject({ error: 'user.reference_invalid', details: { field: 'assigned_manager_id', reason: 'not_in_tenant' } });
    const assignee = await app.request('/assignee');
    expect(assignee.status).toBe(422);
    expect(await assignee.json()).toMatchObject({ error: 'task.assignee_invalid', details: { field: 'assignee_id', reason: 'not_in_tenant' } });
  });

  it('are added by an upgrade that first repairs the cross-tenant and dangling references an older database holds', async () => {
    const complaint = await call(ctx.app, 'POST', '/api/v1/complaints', { token: admin, body: { customer_id: customerId, title: '升级检查投诉', description: '数据修复前的投诉' } });
    const complaintId = complaint.body.data.id;
    await call(ctx.app, 'PUT', `/api/v1/complaints/${complaintId}/classification`, { token: admin, body: { severity: 'high' } });
    const task = await call(ctx.app, 'POST', '/api/v1/tasks', { token: admin, body: { title: '升级检查任务', type: 'qbr', assignee_id: managerId } });
    const kept = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body: { customer_name: '保留经理客户有限公司', assigned_manager_id: managerId } });
    const [before] = await rows<{ notifications: number; corrections: number }>(sql`select
      (select count(*)::int from notifications where tenant_id = ${acme.id}) as notifications,
      (select count(*)::int from complaint_classifier_corrections where tenant_id = ${acme.id}) as corrections`);
    expect(before!.corrections).toBe(1);

    // An older database: no keys, and references that name another tenant's user or nobody.
    for (const statement of statementsOf('0027_user_references.sql')) {
      const [, table, constraint] = statement.match(/ALTER TABLE "(\w+)" ADD CONSTRAINT "(\w+)"/)!;
      await ctx.handle.db.execute(sql.raw(`alter table "${table}" drop constraint "${constraint}"`));
    }
    await ctx.handle.db.execute(sql`update customers set assigned_manager_id = ${foreignId} where tenant_id = ${acme.id} and id = ${customerId}`);
    await ctx.handle.db.execute(sql`update complaints set assignee_id = ${foreignId}, queue = null where tenant_id = ${acme.id} and id = ${complaintId}`);
    await ctx.handle.db.execute(sql`update complaint_classifier_corrections set corrected_by = 0 where tenant_id = ${acme.id}`);
    await ctx.handle.db.execute(sql`update tasks set created_by = ${foreignId} where tenant_id = ${acme.id} and id = ${task.body.data.id}`);
    await ctx.handle.db.execute(sql`update notifications set recipient_id = ${foreignId} where tenant_id = ${acme.id} and kind = 'task.assigned'`);
    await ctx.handle.db.execute(sql`insert into communications (tenant_id, occurred_at, customer_id, kind, created_by) values (${acme.id}, now(), ${customerId}, 'call', 424242)`);

    await ctx.handle.db.transaction(async (tx) => {
      for (const statement of [...statementsOf('0026_user_reference_repair.sql'), ...statementsOf('0027_user_references.sql')]) await tx.execute(sql.raw(statement));
    });

    const [after] = await rows<Record<string, unknown>>(sql`select
      (select assigned_manager_id from customers where tenant_id = ${acme.id} and id = ${customerId}) as manager,
      (select assigned_manager_id::int from customers where tenant_id = ${acme.id} and id = ${kept.body.data.customer_id}) as kept_manager,
      (select assignee_id from complaints where tenant_id = ${acme.id} and id = ${complaintId}) as assignee,
      (select queue from complaints where tenant_id = ${acme.id} and id = ${complaintId}) as queue,
      (select count(*)::int from complaint_classifier_corrections where tenant_id = ${acme.id} and corrected_by is null) as anonymous_corrections,
      (select created_by from tasks where tenant_id = ${acme.id} and id = ${task.body.data.id}) as task_author,
      (select count(*)::int from notifications where tenant_id = ${acme.id}) as notifications,
      (select count(*)::int from communications where tenant_id = ${acme.id} and created_by is null) as anonymous_calls,
      (select relforcerowsecurity from pg_class where oid = 'customers'::regclass) as customers_forced,
      (select count(*)::int from pg_constraint where contype = 'f' and confrelid = 'users'::regclass and conparentid = 0) as keys`);
    expect(after).toEqual({
      manager: null,
      kept_manager: managerId,
      assignee: null,
      queue: 'complaints',
      anonymous_corrections: 1,
      task_author: null,
      notifications: before!.notifications - 1,
      anonymous_calls: 1,
      customers_forced: true,
      keys: USER_FOREIGN_KEY_NAMES.length,
    });
  });
});
