import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type DatabaseHandle } from '../db/create-db.ts';
import { withDatabase } from './global-setup.ts';

let snapshot: Blob | null = null;

/** The same server URL on another port (a proxy in front of it), or unchanged. */
const withPort = (url: string, port: number | undefined) => {
  if (!port) return url;
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
};

/**
 * A fresh, migrated database for one test file: a PGlite clone of the run's snapshot, or — when the
 * project runs with CRM_TEST_DB=postgres — a new Postgres database copied from the run's template and
 * dropped again by `close()`, so parallel workers never collide. `connectPort` makes the API reach that
 * database through another loopback port (a proxy that a test stops and starts).
 */
export async function openTestDatabase(options: { connectPort?: number } = {}): Promise<DatabaseHandle> {
  const template = inject('postgresTemplate');
  const url = process.env.DATABASE_URL;
  if (process.env.CRM_TEST_DB === 'postgres') {
    if (!url || !template) throw new Error('CRM_TEST_DB=postgres needs DATABASE_URL and the template the global setup migrates');
    const name = `crm_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    await admin.end();
    const handle = await createDb({ kind: 'postgres', url: withPort(withDatabase(url, name), options.connectPort), poolSize: 5 });
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
