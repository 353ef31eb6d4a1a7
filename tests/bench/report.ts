import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { CpuUse } from './cpu.ts';
import { TIMEOUT_SECONDS, type LoadResult } from './load.ts';
import type { JobResult } from './jobs.ts';
import type { PgbenchResult } from './pgbench.ts';
import { readPreviousReport } from './previous-report.ts';
import type { Scenario } from './scenarios.ts';

/** A measured run with the CPU each side used. */
export type MeasuredRun = LoadResult & { cpu: CpuUse };

/** One endpoint's runs: unloaded (1 connection), closed loop at saturation, open loop at a fixed rate. */
export type ScenarioResult = { scenario: Scenario; serial: MeasuredRun; closed: MeasuredRun; open: MeasuredRun[] };

export type BenchReport = {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; pgbench: string };
  data: {
    customers: number; contacts: number; departments: number; customerTags: number;
    contracts: number; contractsInForce: number; slaBindings: number; serviceRecords: number; communications: number; generateSeconds: number | null;
  };
  settings: { connections: number; seconds: number; poolSize: number; pgbenchClients: number };
  results: ScenarioResult[];
  pgbench: PgbenchResult[];
  explains: { label: string; plan: string }[];
  /** One-shot timings of batch work (bench/jobs.ts). */
  jobs: JobResult[];
};

const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';
const JOBS_START = '<!-- jobs:start -->';
const JOBS_END = '<!-- jobs:end -->';
const ms = (v: number) => (v === Number.POSITIVE_INFINITY ? `> ${TIMEOUT_SECONDS * 1000}` : Number.isFinite(v) ? v.toFixed(1) : '–');
const perSecond = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const cores = (c: CpuUse) => `${c.api.toFixed(2)} / ${c.postgres.toFixed(2)} / ${c.loadGenerator.toFixed(2)} / ${c.other.toFixed(2)}`;

function failures(r: LoadResult): string {
  if (r.skipped) return r.skipped;
  const codes = Object.entries(r.non2xx).map(([code, n]) => `${n}×${code}`);
  if (r.timeouts) codes.push(`${r.timeouts} timeouts`);
  if (r.errors) codes.push(`${r.errors} errors`);
  return codes.join(', ') || '0';
}

/** Whether a run meets its scenario's target: p95 for reads, throughput for creates (closed loop only). */
export function verdict(scenario: Scenario, run: LoadResult): string {
  const { p95Ms, minRps } = scenario.target;
  if (run.skipped) return p95Ms !== undefined ? `❌ p95 > ${p95Ms} ms` : '—';
  if (p95Ms !== undefined) return run.p95 <= p95Ms ? `✅ p95 ≤ ${p95Ms} ms` : `❌ p95 > ${p95Ms} ms`;
  const perRequest = scenario.recordsPerRequest ?? 1;
  const unit = perRequest > 1 ? ' records' : '';
  if (minRps !== undefined && run.mode === 'closed' && run.connections > 1) return run.rps * perRequest >= minRps ? `✅ ≥ ${minRps}${unit}/s (${perSecond(run.rps * perRequest)})` : `❌ < ${minRps}${unit}/s (${perSecond(run.rps * perRequest)})`;
  return '—';
}

function resultRows(results: ScenarioResult[]): string[][] {
  return results.flatMap(({ scenario, serial, closed, open }) =>
    [serial, closed, ...open].map((run) => [
      scenario.key,
      run.mode === 'closed' ? `closed, ${run.connections} conn` : `open, ${run.offeredRate}/s offered`,
      perSecond(run.rps),
      ms(run.p50),
      ms(run.p95),
      ms(run.p99),
      failures(run),
      cores(run.cpu),
      verdict(scenario, run),
    ]),
  );
}

const HEADER = ['endpoint', 'mode', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'CPU cores: api / pg / autocannon / other', 'target'];

