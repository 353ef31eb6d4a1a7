/**
 * `pnpm bench`: loads the bench data if it is missing, starts the API on it, and measures the REQ-016
 * endpoints closed loop, open loop and against raw SQL; prints a table and refreshes docs/benchmarks.md.
 * Env: BENCH_DATABASE_URL, BENCH_SECONDS (20), BENCH_CONNECTIONS (100), BENCH_PORT (3900),
 * BENCH_ONLY (comma-separated scenario keys, plus `portfolio`, `health-recompute` and
 * `success-plays-daily` for the one-shot jobs;
 * the other endpoints' rows in the docs are kept),
 * BENCH_REGENERATE=1 (reload the data first), BENCH_QUIET_WAIT (seconds to wait for a quiet machine before each run, 60).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import postgres, { type Sql } from 'postgres';
import { startApi, type ApiProcess } from './api-process.ts';
import { BENCH_DATABASE_URL, BENCH_SIZE, BENCH_USERS, databaseOf, withDatabase } from './bench-config.ts';
import { benchTenant, ensureBenchUsers, ensureIntegrationKey, login, removeIngestedTickets } from './bench-users.ts';
import { measureCpu, waitForQuiet } from './cpu.ts';
import { bindingHitShare, explainEffectiveSla, explainListQueries } from './explain.ts';
import { generateBenchData } from './generate.ts';
import { generateHealthData, healthDataCount } from './health-data.ts';
import { timeHealthRecompute, timePortfolio, timeSuccessPlaysDaily, type JobResult } from './jobs.ts';
import { runLoad, type LoadResult } from './load.ts';
import { runOpenLoop } from './open-loop.ts';
import { createScript, detailScript, effectiveSlaScript, runPgbench } from './pgbench.ts';
import { printTable, writeMarkdown, type BenchReport, type ScenarioResult } from './report.ts';
import { benchScenarios } from './scenarios.ts';
import { SERVICE_SIZE } from './service-data.ts';
import { prepareSurveyTokens, removeBenchSurveys } from './survey-data.ts';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 100);
const PORT = Number(env.BENCH_PORT ?? 3900);
const POOL_SIZE = 10;
/** How long to wait for other work on a shared machine to stop before each measurement. */
const QUIET_WAIT_SECONDS = Number(env.BENCH_QUIET_WAIT ?? 60);
const RUN_ID = Date.now().toString(36);
const docsFile = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

