import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { rawRows } from '../../db/raw-rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractSchedule } from '../../modules/contracts-sla/contracts/contracts.jobs.ts';
import { runComplaintEscalations } from '../../modules/service/complaints/complaints.jobs.ts';
import { runHealthRecompute } from '../../modules/success/health/health.jobs.ts';
import { runSegmentRefresh } from '../../modules/analytics/segments/segments.jobs.ts';
import { runSuccessPlays } from '../../modules/success/success-plays/success-plays.jobs.ts';
import { runSurveyJobs } from '../../modules/success/surveys/surveys.jobs.ts';
import { runTaskDueReminders } from '../../modules/success/tasks/tasks.jobs.ts';
import { runWebhookDeliveries } from '../../modules/integrations/webhooks/webhooks.jobs.ts';
import { call, createTestContext, type TestContext } from '../../test-support/index.ts';
import { startTcpProxy, type TcpProxy } from '../../test-support/tcp-proxy.ts';

// Postgres only (this file is left out of the PGlite project): what a restart, a failover or a terminated
// backend does to the running API and its jobs, against the real Postgres of the test run.

let ctx: TestContext;
let proxy: TcpProxy;
let admin: string;
let database: string;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

const server = () => postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
/** `pg_terminate_backend` on every connection the API holds to its database, as an operator (or a failover) does. */
const terminateApiBackends = async () => {
  const sqlAdmin = server();
  try {
    const [row] = await sqlAdmin`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
    return row!.n as number;
  } finally {
    await sqlAdmin.end();
  }
};
const readiness = async () => (await ctx.app.request('/readyz')).status;
const listCustomers = () => call(ctx.app, 'GET', '/api/v1/customers?limit=50', { token: admin });
/** Waits until `probe` holds, checking every 100 ms, for at most `ms`. */
const eventually = async (probe: () => Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};
/** A 503 of a database that is away: in the envelope, with the stable code and a Retry-After. */
const expectUnavailable = (res: Awaited<ReturnType<typeof call>>) => {
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 503 });
  expect(res.body).toMatchObject({ code: 503, error: 'database.unavailable' });
  expect(res.body.message).toBeTruthy();
  expect(res.body.request_id).toBeTruthy();
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
};

const jobs = () => {
  const deps = { db: ctx.handle.db, keyRing: ctx.keyRing };
  const now = new Date();
  return {
    'contract schedule': () => runContractSchedule(deps, now),
    'complaint escalations': () => runComplaintEscalations(deps, now),
    'health recompute': () => runHealthRecompute(deps, now),
    'success plays': () => runSuccessPlays(deps, now),
    'task reminders': () => runTaskDueReminders(deps, now),
    'segment refresh': () => runSegmentRefresh(deps, now),
    'survey jobs': () => runSurveyJobs(deps, now),
    'webhook deliveries': () => runWebhookDeliveries(deps, now),
  } satisfies Record<string, () => Promise<unknown>>;
};
/** Settles within 20 s: a job that hangs on a dead connection never runs again in its process. */
const settle = (work: Promise<unknown>) =>
  Promise.race([
    work.then(
      (report) => ({ outcome: 'done' as const, report }),
      (error: unknown) => ({ outcome: 'failed' as const, error }),
    ),
    new Promise<{ outcome: 'hung' }>((resolve) => setTimeout(() => resolve({ outcome: 'hung' }), 20_000).unref()),
  ]);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  proxy = await startTcpProxy(Number(new URL(process.env.DATABASE_URL!).port || 5432));
  ctx = await createTestContext({ connectPort: proxy.port });
  const tenant = await ctx.createTenant();
  admin = await tenant.token('admin');
  for (let i = 0; i < 30; i++) await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body: { customer_name: `断线测试客户${i}有限公司`} });
  database = rawRows<{ name: string }>(await ctx.handle.db.execute(sql`select current_database() as name`))[0]!.name;
});
afterAll(async () => {
  await proxy.start().catch(() => undefined);
  await ctx.close();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

describe('a dropped database connection does not kill the API', () => {
  it('terminated backends under load: the requests in flight answer 503 in the envelope, then the API serves again by itself', async () => {
    let terminated = 0;
    const statuses = new Map<number, number>();
    for (let round = 0; round < 5; round++) {
      const inFlight = Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0 ? call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body: { customer_name: `并发写入${round}-${i}有限公司`} }) : listCustomers(),
      );
      await new Promise((resolve) => setTimeout(resolve, 15 + round * 10));
      terminated += await terminateApiBackends();
      for (const res of await Promise.all(inFlight)) {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status !== 200 && res.status !== 201) expectUnavailable(res);
      }
    }
    expect(terminated).toBeGreaterThan(0);
    expect([...statuses.keys()].every((status) => [200, 201, 503].includes(status))).toBe(true);
    expect(await eventually(async () => (await listCustomers()).status === 200)).toBe(true);
    expect(await readiness()).toBe(200);
    // Every connection of the pool works again, not only the first one to reconnect.
    const after = await Promise.all(Array.from({ length: 20 }, () => listCustomers()));
    expect(after.map((res) => res.status)).toEqual(Array(20).fill(200));
    expect(uncaught).toEqual([]);
  });

  it('while the database is away /readyz and requests answer 503; once it is back both recover without a restart', async () => {
    expect(await readiness()).toBe(200);
    await proxy.stop();
    expect(await readiness()).toBe(503);
    expectUnavailable(await listCustomers());
    expectUnavailable(await call(ctx.app, 'POST', '/api/v1/customers', { token: admin, body: { customer_name: '断库期间新建有限公司' } }));

    await proxy.start();
    expect(await eventually(async () => (await readiness()) === 200)).toBe(true);
    const res = await listCustomers();
    expect(res.status).toBe(200);
    expect(res.body.data.items.some((c: { customer_name: string }) => c.customer_name === '断库期间新建有限公司')).toBe(false);
    expect(uncaught).toEqual([]);
  });

  it('every scheduled job fails cleanly while the database is away and runs again once it is back', async () => {
    await terminateApiBackends();
    await proxy.stop();
    for (const [name, run] of Object.entries(jobs())) {
      const away = await settle(run());
      // Away, a job either throws or reports its failed tenants; it must not hang on a dead connection.
      expect({ name, hung: away.outcome === 'hung' }).toEqual({ name, hung: false });
    }
    await proxy.start();
    expect(await eventually(async () => (await readiness()) === 200)).toBe(true);
    for (const [name, run] of Object.entries(jobs())) {
      const back = await settle(run());
      expect({ name, outcome: back.outcome }).toEqual({ name, outcome: 'done' });
      expect({ name, failures: (back as { report: { failures?: number } }).report.failures ?? 0 }).toEqual({ name, failures: 0 });
    }
    expect(uncaught).toEqual([]);
  });

  it('binds a Date in a raw query on Postgres as PGlite does (the survey reminders job sends one)', async () => {
    const rows = rawRows<{ past: boolean }>(await ctx.handle.db.execute(sql`select ${new Date('2026-02-03T04:05:06.000Z')}::timestamptz < now() as past`));
    expect(rows[0]!.past).toBe(true);
  });
});
