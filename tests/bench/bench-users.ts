import type { Sql } from 'postgres';
import { hashApiKey } from '../../packages/api/src/platform/auth/api-keys.ts';
import { hashPassword } from '../../packages/api/src/platform/auth/password.ts';
import { BENCH_TENANT, BENCH_USERS } from './bench-config.ts';

/** The bench tenant's id and its account managers' ids (as the generator made them). */
export async function benchTenant(sql: Sql): Promise<{ tenantId: number; managerIds: number[] }> {
  const [tenant] = await sql<{ id: number }[]>`select id::int from tenants where code = ${BENCH_TENANT.code}`;
  if (!tenant) throw new Error(`no tenant "${BENCH_TENANT.code}": run bench/generate.ts first`);
  const managers = await sql<{ id: number }[]>`select id::int from users where tenant_id = ${tenant.id} and username like 'mgr%' order by id`;
  return { tenantId: tenant.id, managerIds: managers.map((m) => m.id) };
}

/** Creates (or resets) the bench logins in the bench tenant with a fresh scrypt hash. */
export async function ensureBenchUsers(sql: Sql, tenantId: number): Promise<void> {
  const hash = await hashPassword(BENCH_USERS.password);
  for (const user of [BENCH_USERS.manager, BENCH_USERS.support]) {
    await sql`
      insert into users (tenant_id, username, display_name, password_hash, roles)
      values (${tenantId}, ${user.username}, ${'压测 ' + user.roles[0]}, ${hash}, ${sql.array(user.roles)})
      on conflict (username) do update set password_hash = excluded.password_hash, roles = excluded.roles`;
  }
}

/**
 * Logs in through the API's built-in issuer.
 * @example const token = await login(api.baseUrl, 'bench-manager@bench', 'bench-password-123');
 */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { data?: { access_token?: string } };
  if (!res.ok || !body.data?.access_token) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.data.access_token;
}

/** The bench's integration API key (scope `integration:write`), created once; returns the secret. */
export async function ensureIntegrationKey(sql: Sql, tenantId: number): Promise<string> {
  const secret = 'crm_bench_integration_key_0123456789abcdef';
  await sql`
    insert into api_keys (tenant_id, name, key_prefix, key_hash, scopes)
    select ${tenantId}, '压测工单系统', ${secret.slice(0, 12)}, ${hashApiKey(secret)}, ${sql.array(['integration:write'])}
    where not exists (select 1 from api_keys where key_hash = ${hashApiKey(secret)})`;
  return secret;
}

/** Tickets the batch-ingest runs created (sources `bench-<run>`): removed so every run reads the generated volume. */
export async function removeIngestedTickets(sql: Sql, tenantId: number): Promise<void> {
  await sql`delete from service_records where tenant_id = ${tenantId} and source like 'bench-%'`;
  await sql`delete from service_record_keys where tenant_id = ${tenantId} and source like 'bench-%'`;
}
