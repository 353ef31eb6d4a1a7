import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { quantile } from './load.ts';

const run = promisify(execFile);

/** The API's parallel audit chains per tenant (platform/audit.ts): each request locks one, at random. */
const AUDIT_CHAINS = 16;

/** Transactions per second and per-transaction latency (ms) of a pgbench run. */
export type PgbenchResult = { label: string; clients: number; tps: number; p50: number; p95: number; p99: number; transactions: number };

/**
 * The API's detail read as raw SQL, statement for statement as the service issues them (captured with
 * `log_statement = all`): tenant and role, customer row, contacts. `full` adds what the endpoint also
 * does: departments, tags, manager name and the audited PII read (lock on one of the tenant's audit
 * chains, its last hash, insert). `managerId` is an account manager of the bench tenant.
 */
export function detailScript(tenantId: number, customers: number, full: boolean, managerId: number): string {
  const core = [
    `\\set id random(1, ${customers})`,
    `\\set chain random(0, ${AUDIT_CHAINS - 1})`,
    'BEGIN;',
    `SELECT set_config('app.tenant_id', '${tenantId}', true), set_config('role', 'crm_app', true);`,
    `SELECT * FROM customers WHERE tenant_id = ${tenantId} AND id = :id;`,
    `SELECT * FROM customer_contacts WHERE tenant_id = ${tenantId} AND customer_id IN (:id) ORDER BY is_primary DESC, id ASC;`,
  ];
  const rest = [
    `SELECT * FROM customer_departments WHERE tenant_id = ${tenantId} AND customer_id = :id ORDER BY sort_order, id;`,
    `SELECT t.id, t.name, t.color FROM customer_tags ct JOIN tags t ON t.tenant_id = ct.tenant_id AND t.id = ct.tag_id WHERE ct.tenant_id = ${tenantId} AND ct.customer_id = :id ORDER BY t.name;`,
    `SELECT display_name FROM users WHERE tenant_id = ${tenantId} AND id = ${managerId};`,
    `SELECT pg_advisory_xact_lock(hashtext('crm.audit.' || :chain), ${tenantId});`,
    `SELECT hash FROM audit_log WHERE tenant_id = ${tenantId} AND chain = :chain ORDER BY id DESC LIMIT 1;`,
    `INSERT INTO audit_log (tenant_id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, after, request_id, chain, prev_hash, hash) VALUES (${tenantId}, now(), 'user', 'pgbench', 'pii.read', 'customer', :id, '{"contact_ids": [1, 2]}', 'pgbench', :chain, repeat('0', 64), repeat('1', 64));`,
  ];
  return [...core, ...(full ? rest : []), 'END;', ''].join('\n');
}

/**
 * The create's statements as the service issues them (captured with `log_statement = all`): the day's
 * code counter (a row lock held to commit), customer, contact, completeness re-read and update, the
 * audit append (one chain's advisory lock held to commit) and the outbox event. Uses its own counter scope `PGB…`.
 */
