import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listen } from '../platform/http-server.ts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { tenants } from '../platform/identity/tenants.schema.ts';
import { users } from '../platform/identity/users.schema.ts';
import { sentSurveyLinks } from '../modules/success/surveys/survey-invitations.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/seed.ts';
import { createTestContext } from './test-context.ts';

export type TestServer = {
  url: string;
  close: () => Promise<void>;
  /** Signs in through the real token endpoint and returns the access token. */
  login: (username: string, password?: string) => Promise<string>;
  /** The demo tenant's customers, oldest first. */
  customers: { id: number; name: string; code: string }[];
  /** The customer of the `customer@demo` portal user. */
  portalCustomerId: number;
  /**
   * The answer links a survey campaign sent, by customer id, read from its `survey.invitation_sent` events as
   * the notification module receives them (the API never shows a token again).
   */
  surveyLinks: (campaignId: number) => Promise<Map<number, string>>;
};

const dist = (relative: string) => {
  const dir = fileURLToPath(new URL(relative, import.meta.url));
  return existsSync(dir) ? dir : undefined;
};

/**
 * The real API on a fresh test database seeded with the demo data, listening on a free port and
 * serving the built portal shell and widgets — what browser tests drive Chromium against.
 */
export async function startTestServer(): Promise<TestServer> {
  const ctx = await createTestContext({ staticRoots: { shell: dist('../../../portal-shell/dist'), widgets: dist('../../../widgets/dist') } });
  await seedDemo(ctx.handle.db, ctx.keyRing);
  const db = ctx.handle.db;
  const [demo] = await db.select().from(tenants).where(eq(tenants.code, 'demo'));
  const list = await db
    .select({ id: customers.id, name: customers.customer_name, code: customers.customer_code })
    .from(customers)
    .where(and(eq(customers.tenant_id, demo!.id), isNull(customers.archived_at)))
    .orderBy(asc(customers.id));
  const [portalUser] = await db.select().from(users).where(eq(users.username, 'customer@demo'));

  const server = listen(ctx.app, { port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    customers: list,
    portalCustomerId: portalUser!.customer_id!,
    async login(username, password = DEMO_PASSWORD) {
      const res = await fetch(`${url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = (await res.json()) as { data?: { access_token: string } };
      if (!body.data) throw new Error(`login ${username} failed: ${res.status}`);
      return body.data.access_token;
    },
    surveyLinks: (campaignId) => sentSurveyLinks(db, demo!.id, campaignId),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}
