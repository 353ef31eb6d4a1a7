/**
 * One-shot timings of issue 5's batch targets, measured on the bench data:
 * - the nightly health recompute of every customer (target ≤ 60 s for 100,000), run in this process
 *   through the same `runHealthRecompute` the API's timer calls (with the risk-alert hook), twice: the first
 *   run writes every score, the second updates them, with the day's nightly marker removed
 *   and the event cursor moved to the end so only the full recompute runs;
 * - the portfolio report over HTTP (target ≤ 10 s), for the shapes users ask for: 12 months, 8 quarters
 *   by level, 36 months by industry, and the XLSX export.
 */
import type { Sql } from 'postgres';
import { createDb } from '../../packages/api/src/db/create-db.ts';
import { runHealthRecompute } from '../../packages/api/src/modules/success/health/health.jobs.ts';
import { runSuccessPlays } from '../../packages/api/src/modules/success/success-plays/success-plays.jobs.ts';
import { openAlertsForHealthChanges } from '../../packages/api/src/modules/success/risk-alerts/risk-alerts.service.ts';
import { createKeyRing } from '../../packages/api/src/platform/crypto/key-ring.ts';
import { BENCH_KEYS } from './bench-config.ts';

/** A timed job: what ran, how long each try took, its target. */
export type JobResult = { key: string; label: string; seconds: number[]; targetSeconds?: number; detail: string };

/** A clock inside today's nightly window (at or after `hour` Beijing), whatever time the bench runs. */
function nightlyClock(hour = 3): Date {
  const now = new Date();
  const beijingHour = (now.getUTCHours() + 8) % 24;
  return beijingHour >= hour ? now : new Date(now.getTime() + (hour - beijingHour) * 3_600_000);
}

/**
 * Recomputes every customer's health the way the nightly run does and returns the time it took.
 * @example const result = await timeHealthRecompute(sql, url, tenantId);
 */
export async function timeHealthRecompute(sql: Sql, url: string, tenantId: number, tries = 2): Promise<JobResult> {
  const handle = await createDb({ kind: 'postgres', url, poolSize: 4 });
  const keyRing = createKeyRing({ keys: BENCH_KEYS.encryptionKeys, blindIndexKey: BENCH_KEYS.blindIndexKey });
  const seconds: number[] = [];
  let detail = '';
  try {
    for (let i = 0; i < tries; i++) {
      await sql`delete from events where tenant_id = ${tenantId} and type = 'health.nightly_completed'`;
      await sql`insert into health_event_cursors (tenant_id, last_event_id) values (${tenantId}, (select coalesce(max(id), 0) from events where tenant_id = ${tenantId}))
                on conflict (tenant_id) do update set last_event_id = excluded.last_event_id`;
      const started = performance.now();
      // With the risk-alert hook, as the API's timer runs it (server.ts).
      const report = await runHealthRecompute({ db: handle.db, keyRing, onChanges: async (scope, changes) => void (await openAlertsForHealthChanges(scope, changes)) }, nightlyClock());
      seconds.push((performance.now() - started) / 1000);
      detail = `${report.nightly_customers.toLocaleString('en-US')} customers recomputed, ${report.failures} failures`;
      console.log(`  health recompute: ${seconds.at(-1)!.toFixed(1)} s (${detail})`);
    }
  } finally {
    await handle.close();
  }
  return { key: 'health-recompute', label: 'Nightly health recompute of every customer (runHealthRecompute)', seconds, targetSeconds: 60, detail };
}

/**
 * The daily opportunity scan of the success plays over every customer (renewal and expansion opportunities
 * pushed as tasks), with the day's marker removed and the play cursor at the end of the outbox.
 * @example const result = await timeSuccessPlaysDaily(sql, url, tenantId);
 */
export async function timeSuccessPlaysDaily(sql: Sql, url: string, tenantId: number): Promise<JobResult> {
  const handle = await createDb({ kind: 'postgres', url, poolSize: 4 });
  const keyRing = createKeyRing({ keys: BENCH_KEYS.encryptionKeys, blindIndexKey: BENCH_KEYS.blindIndexKey });
  try {
    await sql`delete from events where tenant_id = ${tenantId} and type = 'success_plays.daily_completed'`;
    await sql`insert into event_cursors (tenant_id, consumer, last_event_id) values (${tenantId}, 'success_plays', (select coalesce(max(id), 0) from events where tenant_id = ${tenantId}))
              on conflict (tenant_id, consumer) do update set last_event_id = excluded.last_event_id`;
    const started = performance.now();
    const report = await runSuccessPlays({ db: handle.db, keyRing }, nightlyClock(4));
    const seconds = (performance.now() - started) / 1000;
    const detail = `${report.opportunities.toLocaleString('en-US')} opportunities pushed as tasks, ${report.failures} failures`;
    console.log(`  success plays daily: ${seconds.toFixed(1)} s (${detail})`);
    return { key: 'success-plays-daily', label: 'Daily opportunity scan of every customer (runSuccessPlays)', seconds: [seconds], detail };
  } finally {
    await handle.close();
  }
}

const PORTFOLIO_SHAPES = [
  { key: 'portfolio-12m', query: 'granularity=month&from=%FROM12%&to=%TO%', label: 'GET /analytics/portfolio, 12 months, whole portfolio, forecast 3' },
  { key: 'portfolio-8q-level', query: 'granularity=quarter&from=%FROM24%&to=%TO%&segment=level', label: 'GET /analytics/portfolio, 8 quarters by level' },
  { key: 'portfolio-36m-industry', query: 'granularity=month&from=%FROM36%&to=%TO%&segment=industry', label: 'GET /analytics/portfolio, 36 months by industry' },
  { key: 'portfolio-12m-xlsx', query: 'granularity=month&from=%FROM12%&to=%TO%&segment=level&format=xlsx', label: 'GET /analytics/portfolio, 12 months by level, XLSX export' },
];

const monthOf = (date: Date, back: number) => {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
};

/**
 * Times each portfolio shape over HTTP `tries` times (the first try is cold).
 * @example const results = await timePortfolio(api.baseUrl, token);
 */
export async function timePortfolio(baseUrl: string, token: string, tries = 3): Promise<JobResult[]> {
  const now = new Date();
  const fill = (q: string) => q.replace('%FROM12%', monthOf(now, 11)).replace('%FROM24%', monthOf(now, 23)).replace('%FROM36%', monthOf(now, 35)).replace('%TO%', monthOf(now, 0));
  const results: JobResult[] = [];
  for (const shape of PORTFOLIO_SHAPES) {
    const seconds: number[] = [];
    let detail = '';
    for (let i = 0; i < tries; i++) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/v1/analytics/portfolio?${fill(shape.query)}`, { headers: { authorization: `Bearer ${token}` } });
      const body = Buffer.from(await response.arrayBuffer());
      seconds.push((performance.now() - started) / 1000);
      if (!response.ok) throw new Error(`${shape.key}: HTTP ${response.status} ${body.toString().slice(0, 300)}`);
      detail = `${(body.length / 1024).toFixed(0)} kB ${response.headers.get('content-type')?.split(';')[0]}`;
    }
    console.log(`  ${shape.key}: ${seconds.map((s) => s.toFixed(2)).join(' / ')} s`);
    results.push({ key: shape.key, label: shape.label, seconds, targetSeconds: 10, detail });
  }
  return results;
}
