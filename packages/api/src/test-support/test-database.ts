import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type DatabaseHandle } from '../db/create-db.ts';
import { withDatabase } from './global-setup.ts';

let snapshot: Blob | null = null;

/**
 * A fresh, migrated database for one test file: a PGlite clone of the run's snapshot, or — when the
 * project runs with CRM_TEST_DB=postgres — a new Postgres database copied from the run's template and
 * dropped again by `close()`, so parallel workers never collide.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const template = inject('postgresTemplate');
  const url = process.env.DATABASE_URL;
  if (process.env.CRM_TEST_DB === 'postgres' && url && template) {
    const name = `crm_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    await admin.end();
    const handle = await createDb({ kind: 'postgres', url: withDatabase(url, name), poolSize: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const dropper = postgres(url, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  snapshot ??= new Blob([await readFile(inject('pgliteSnapshot'))]);
  return createDb({ kind: 'pglite', loadDataDir: snapshot });
}