async function databaseReady(url: string): Promise<boolean> {
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as present from pg_database where datname = ${databaseOf(url)}`;
    if (!row) return false;
  } finally {
    await admin.end();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [count] = await sql<{ customers: number; contracts: number; service_records: number; communications: number }[]>`
      select (select count(*)::int from customers) as customers, (select count(*)::int from contracts) as contracts,
             (select count(*)::int from service_records) as service_records, (select count(*)::int from communications) as communications`;
    return (
      (count?.customers ?? 0) >= BENCH_SIZE.customers && (count?.contracts ?? 0) >= BENCH_SIZE.contracts &&
      (count?.service_records ?? 0) >= SERVICE_SIZE.serviceRecords && (count?.communications ?? 0) >= SERVICE_SIZE.communications
    );
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

async function dataCounts(sql: Sql, tenantId: number) {
  const [row] = await sql<{ customers: number; contacts: number; departments: number; tags: number; contracts: number; in_force: number; bindings: number; service_records: number; communications: number }[]>`
    select (select count(*)::int from customers where tenant_id = ${tenantId}) as customers,
           (select count(*)::int from customer_contacts where tenant_id = ${tenantId}) as contacts,
           (select count(*)::int from customer_departments where tenant_id = ${tenantId}) as departments,
           (select count(*)::int from customer_tags where tenant_id = ${tenantId}) as tags,
           (select count(*)::int from contracts where tenant_id = ${tenantId}) as contracts,
           (select count(*)::int from contracts where tenant_id = ${tenantId} and crm_contract_term(state, start_date, end_date, terminated_on) is not null) as in_force,
           (select count(*)::int from contract_sla_bindings where tenant_id = ${tenantId}) as bindings,
           (select count(*)::int from service_records where tenant_id = ${tenantId}) as service_records,
           (select count(*)::int from communications where tenant_id = ${tenantId}) as communications`;
  return row!;
}

async function machine(sql: Sql): Promise<BenchReport['machine']> {
  const [version] = await sql<{ version: string }[]>`select version()`;
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.versions.node,
    postgres: version!.version.split(' on ')[0] ?? version!.version,
    pgbench: execFileSync('pgbench', ['--version'], { encoding: 'utf8' }).trim(),
  };
}

function skippedRun(label: string, rate: number, saturation: number): LoadResult {
  return {
    label, mode: 'open', connections: CONNECTIONS, offeredRate: rate, durationSeconds: 0, ok: 0, rps: Number.NaN,
    p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, errors: 0, timeouts: 0, non2xx: {},
    skipped: `not run: over twice the saturation throughput (${Math.round(saturation)}/s), latency grows without bound`,
  };
}

/**
 * Waits until the API has no statement running: requests abandoned by autocannon at the end of a run
 * keep the pool busy and would otherwise spill into the next measurement.
 */
async function waitDrained(sql: Sql, maxSeconds = 180): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'crm-api' and state <> 'idle'`;
    if (row?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.warn(`  API still busy after ${maxSeconds} s`);
}

async function settle(sql: Sql): Promise<void> {
  await waitDrained(sql);
  const busy = await waitForQuiet(QUIET_WAIT_SECONDS);
  if (busy >= 0.25) console.warn(`  machine not quiet (${busy.toFixed(2)} cores busy elsewhere); measuring anyway`);
}

/**
 * Stops the bench before it writes figures of an API that was not answering (it exited, or every request
 * failed to connect): such rows would read as a measurement.
 */
function assertAnswered(api: ApiProcess, key: string, runs: LoadResult[]): void {
  if (api.exitCode() !== null) throw new Error(`${key}: the API exited (${api.exitCode()}) during the run:\n${api.output()}`);
  const silent = runs.find((r) => r.ok === 0 && r.errors + r.timeouts > 0);
  if (silent) throw new Error(`${key}: no request answered (${silent.errors} errors, ${silent.timeouts} timeouts); API log:\n${api.output()}`);
}

async function measureScenarios(sql: Sql, api: ApiProcess, tokens: Record<'manager' | 'support' | 'integration', string>, scenarios: ReturnType<typeof benchScenarios>): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const base = { baseUrl: api.baseUrl, token: tokens[scenario.user], next: scenario.next, label: scenario.label };
    console.log(`\n▶ ${scenario.key}: ${scenario.label}`);
    await settle(sql);
    await runLoad({ ...base, connections: 20, durationSeconds: 5 });
    await settle(sql);
    const serial = await measureCpu(api.pid, () => runLoad({ ...base, connections: 1, durationSeconds: SECONDS / 2 }));
    console.log(`  1 connection: ${Math.round(serial.result.rps)} req/s, p50 ${serial.result.p50.toFixed(1)} ms, cpu ${JSON.stringify(serial.cpu)}`);
    await settle(sql);
    const closed = await measureCpu(api.pid, () => runLoad({ ...base, connections: scenario.connections ?? CONNECTIONS, durationSeconds: SECONDS }));
    assertAnswered(api, scenario.key, [serial.result, closed.result]);
    console.log(`  closed: ${Math.round(closed.result.rps)} req/s, p95 ${closed.result.p95.toFixed(1)} ms, cpu ${JSON.stringify(closed.cpu)}`);
    const open: ScenarioResult['open'] = [];
    for (const rate of scenario.openRates) {
      // Far past saturation the queue only grows, and the abandoned backlog would delay every later run.
      if (rate > 2 * closed.result.rps) {
        open.push({ ...skippedRun(scenario.label, rate, closed.result.rps), cpu: { api: 0, postgres: 0, loadGenerator: 0, other: 0 } });
        console.log(`  open ${rate}/s: skipped, over twice the saturation throughput`);
        continue;
      }
      await settle(sql);
      const run = await measureCpu(api.pid, () => runOpenLoop({ ...base, connections: CONNECTIONS, durationSeconds: SECONDS, rate }));
      assertAnswered(api, scenario.key, [run.result]);
      console.log(`  open ${rate}/s: ${Math.round(run.result.rps)} req/s, p95 ${run.result.p95.toFixed(1)} ms, cpu ${JSON.stringify(run.cpu)}`);
      open.push({ ...run.result, cpu: run.cpu });
    }
    results.push({
      scenario,
      serial: { ...serial.result, cpu: serial.cpu },
      closed: { ...closed.result, cpu: closed.cpu },
      open,
    });
  }
  return results;
}

