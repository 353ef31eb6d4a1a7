import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { quantile } from './load.ts';

const run = promisify(execFile);

/** Transactions per second and per-transaction latency (ms) of a pgbench run. */
export type PgbenchResult = { label: string; clients: number; tps: number; p50: number; p95: number; p99: number; transactions: number };

/**
 * The API's detail read as raw SQL, statement for statement as the service issues them (captured with
 * `log_statement = all`): tenant and role, customer row, contacts. `full` adds what the endpoint also
 * does: departments, tags, manager name and the audited PII read (advisory lock, last hash, insert).
 */
export function detailScript(tenantId: number, customers: number, full: boolean): string {
  const core = [
    `\\set id random(1, ${customers})`,
    'BEGIN;',
    `SELECT set_config('app.tenant_id', '${tenantId}', true), set_config('role', 'crm_app', true);`,
    `SELECT * FROM customers WHERE tenant_id = ${tenantId} AND id = :id;`,
    `SELECT * FROM customer_contacts WHERE tenant_id = ${tenantId} AND customer_id IN (:id) ORDER BY is_primary DESC, id ASC;`,
  ];
  const rest = [
    `SELECT * FROM customer_departments WHERE tenant_id = ${tenantId} AND customer_id = :id ORDER BY sort_order, id;`,
    `SELECT t.id, t.name, t.color FROM customer_tags ct JOIN tags t ON t.tenant_id = ct.tenant_id AND t.id = ct.tag_id WHERE ct.tenant_id = ${tenantId} AND ct.customer_id = :id ORDER BY t.name;`,
    `SELECT display_name FROM users WHERE tenant_id = ${tenantId} AND id = 1;`,
    `SELECT pg_advisory_xact_lock(hashtext('crm.audit'), ${tenantId});`,
    `SELECT hash FROM audit_log WHERE tenant_id = ${tenantId} ORDER BY id DESC LIMIT 1;`,
    `INSERT INTO audit_log (tenant_id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, after, request_id, prev_hash, hash) VALUES (${tenantId}, now(), 'user', 'pgbench', 'pii.read', 'customer', :id, '{"contact_ids": [1, 2]}', 'pgbench', repeat('0', 64), repeat('1', 64));`,
  ];
  return [...core, ...(full ? rest : []), 'END;', ''].join('\n');
}

/**
 * Replays a script with pgbench (extended protocol, as postgres-js sends unnamed statements) and reads
 * per-transaction latencies from its log for percentiles.
 */
export async function runPgbench(options: { label: string; url: string; script: string; clients: number; seconds: number }): Promise<PgbenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crm-pgbench-'));
  try {
    const file = path.join(dir, 'script.sql');
    await writeFile(file, options.script);
    const { stdout } = await run(
      'pgbench',
      ['-n', '-M', 'extended', '-c', String(options.clients), '-j', '2', '-T', String(options.seconds), '-f', file, '-l', '--log-prefix', path.join(dir, 'log'), options.url],
      { cwd: dir, maxBuffer: 1 << 24 },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
    const latencies: number[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.startsWith('log'))) {
      for (const line of (await readFile(path.join(dir, name), 'utf8')).split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros)) latencies.push(micros / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    return { label: options.label, clients: options.clients, tps, transactions: latencies.length, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
