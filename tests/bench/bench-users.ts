import type { Sql } from 'postgres';
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
      on conflict (username) do update set password_hash = excluded.password_hash, roles = excluded.roles,
        failed_login_count = 0, locked_until = null`;
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
