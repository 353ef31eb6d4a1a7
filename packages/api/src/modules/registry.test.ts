import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/create-db.ts';
import { rawRows } from '../db/raw-rows.ts';
import * as tenantTables from '../platform/identity/tenants.schema.ts';
import * as userTables from '../platform/identity/users.schema.ts';
import * as platformTables from '../platform/platform.schema.ts';
import { openTestDatabase } from '../test-support/index.ts';
import { modules } from './registry.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(here)
  .filter((area) => statSync(path.join(here, area)).isDirectory())
  .flatMap((area) => readdirSync(path.join(here, area)).map((module) => `${area}/${module}`));
const platformTableNames = [tenantTables, userTables, platformTables].flatMap((namespace) => Object.values(namespace).filter((value) => is(value, PgTable)).map((table) => getTableName(table as PgTable)));

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('the module registry (modules/registry.ts)', () => {
  it('lists every module folder once, by its folder name', () => {
    expect(modules.map((module) => module.name).sort()).toEqual([...folders].sort());
  });

  it('gives every table of the migrated database exactly one owner: a module or the platform', async () => {
    const owned = [...modules.flatMap((module) => module.tables.map((table) => getTableName(table))), ...platformTableNames];
    expect(owned.length).toBe(new Set(owned).size);
    // Tables and partitioned tables, not their partitions (communications_202401 …) nor the read-model views.
    const rows = rawRows<{ relname: string }>(
      await handle.db.execute(sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`),
    );
    expect(rows.map((row) => row.relname).sort()).toEqual(owned.sort());
  });

  it('names every job once, `<module>.<job>`, and declares personal data only on tables the module owns', () => {
    const jobs = modules.flatMap((module) => (module.jobs ?? []).map((job) => job.name));
    expect(jobs.length).toBeGreaterThanOrEqual(8);
    expect(new Set(jobs).size).toBe(jobs.length);
    for (const module of modules) {
      for (const job of module.jobs ?? []) expect(job.name.split('.')[0]).toBe(module.name.split('/')[1]);
      for (const data of module.personalData ?? []) expect(module.tables).toContain(data.table);
    }
  });

  it('publishes each OpenAPI tag from one module', () => {
    const tags = modules.flatMap((module) => (module.tags ?? []).map((tag) => tag.name));
    expect(tags.length).toBeGreaterThan(30);
    expect(new Set(tags).size).toBe(tags.length);
  });
});
