import { eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/create-db.ts';
import { customerContacts } from '../modules/customers/contacts/contacts.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { customerDepartments } from '../modules/customers/org-structure/org-structure.schema.ts';
import { customerTags, tagGroups, tags } from '../modules/customers/tags/tags.schema.ts';
import { tenants } from '../platform/identity/tenants.schema.ts';
import { users } from '../platform/identity/users.schema.ts';
import { codeSequences } from '../platform/platform.schema.ts';
import { hashPassword } from '../platform/auth/password.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { generateDemoData } from './demo-data.ts';
import { buildTenantRows, rowCounts, type AllocatedIds } from './demo-rows.ts';
import type { DemoTenant } from './demo-types.ts';
import { seedDemoContracts } from './demo-contracts.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoHealth } from './demo-health.ts';
import { seedDemoGrowth } from './demo-growth.ts';
import { DEMO_PASSWORD } from './demo-users.ts';

export { DEMO_LOGINS, DEMO_PASSWORD } from './demo-users.ts';

/** Rows per INSERT: far below Postgres' 65,535 bind parameters for the widest table. */
const CHUNK = 500;

/** What {@link seedDemo} did; `tenants` lists the demo tenants whether just created or already there. */
/** `surveyLink`: an unanswered demo survey link (site-relative), when the demo was seeded just now. */
export type SeedResult = { seeded: boolean; tenants: { code: string; id: number }[]; surveyLink?: string | null };

/** Draws `count` values from a table's identity sequence, so rows can reference each other before insert. */
async function allocateIds(tx: Db, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await tx
    .select({ id: sql<number>`nextval(pg_get_serial_sequence(${table}, 'id'))`.mapWith(Number) })
    .from(sql`generate_series(1, ${count})`);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * REQ-016 §8's example creates a customer for 客户经理 1001. The demo's users are numbered from 1000, so its
 * second user — 张经理 (manager@demo) — is 1001 and the example posts as written to a fresh demo.
 */
export const DEMO_FIRST_USER_ID = 1000;

/** Moves the users' identity sequence so the next id is `first`, unless it is already past it. */
async function startDemoUsersAt(tx: Db, first: number): Promise<void> {
  await tx.execute(sql`select setval(pg_get_serial_sequence('users', 'id'), greatest(${first - 1}, (select coalesce(max(id), 0) from users)))`);
}

async function insertChunked(tx: Db, table: PgTable, rows: Record<string, unknown>[], withIds: boolean): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // Ids come from the identity sequences (allocateIds), so writing them explicitly cannot collide.
    await (withIds ? tx.insert(table).overridingSystemValue() : tx.insert(table)).values(chunk as never);
  }
}

async function writeTenant(tx: Db, tenantId: number, tenant: DemoTenant, ring: KeyRing, passwordHash: string): Promise<void> {
  // The policies of FORCE ROW LEVEL SECURITY tables admit only rows of the transaction's tenant.
  await tx.execute(sql`select set_config('app.tenant_id', ${String(tenantId)}, true)`);
  const counts = rowCounts(tenant);
  if (tenant.code === 'demo') await startDemoUsersAt(tx, DEMO_FIRST_USER_ID);
  const ids: AllocatedIds = {
    users: await allocateIds(tx, 'users', counts.users),
    customers: await allocateIds(tx, 'customers', counts.customers),
    departments: await allocateIds(tx, 'customer_departments', counts.departments),
    contacts: await allocateIds(tx, 'customer_contacts', counts.contacts),
    tagGroups: await allocateIds(tx, 'tag_groups', counts.tagGroups),
    tags: await allocateIds(tx, 'tags', counts.tags),
  };
  const rows = buildTenantRows(tenant, { tenantId, ids, ring, passwordHash });
  await insertChunked(tx, users, rows.users, true);
  await insertChunked(tx, customers, rows.customers, true);
  await insertChunked(tx, customerDepartments, rows.departments, true);
  await insertChunked(tx, customerContacts, rows.contacts, true);
  await insertChunked(tx, tagGroups, rows.tagGroups, true);
  await insertChunked(tx, tags, rows.tags, true);
  await insertChunked(tx, customerTags, rows.customerTags, false);
  await insertChunked(tx, codeSequences, rows.codeSequences, false);
}

/**
 * Seeds the demo tenant (演示租户: staff logins, ~240 customers with contacts, org charts, tags) and a
 * second tenant `acme` for isolation checks, in one transaction. Idempotent: when tenant `demo` exists it
 * does nothing and returns `seeded: false`; concurrent callers serialise on the tenant code's unique key.
 * @example const { seeded } = await seedDemo(db, keyRing); if (seeded) console.log(DEMO_LOGINS);
 */
export async function seedDemo(db: Db, keyRing: KeyRing, options: { now?: Date } = {}): Promise<SeedResult> {
  const existing = await demoTenants(db);
  // The usual restart: skip generating and hashing when the demo is already there.
  if (existing.some((t) => t.code === 'demo')) return { seeded: false, tenants: existing };
  const now = options.now ?? new Date();
  const data = generateDemoData({ now });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const [demo] = await tx
      .insert(tenants)
      .values({ code: 'demo', name: '演示租户' })
      .onConflictDoNothing({ target: tenants.code })
      .returning({ id: tenants.id });
    if (!demo) return { seeded: false, tenants: await demoTenants(tx) };
    const created: SeedResult['tenants'] = [];
    let surveyLink: string | null = null;
    for (const tenant of data) {
      const { id, created: isNew } = tenant.code === 'demo' ? { id: demo.id, created: true } : await ensureTenant(tx, tenant);
      // An `acme` tenant that someone else already made is left as it is.
      if (isNew) await writeTenant(tx, id, tenant, keyRing, passwordHash);
      if (isNew && tenant.code === 'demo') {
        await seedDemoContracts(tx, id, keyRing, { manager_data_scope: 'all' }, now);
        await seedDemoService(tx, id, keyRing, { manager_data_scope: 'all' }, now);
        await seedDemoHealth(tx, id, keyRing, { manager_data_scope: 'all' }, now);
        surveyLink = (await seedDemoGrowth(tx, id, keyRing, { manager_data_scope: 'all' }, now)).sampleLink;
      }
      created.push({ code: tenant.code, id });
    }
    return { seeded: true, tenants: created, surveyLink };
  });
}

function demoTenants(db: Db): Promise<SeedResult['tenants']> {
  return db.select({ code: tenants.code, id: tenants.id }).from(tenants).where(inArray(tenants.code, ['demo', 'acme']));
}

async function ensureTenant(tx: Db, tenant: DemoTenant): Promise<{ id: number; created: boolean }> {
  const [row] = await tx
    .insert(tenants)
    .values({ code: tenant.code, name: tenant.name })
    .onConflictDoNothing({ target: tenants.code })
    .returning({ id: tenants.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.code, tenant.code));
  return { id: (existing as { id: number }).id, created: false };
}