async function main(): Promise<void> {
  const url = BENCH_DATABASE_URL;
  let generateSeconds: number | null = null;
  if (env.BENCH_REGENERATE === '1' || !(await databaseReady(url))) generateSeconds = await generateBenchData(url);

  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const { tenantId, managerIds } = await benchTenant(sql);
  // Creates of earlier runs would skew the next one's data; their audit rows stay (append-only).
  await sql`delete from customers where tenant_id = ${tenantId} and id > ${BENCH_SIZE.customers}`;
  await sql`vacuum analyze customers`;
  await removeIngestedTickets(sql, tenantId);
  await removeBenchSurveys(sql, tenantId);
  await ensureBenchUsers(sql, tenantId);
  // Bench databases generated before the health inputs existed get them added.
  if ((await healthDataCount(sql, tenantId)) === 0) await generateHealthData(sql, tenantId, BENCH_SIZE.customers, console.log);
  const counts = await dataCounts(sql, tenantId);

  const api = await startApi({ databaseUrl: url, port: PORT, poolSize: POOL_SIZE });
  let results: ScenarioResult[];
  const jobs: JobResult[] = [];
  const only = env.BENCH_ONLY?.split(',');
  const selected = (...keys: string[]) => !only || keys.some((k) => only.includes(k));
  try {
    const tokens = {
      manager: await login(api.baseUrl, BENCH_USERS.manager.username, BENCH_USERS.password),
      support: await login(api.baseUrl, BENCH_USERS.support.username, BENCH_USERS.password),
      integration: await ensureIntegrationKey(sql, tenantId),
    };
    // Enough single-use answer links for the survey runs (warm-up, 1 connection, closed and open loop).
    const surveyTokens = selected('survey-submit') ? await prepareSurveyTokens(sql, tenantId, BENCH_SIZE.customers, 60_000, RUN_ID) : [];
    const scenarios = benchScenarios({ customers: BENCH_SIZE.customers, managerIds, runId: RUN_ID, surveyTokens: () => surveyTokens }).filter((s) => !only || only.includes(s.key));
    results = await measureScenarios(sql, api, tokens, scenarios);
    if (selected('portfolio')) {
      console.log('\n▶ portfolio report');
      await settle(sql);
      jobs.push(...(await timePortfolio(api.baseUrl, tokens.manager)));
    }
  } finally {
    await api.stop();
  }
  if (selected('health-recompute')) {
    console.log('\n▶ health recompute');
    await settle(sql);
    jobs.push(await timeHealthRecompute(sql, url, tenantId));
  }
  if (selected('success-plays-daily')) {
    console.log('\n▶ success plays, daily scan');
    await settle(sql);
    jobs.push(await timeSuccessPlaysDaily(sql, url, tenantId));
  }

  console.log('\n▶ pgbench');
  const pgbench = [];
  const scripts = [
    { keys: ['detail', 'detail-masked'], label: 'detail core (tenant, customer, contacts)', script: detailScript(tenantId, BENCH_SIZE.customers, false, managerIds[0]!) },
    { keys: ['detail'], label: 'detail, every statement incl. audit', script: detailScript(tenantId, BENCH_SIZE.customers, true, managerIds[0]!) },
    { keys: ['create'], label: 'create, every statement', script: createScript(tenantId, managerIds[0]!) },
    { keys: ['effective-sla'], label: 'effective SLA, every statement', script: effectiveSlaScript(tenantId, BENCH_SIZE.customers) },
  ].filter((s) => selected(...s.keys));
  for (const { label, script } of scripts) {
    await settle(sql);
    pgbench.push(await runPgbench({ label, url, script, clients: POOL_SIZE, seconds: SECONDS }));
  }
  const explains = [
    ...(selected('search-common', 'search-mixed', 'filter') ? await explainListQueries(sql, tenantId) : []),
    ...(selected('effective-sla') ? await explainEffectiveSla(sql, tenantId) : []),
  ];
  if (selected('effective-sla')) console.log(`effective SLA: ${(100 * (await bindingHitShare(sql, tenantId))).toFixed(1)}% of random (customer, instant) pairs have a binding in force`);

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: await machine(sql),
    data: {
      customers: counts.customers, contacts: counts.contacts, departments: counts.departments, customerTags: counts.tags,
      contracts: counts.contracts, contractsInForce: counts.in_force, slaBindings: counts.bindings, serviceRecords: counts.service_records, communications: counts.communications, generateSeconds,
    },
    settings: { connections: CONNECTIONS, seconds: SECONDS, poolSize: POOL_SIZE, pgbenchClients: POOL_SIZE },
    results,
    pgbench,
    explains,
    jobs,
  };
  await sql`delete from customers where tenant_id = ${tenantId} and id > ${BENCH_SIZE.customers}`;
  await removeIngestedTickets(sql, tenantId);
  await removeBenchSurveys(sql, tenantId);
  await sql.end();
  console.log('');
  printTable(report);
  await writeMarkdown(docsFile, report);
  console.log(`\nwrote ${docsFile}`);
}

await main();
