/**
 * Loads the REQ-016 §10 volume (100k customers, 300k contacts, their departments and tags) and the
 * REQ-016-009 one (150k contracts with their SLA bindings over the default catalogue), the service history
 * and the health inputs (finance, usage, operations signals; bench/health-data.ts) for one bench
 * tenant into BENCH_DATABASE_URL, recreating the database and applying the committed migrations first.
 * Run: `pnpm --filter @crm/tests exec tsx bench/generate.ts`.
 */
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { createDb } from '../../packages/api/src/db/create-db.ts';
import { migrate } from '../../packages/api/src/db/migrate.ts';
import { hashPassword } from '../../packages/api/src/platform/auth/password.ts';
import { createKeyRing } from '../../packages/api/src/platform/crypto/key-ring.ts';
import { DEMO_TAG_GROUPS } from '../../packages/api/src/seed/demo-org.ts';
import { BENCH_DATABASE_URL, BENCH_KEYS, BENCH_SIZE, BENCH_TENANT, databaseOf, withDatabase } from './bench-config.ts';
import {
  benchFaker, CONTACT_COLUMNS, contactRows, CUSTOMER_COLUMNS, CUSTOMER_TAG_COLUMNS, customerRows, customerTagRows,
  DEPARTMENT_COLUMNS, departmentRows, planBench,
} from './bench-data.ts';
import { BINDING_COLUMNS, bindingRows, CONTRACT_COLUMNS, contractRows, defaultCatalogue, planContracts, type CatalogueVersions } from './contract-data.ts';
import { copyRows } from './copy-rows.ts';
import { generateHealthData } from './health-data.ts';
import { generateServiceData } from './service-data.ts';


/** Drops and recreates the bench database, then applies the API's migrations to it. */
async function recreateDatabase(url: string): Promise<void> {
  const name = databaseOf(url);
  const admin = postgres(withDatabase(url, 'postgres'), { onnotice: () => {} });
  await admin`drop database if exists ${admin(name)} with (force)`;
  await admin`create database ${admin(name)}`;
  await admin.end();
  const handle = await createDb({ kind: 'postgres', url });
  await migrate(handle);
  await handle.close();
}

/**
 * Recreates the bench database and loads it; returns the seconds it took.
 * @example const seconds = await generateBenchData();
 */
