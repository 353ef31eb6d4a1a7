import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/create-db.ts';
import { forgetTenantSettings } from '../platform/tenant-settings-cache.ts';
import { createApp } from '../app.ts';
import { users } from '../platform/identity/users.schema.ts';
import { tenants, type TenantSettings } from '../platform/identity/tenants.schema.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { createTokenService, type TokenService } from '../platform/auth/tokens.ts';
import { loadConfig } from '../platform/config.ts';
import { createKeyRing, type KeyRing } from '../platform/crypto/key-ring.ts';
import { createLogger } from '../platform/logger.ts';
import type { HostResolver } from '../platform/outbound-http.ts';
import { openTestDatabase } from './test-database.ts';

/** Fixed test keys: 32 bytes each, base64. */
export const TEST_SECRETS = {
  jwtSecret: 'test-secret-test-secret-test-secret-0123',
  encryptionKeys: `t2:${Buffer.alloc(32, 2).toString('base64')},t1:${Buffer.alloc(32, 1).toString('base64')}`,
  blindIndexKey: Buffer.alloc(32, 9).toString('base64'),
};

export type TestTenant = {
  id: number;
  code: string;
  /** A signed-in user of this tenant with the given roles; created on first use. */
  token: (roles: string | string[], extra?: { customer_id?: number; username?: string }) => Promise<string>;
  userIdOf: (username: string) => Promise<number>;
  /** A new API key with `integration:write`, created by an admin through the API (as an integration would get one). */
  integrationKey: (name?: string) => Promise<string>;
  setSettings: (settings: TenantSettings) => Promise<void>;
};

export type TestContext = {
  app: ReturnType<typeof createApp>;
  handle: DatabaseHandle;
  keyRing: KeyRing;
  tokens: TokenService;
  createTenant: (code?: string) => Promise<TestTenant>;
  close: () => Promise<void>;
};

let tenantCounter = 0;
let passwordHash: Promise<string> | null = null;
/** The password of every user `createTenant` makes. */
export const TEST_PASSWORD = 'test-password-1';

/**
 * The real app over a fresh test database (PGlite clone, or Postgres when CRM_TEST_DB=postgres), with
 * fixed keys; tests call `ctx.app.request()` and make tenants and users as they need them.
 * @example const ctx = await createTestContext(); const t = await ctx.createTenant(); const token = await t.token('admin');
 */
export async function createTestContext(
  options: {
    staticRoots?: { shell?: string; widgets?: string };
    connectPort?: number;
    /** Settings on top of the test defaults, as the environment would give them (`{ CRM_WEBHOOK_ALLOW_PRIVATE: 'true' }`). */
    env?: Record<string, string>;
    /** How the app resolves outbound host names; a table here keeps DNS out of the test. */
    resolveHost?: HostResolver;
  } = {},
): Promise<TestContext> {
  const handle = await openTestDatabase({ connectPort: options.connectPort });
  const config = loadConfig({ CRM_LOG_LEVEL: 'silent', CRM_DATA_DIR: '/nonexistent', ...options.env });
  const keyRing = createKeyRing({ keys: TEST_SECRETS.encryptionKeys, blindIndexKey: TEST_SECRETS.blindIndexKey });
  const tokens = createTokenService({ secret: TEST_SECRETS.jwtSecret, issuer: config.CRM_JWT_ISSUER, ttlSeconds: 3600 });
  const logger = createLogger('silent');
  const app = createApp({ db: handle.db, config, keyRing, tokens, logger, staticRoots: options.staticRoots, resolveHost: options.resolveHost });
  const db = handle.db;

  const createTenant = async (code = `t${process.pid}x${++tenantCounter}`): Promise<TestTenant> => {
    const [tenant] = await db.insert(tenants).values({ code, name: `Tenant ${code}` }).returning();
    const tenantId = tenant!.id;
    const userIds = new Map<string, number>();
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const ensureUser = async (username: string, roles: string[], customerId: number | null) => {
      const known = userIds.get(username);
      if (known) return known;
      const [user] = await db
        .insert(users)
        .values({ tenant_id: tenantId, username, display_name: username, password_hash: await passwordHash!, roles, customer_id: customerId })
        .returning({ id: users.id });
      userIds.set(username, user!.id);
      return user!.id;
    };
    const testTenant: TestTenant = {
      id: tenantId,
      code,
      async token(roles, extra = {}) {
        const list = Array.isArray(roles) ? roles : [roles];
        const username = extra.username ?? `${list.join('+')}${extra.customer_id ? `-${extra.customer_id}` : ''}@${code}`;
        const id = await ensureUser(username, list, extra.customer_id ?? null);
        const grant = await tokens.issue({ sub: String(id), tenant_id: tenantId, roles: list, customer_id: extra.customer_id ?? null });
        return grant.access_token;
      },
      async userIdOf(username) {
        return ensureUser(username, ['manager'], null);
      },
      async integrationKey(name = '集成') {
        const created = await call(app, 'POST', '/api/v1/api-keys', { token: await testTenant.token('admin'), body: { name, scopes: ['integration:write'] } });
        return created.body.data.secret as string;
      },
      async setSettings(settings) {
        await db.update(tenants).set({ settings }).where(eq(tenants.id, tenantId));
        forgetTenantSettings(tenantId);
      },
    };
    return testTenant;
  };

  return { app, handle, keyRing, tokens, createTenant, close: () => handle.close() };
}

/** JSON request helper: `call(ctx.app, 'POST', '/api/v1/customers', { token, body })`. */
export async function call(
  app: TestContext['app'],
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, body: json, headers: res.headers, text };
}