/** The results as an aligned plain-text table for the console. */
export function printTable(report: BenchReport): void {
  const rows = [HEADER, ...resultRows(report.results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  for (const p of report.pgbench) {
    console.log(`pgbench ${p.label}: ${perSecond(p.tps)} TPS with ${p.clients} clients, p50 ${ms(p.p50)} ms, p95 ${ms(p.p95)} ms, p99 ${ms(p.p99)} ms`);
  }
}

const table = (rows: string[][]) =>
  [`| ${rows[0]!.join(' | ')} |`, `|${rows[0]!.map(() => ' --- ').join('|')}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** Saturation throughput of the API over that of its SQL alone (closed loop ÷ pgbench TPS). */
function ratioLines(report: BenchReport): string[] {
  const closed = (key: string) => report.results.find((r) => r.scenario.key === key)?.closed.rps;
  const pairs: [string, string, string][] = [
    ['detail', 'detail core (tenant, customer, contacts)', 'manager detail ÷ core SQL'],
    ['detail-masked', 'detail core (tenant, customer, contacts)', 'masked detail ÷ core SQL'],
    ['detail', 'detail, every statement incl. audit', 'manager detail ÷ its full SQL'],
    ['create', 'create, every statement', 'create ÷ its full SQL'],
    ['effective-sla', 'effective SLA, every statement', 'effective SLA ÷ its SQL'],
  ];
  return pairs.flatMap(([key, label, text]) => {
    const api = closed(key);
    const raw = report.pgbench.find((p) => p.label === label)?.tps;
    return api !== undefined && raw ? [`- ${text}: ${Math.round(api)} ÷ ${Math.round(raw)} = ${(api / raw).toFixed(2)}`] : [];
  });
}

/** Hand-written analysis kept between runs: everything between the notes markers of the old file. */
async function keptNotes(file: string): Promise<string> {
  if (!existsSync(file)) return `${NOTES_START}\n_No analysis yet._\n${NOTES_END}`;
  const old = await readFile(file, 'utf8');
  const start = old.indexOf(NOTES_START);
  const end = old.indexOf(NOTES_END);
  return start >= 0 && end > start ? old.slice(start, end + NOTES_END.length) : `${NOTES_START}\n${NOTES_END}`;
}

/** A job's table row: its key first, so a later run that does not time it keeps the row. */
function jobRow(job: JobResult, date: string): string {
  const best = Math.min(...job.seconds);
  const verdict = job.targetSeconds === undefined ? '—' : Math.max(...job.seconds) <= job.targetSeconds ? `✅ ≤ ${job.targetSeconds} s` : best <= job.targetSeconds ? `⚠️ warm ≤ ${job.targetSeconds} s, cold over` : `❌ > ${job.targetSeconds} s`;
  return `| ${job.key} | ${job.label} | ${job.seconds.map((s) => s.toFixed(2)).join(' / ')} | ${job.detail} | ${verdict} | ${date.slice(0, 16)} |`;
}

/** The jobs table: this run's rows, and the earlier rows of jobs it did not time. */
async function jobLines(file: string, report: BenchReport): Promise<string[]> {
  const old = existsSync(file) ? await readFile(file, 'utf8') : '';
  const start = old.indexOf(JOBS_START);
  const end = old.indexOf(JOBS_END);
  const previous = new Map<string, string>();
  if (start >= 0 && end > start) {
    for (const line of old.slice(start + JOBS_START.length, end).split('\n')) {
      const key = /^\| ([a-z][a-z0-9-]*) \|/.exec(line)?.[1];
      if (key && key !== 'job') previous.set(key, line);
    }
  }
  const fresh = new Map(report.jobs.map((job) => [job.key, jobRow(job, report.date)]));
  const rows = mergedKeys(previous.keys(), [...fresh.keys()]).map((k) => fresh.get(k) ?? previous.get(k)!);
  return [JOBS_START, table([['job', 'what', 'seconds per try', 'detail', 'target', 'measured']]), ...rows, JOBS_END];
}

/** Keys in the order of the old file, then the new ones. */
const mergedKeys = (old: Iterable<string>, fresh: string[]) => [...new Set([...old, ...fresh])];

/**
 * Writes docs/benchmarks.md from a report, keeping the hand-written analysis block. Endpoints, pgbench
 * scripts and plans this run did not measure (BENCH_ONLY) keep their earlier figures, and a line under
 * the table says when each endpoint was measured.
 */
export async function writeMarkdown(file: string, report: BenchReport): Promise<void> {
  const { machine: m, data: d, settings: s } = report;
  const previous = await readPreviousReport(file);
  const fresh = new Map(report.results.map((r) => [r.scenario.key, r]));
  const keys = mergedKeys(previous.results.keys(), [...fresh.keys()]);
  const measured = Object.fromEntries(keys.map((k) => [k, fresh.has(k) ? report.date : (previous.measured[k] ?? 'an earlier run')]));
  const resultLines = keys.flatMap((k) => (fresh.has(k) ? table([HEADER, ...resultRows([fresh.get(k)!])]).split('\n').slice(2) : (previous.results.get(k) ?? [])));
  const endpointLines = keys.flatMap((k) => {
    const r = fresh.get(k);
    return r ? [`- \`${k}\`: ${r.scenario.label}`] : previous.endpoints.has(k) ? [previous.endpoints.get(k)!] : [];
  });
  const byDate = new Map<string, string[]>();
  for (const k of keys) byDate.set(measured[k]!, [...(byDate.get(measured[k]!) ?? []), `\`${k}\``]);
  const pgbenchFresh = new Map(report.pgbench.map((p) => [p.label, `| ${[p.label, String(p.clients), perSecond(p.tps), ms(p.p50), ms(p.p95), ms(p.p99)].join(' | ')} |`]));
  const pgbenchLines = mergedKeys(previous.pgbench.keys(), [...pgbenchFresh.keys()]).map((l) => pgbenchFresh.get(l) ?? previous.pgbench.get(l)!);
  const ratiosFresh = new Map(ratioLines(report).map((l) => [l.slice(2, l.indexOf(':')), l]));
  const ratioTexts = mergedKeys(previous.ratios.keys(), [...ratiosFresh.keys()]).map((t) => ratiosFresh.get(t) ?? previous.ratios.get(t)!);
  const explainsFresh = new Map(report.explains.map((e) => [e.label, e.plan]));
  const explains = mergedKeys(previous.explains.keys(), [...explainsFresh.keys()]).map((label) => ({ label, plan: explainsFresh.get(label) ?? previous.explains.get(label)! }));
  const body = [
    '# Benchmarks',
    '',
    `Generated by \`pnpm bench\` (tests/bench/run.ts) on ${report.date}. Re-run to refresh; the analysis block below is kept. A run limited with \`BENCH_ONLY\` refreshes only its endpoints' rows.`,
    '',
    '## Machine',
    '',
    `- ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB RAM; load generator, API and Postgres share them`,
    `- Node ${m.node}; ${m.postgres}; ${m.pgbench}`,
    `- API: one Node process, database pool ${s.poolSize}, \`CRM_LOG_LEVEL=warn\`, \`NODE_ENV=production\``,
    '',
    '## Data',
    '',
    `- One tenant: ${d.customers.toLocaleString('en-US')} customers, ${d.contacts.toLocaleString('en-US')} contacts (every channel AES-256-GCM sealed with a blind index), ${d.departments.toLocaleString('en-US')} departments, ${d.customerTags.toLocaleString('en-US')} tag links`,
    `- ${d.contracts.toLocaleString('en-US')} contracts (2022–2027; ${d.contractsInForce.toLocaleString('en-US')} came into force, the rest are drafts, pending, rejected or cancelled) with ${d.slaBindings.toLocaleString('en-US')} SLA bindings tiling their terms over the 4 default tiers`,
    `- ${d.serviceRecords.toLocaleString('en-US')} service records and ${d.communications.toLocaleString('en-US')} communications over the last 12 months (REQ-016 §10's yearly volume), month-partitioned, customer rank r carrying a share ∝ 1/√r`,
    d.generateSeconds === null ? '- Generated earlier by `bench/generate.ts`' : `- Generated by \`bench/generate.ts\` (COPY) in ${d.generateSeconds.toFixed(1)} s`,
    '',
    '## Method',
    '',
    `Per DESIGN.md, plus an unloaded baseline: (0) one connection, no think time, for ${s.seconds / 2} s — the service time of one request on an otherwise idle API; (1) closed loop, autocannon with ${s.connections} connections and no think time for ${s.seconds} s — saturation throughput, whose latency follows from Little's law; (2) open loop at fixed offered rates for ${s.seconds} s each (100/s ≈ 100 users with a request a second; 500/s as in DESIGN.md): requests sent at evenly spaced instants over up to ${s.connections} keep-alive sockets, latency measured from each request's intended send time (autocannon's \`-R\` sends every connection's quota as a burst at the start of each second, which measures bursts, so it is not used here) — the latency users with think time feel (if req/s falls short of the offered rate the API could not keep up); (3) the endpoint's SQL replayed by pgbench with ${s.pgbenchClients} clients (the pool size). Latencies are of 2xx responses, sampled per response; a request unanswered after ${TIMEOUT_SECONDS} s counts as a timeout and as slower than any answered one; requests still in flight when a run ends are not counted (at saturation this flatters the closed-loop percentiles — Little's law, connections ÷ req/s, gives the true mean). Each endpoint is warmed up for 5 s first. CPU column: cores used during the run by the API process, all Postgres processes, the load generator and anything else on the machine ("other" above ~0.1 means the run was disturbed). Between runs the bench waits until the API's database sessions are idle and the machine is quiet.`,
    '',
    '## Results',
    '',
    table([HEADER]),
    ...resultLines,
    '',
    `Measured: ${[...byDate].map(([date, ks]) => `${ks.join(', ')} on ${date}`).join('; ')}.`,
    `<!-- measured: ${JSON.stringify(measured)} -->`,
    '',
    'Endpoints:',
    '',
    ...endpointLines,
    '',
    '## Jobs (one-shot timings)',
    '',
    'Batch work timed once per try on the same data: the nightly health recompute in the bench process through the job the API runs, the portfolio report over HTTP (first try cold).',
    '',
    ...(await jobLines(file, report)),
    '',
    '## Raw SQL (pgbench)',
    '',
    table([['script', 'clients', 'TPS', 'p50 ms', 'p95 ms', 'p99 ms']]),
    ...pgbenchLines,
    '',
    ...ratioTexts,
    '',
    '## Query plans (EXPLAIN ANALYZE under the app role, as the API runs them)',
    '',
    ...explains.flatMap((e) => [`### ${e.label}`, '', '```', e.plan, '```', '']),
    '## Analysis',
    '',
    await keptNotes(file),
    '',
  ];
  await writeFile(file, body.join('\n'));
}
