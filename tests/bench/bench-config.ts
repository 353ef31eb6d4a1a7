/** Settings shared by the generator and the runner; every one can be overridden from the environment. */
const env = process.env;

/** Where the bench data lives; the generator drops and recreates this database. */
export const BENCH_DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crm_bench';

/** Fixed keys, so data generated once can be read by every later run (bench data only, never production). */
export const BENCH_KEYS = {
  encryptionKeys: env.BENCH_ENCRYPTION_KEYS ?? `bench1:${Buffer.alloc(32, 7).toString('base64')}`,
  blindIndexKey: env.BENCH_BLIND_INDEX_KEY ?? Buffer.alloc(32, 11).toString('base64'),
  jwtSecret: env.BENCH_JWT_SECRET ?? 'bench-only-jwt-secret-0123456789abcdef',
};

export const BENCH_TENANT = { code: 'bench', name: '压测租户' };

/** Data volume of REQ-016 §10 (100k customers, 300k contacts) and REQ-016-009 (150k contracts). */
export const BENCH_SIZE = {
  customers: Number(env.BENCH_CUSTOMERS ?? 100_000),
  contacts: Number(env.BENCH_CONTACTS ?? 300_000),
  contracts: Number(env.BENCH_CONTRACTS ?? 150_000),
  managers: 20,
};

/** The logins the runner creates: a 客户经理 (reads contacts unmasked, so reads are audited) and support (masked). */
export const BENCH_USERS = {
  manager: { username: 'bench-manager@bench', roles: ['manager'] },
  support: { username: 'bench-support@bench', roles: ['support'] },
  password: 'bench-password-123',
};

/** Replaces the database name of a Postgres URL (to reach the maintenance database). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The database name of a Postgres URL. */
export const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));