export function createScript(tenantId: number, managerId: number): string {
  const t = tenantId;
  return [
    '\\set n random(1, 2000000000)',
    `\\set chain random(0, ${AUDIT_CHAINS - 1})`,
    'BEGIN;',
    `SELECT set_config('app.tenant_id', '${t}', true), set_config('role', 'crm_app', true);`,
    `INSERT INTO code_sequences (tenant_id, scope, last_value) VALUES (${t}, 'PGB' || to_char(now(), 'YYYYMMDD'), 1) ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = code_sequences.last_value + 1 RETURNING last_value AS seq \\gset`,
    `INSERT INTO customers (tenant_id, customer_code, customer_name, customer_type, industry, scale, address, website, description, status, level, source, assigned_manager_id, name_normalized, name_pinyin, website_domain, created_at, updated_at) VALUES (${t}, 'PGB' || :seq || '-' || :n, 'pgbench客户' || :n || '科技有限公司', 1, '软件开发', '中型企业', '北京市朝阳区建国路88号', 'https://www.bench.com', '专注于企业级软件开发的科技公司', 1, 2, '网络推广', ${managerId}, 'pgbench客户' || :n || '科技', 'pgbenchkehu kjyxgs', 'bench.com', now(), now()) RETURNING id AS cid \\gset`,
    `INSERT INTO customer_contacts (tenant_id, customer_id, contact_name, position, phone_enc, mobile_enc, email_enc, phone_bidx, mobile_bidx, email_bidx, is_primary, is_decision_maker) VALUES (${t}, :cid, '张总', '总经理', 'v1.k.iv.tag.data', 'v1.k.iv.tag.data', 'v1.k.iv.tag.data', md5('p' || :n), md5('m' || :n), md5('e' || :n), true, true) RETURNING *;`,
    `SELECT * FROM customers WHERE tenant_id = ${t} AND id = :cid;`,
    `SELECT is_primary, is_decision_maker, (mobile_enc IS NOT NULL OR phone_enc IS NOT NULL OR email_enc IS NOT NULL) FROM customer_contacts WHERE tenant_id = ${t} AND customer_id = :cid;`,
    `UPDATE customers SET completeness_score = 96, completeness_missing = '{credit_code}' WHERE tenant_id = ${t} AND id = :cid;`,
    `SELECT pg_advisory_xact_lock(hashtext('crm.audit.' || :chain), ${t});`,
    `SELECT hash FROM audit_log WHERE tenant_id = ${t} AND chain = :chain ORDER BY id DESC LIMIT 1;`,
    `INSERT INTO audit_log (tenant_id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, after, request_id, chain, prev_hash, hash) VALUES (${t}, now(), 'user', 'pgbench', 'customer.created', 'customer', :cid, '{"id": 1}', 'pgbench', :chain, repeat('0', 64), repeat('1', 64));`,
    `INSERT INTO events (tenant_id, type, entity_type, entity_id, payload) VALUES (${t}, 'customer.created', 'customer', :cid, '{}');`,
    'END;',
    '',
  ].join('\n');
}

/**
 * The effective-SLA read as raw SQL, as effective-sla.service.ts issues it: tenant and role, the customer
 * visibility check, the binding lookup (gist on customer and period) and, when no binding is in force,
 * the tenant baseline from the catalogue (the bound version itself comes from the API's cache). Random
 * customers at random instants of the last two years. pgbench cannot branch on a result set, so a count
 * of the same index probe decides the baseline branch: one extra cheap statement the API does not send.
 * The tenant id is cast to bigint as the API's parameter is (btree_gist has no int8 = int4 operator).
 */
export function effectiveSlaScript(tenantId: number, customers: number): string {
  const t = tenantId;
  const at = `(now() - :s * interval '1 second')`;
  return [
    `\\set id random(1, ${customers})`,
    `\\set s random(0, ${2 * 365 * 86_400})`,
    'BEGIN;',
    `SELECT set_config('app.tenant_id', '${t}', true), set_config('role', 'crm_app', true);`,
    `SELECT * FROM customers WHERE tenant_id = ${t} AND id = :id;`,
    `SELECT b.*, c.id, c.contract_no, c.kind, c.state, c.start_date, c.end_date FROM contract_sla_bindings b INNER JOIN contracts c ON c.tenant_id = b.tenant_id AND c.id = b.contract_id WHERE b.tenant_id = ${t}::bigint AND b.customer_id = :id AND b.effective @> ${at} ORDER BY b.tier_rank DESC, c.start_date DESC, c.id DESC LIMIT 1;`,
    `SELECT count(*) AS hit FROM contract_sla_bindings WHERE tenant_id = ${t}::bigint AND customer_id = :id AND effective @> ${at} \\gset`,
    '\\if :hit = 0',
    `SELECT v.*, t.* FROM sla_versions v INNER JOIN sla_tiers t ON t.tenant_id = v.tenant_id AND t.id = v.tier_id WHERE v.tenant_id = ${t} AND v.status = 'published' ORDER BY t.rank ASC, v.version_no DESC;`,
    '\\endif',
    'END;',
    '',
  ].join('\n');
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
