import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { createDb } from '../db/create-db.ts';
import { migrate } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}

/**
 * Runs once per test run: migrates one PGlite database and dumps it (test files clone the dump in
 * ~0.5 s instead of initdb + migrate), and on Postgres migrates a template database that every test
 * file copies with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-test-'));
  const snapshot = path.join(dir, 'pglite-snapshot.tar');
  const handle = await createDb({ kind: 'pglite' });
  await migrate(handle);
  const blob = await handle.pglite!.dumpDataDir('none');
  writeFileSync(snapshot, Buffer.from(await blob.arrayBuffer()));
  await handle.close();
  project.provide('pgliteSnapshot', snapshot);

  let template = '';
  const url = process.env.DATABASE_URL;
  // The project's `env` reaches its test workers, not this hook (it runs in vitest's main process): read
  // the project's own setting, or the Postgres project would quietly test PGlite twice.
  if (url && (project.config.env?.CRM_TEST_DB ?? process.env.CRM_TEST_DB) === 'postgres') {
    template = `crm_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const pg = await createDb({ kind: 'postgres', url: withDatabase(url, template), poolSize: 1 });
    await migrate(pg);
    await pg.close();
    await admin.end();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (template && url) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