export async function generateBenchData(url = BENCH_DATABASE_URL): Promise<number> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const log = (message: string) => console.log(`[${seconds().padStart(6)} s] ${message}`);
  await recreateDatabase(url);
  log(`database ${databaseOf(url)} recreated and migrated`);

  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const ring = createKeyRing({ keys: BENCH_KEYS.encryptionKeys, blindIndexKey: BENCH_KEYS.blindIndexKey });
  const [tenant] = await sql<{ id: number }[]>`insert into tenants (code, name) values (${BENCH_TENANT.code}, ${BENCH_TENANT.name}) returning id::int`;
  const tenantId = tenant!.id;
  const passwordHash = await hashPassword(`${Math.random()}`);
  const managers = Array.from({ length: BENCH_SIZE.managers }, (_, i) => ({
    tenant_id: tenantId,
    username: `mgr${String(i + 1).padStart(2, '0')}@bench`,
    display_name: `客户经理${String(i + 1).padStart(2, '0')}`,
    password_hash: passwordHash,
    roles: ['manager'],
  }));
  const managerIds = (await sql<{ id: number }[]>`insert into users ${sql(managers)} returning id::int`).map((r) => r.id);
  const tagIds: number[] = [];
  for (const group of DEMO_TAG_GROUPS) {
    const [g] = await sql<{ id: number }[]>`insert into tag_groups (tenant_id, name) values (${tenantId}, ${group.name}) returning id::int`;
    const rows = group.tags.map((t) => ({ tenant_id: tenantId, group_id: g!.id, name: t.name, color: t.color }));
    tagIds.push(...(await sql<{ id: number }[]>`insert into tags ${sql(rows)} returning id::int`).map((r) => r.id));
  }

  const f = benchFaker(20_240_811);
  const plan = planBench(f, { ...BENCH_SIZE, tenantId, managerIds, now: new Date() });
  const columns = await sql<{ column_name: string }[]>`select column_name from information_schema.columns where table_name = 'customers'`;
  const withCompleteness = columns.some((c) => c.column_name === 'completeness_missing');
  const customerColumns = withCompleteness ? [...CUSTOMER_COLUMNS, 'completeness_score', 'completeness_missing'] : CUSTOMER_COLUMNS;
  log(`tenant ${tenantId}, ${managerIds.length} managers, ${tagIds.length} tags; plan ready`);

  log(`customers: ${await copyRows(sql, 'customers', customerColumns, customerRows(f, plan, withCompleteness))}`);
  const [departments, tagged] = await Promise.all([
    copyRows(sql, 'customer_departments', DEPARTMENT_COLUMNS, departmentRows(plan)),
    copyRows(sql, 'customer_tags', CUSTOMER_TAG_COLUMNS, customerTagRows(benchFaker(7), plan, tagIds)),
  ]);
  log(`departments: ${departments}, customer tags: ${tagged}`);
  log(`contacts: ${await copyRows(sql, 'customer_contacts', CONTACT_COLUMNS, contactRows(f, plan, ring))}`);

  // The catalogue ensureSlaCatalogue would create on the first SLA request: the four tiers, version 1 published.
  const catalogue: CatalogueVersions = [];
  for (const tier of defaultCatalogue) {
    const [row] = await sql<{ id: number }[]>`insert into sla_tiers (tenant_id, code, name_zh, name_en, rank, description) values (${tenantId}, ${tier.code}, ${tier.name_zh}, ${tier.name_en}, ${tier.rank}, ${tier.description}) returning id::int`;
    const v = tier.version;
    const [version] = await sql<{ id: number }[]>`
      insert into sla_versions (tenant_id, tier_id, version_no, status, service_hours, targets, availability_target, escalation, service_credits, reviews_per_year, published_at, created_by)
      values (${tenantId}, ${row!.id}, 1, 'published', ${v.service_hours}, ${sql.json(v.targets)}, ${v.availability_target}, ${sql.json(v.escalation)}, ${sql.json(v.service_credits)}, ${v.reviews_per_year}, '2021-12-01T00:00:00Z', 'system')
      returning id::int`;
    catalogue.push({ versionId: version!.id, rank: tier.rank, code: tier.code, name: tier.name_zh });
  }
  const today = Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000);
  const contracts = planContracts(benchFaker(20_261_126), { customers: BENCH_SIZE.customers, contracts: BENCH_SIZE.contracts, today });
  const contractSequences = new Map<string, number>();
  log(`contracts: ${await copyRows(sql, 'contracts', CONTRACT_COLUMNS, contractRows(benchFaker(11), contracts, { tenantId, managerIds, catalogue, sequences: contractSequences }))}`);
  // One COPY, one transaction: the deferred coverage trigger checks every contract's tiling at its commit.
  log(`SLA bindings: ${await copyRows(sql, 'contract_sla_bindings', BINDING_COLUMNS, bindingRows(contracts, { tenantId, catalogue }))} (coverage checked at commit)`);
  for (const [scope, last] of contractSequences) plan.sequences.set(scope, last);

  const sequences = [...plan.sequences].map(([scope, last_value]) => ({ tenant_id: tenantId, scope, last_value }));
  for (let i = 0; i < sequences.length; i += 1000) await sql`insert into code_sequences ${sql(sequences.slice(i, i + 1000))}`;
  // Rows were written with explicit ids: move the identity sequences past them for the API's inserts.
  for (const table of ['customers', 'customer_contacts', 'customer_departments', 'contracts', 'contract_sla_bindings']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql(table)}))`;
  }
  log('code sequences and identity sequences set');
  await generateServiceData(sql, tenantId, BENCH_SIZE.customers, managerIds, log);
  await generateHealthData(sql, tenantId, BENCH_SIZE.customers, log);
  // Autovacuum may be off (it is on this machine's Postgres): set hint bits and the visibility map now,
  // as a long-lived database would have them, so the first benchmark reads do not write.
  await sql`vacuum (freeze, analyze)`;
  log(`vacuumed and analyzed; done in ${seconds()} s`);
  await sql.end();
  return (performance.now() - started) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await generateBenchData();
