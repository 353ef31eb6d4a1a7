import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';

/** Postgres type ids of timestamptz, date, time, timestamp, timetz and their arrays' elements. */
const TIME_TYPES = [1184, 1082, 1083, 1114, 1266];

/** The drizzle handle every service receives; a transaction has the same shape. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DatabaseHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** PGlite only: the raw instance (tests dump and clone it). */
  pglite?: PGlite;
};

export type CreateDbOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

/**
 * Opens the embedded PGlite database or a Postgres pool; both speak the same schema and migrations.
 * @example const { db, close } = await createDb({ kind: 'postgres', url: process.env.DATABASE_URL! });
 */
export async function createDb(options: CreateDbOptions): Promise<DatabaseHandle> {
  if (options.kind === 'pglite') {
    const pglite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm, btree_gist },
    });
    const db = drizzlePglite(pglite) as unknown as Db;
    return { db, kind: 'pglite', pglite, close: () => pglite.close() };
  }
  const client = postgres(options.url, {
    max: options.poolSize ?? 10,
    onnotice: () => {},
    // JIT compilation pays off only for long analytic scans; on this API's statements it cost more than it
    // saved (3.5 s of compiling in a 10 s portfolio query whose row estimates crossed jit_above_cost).
    connection: { application_name: 'crm-api', jit: 'off' },
  });
  const db = drizzlePostgres(client) as unknown as Db;
  // drizzle hands postgres.js its own strings for date and time columns and turns the driver's serializers
  // off; a Date bound in a raw `sql` template (a job's `now`) would then reach the wire as an object and fail
  // on Postgres while PGlite accepts it. Serialise Dates the way PGlite does, so both databases agree.
  for (const type of TIME_TYPES) client.options.serializers[type] = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}
