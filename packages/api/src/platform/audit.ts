import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { insertJsonRows, type JsonColumn } from '../db/json-rows.ts';
import { auditLog, type AuditRow } from './platform.schema.ts';
import type { RequestScope } from './request-context.ts';

export type AuditEntry = {
  action: string;
  entity_type: string;
  entity_id: string | number;
  before?: unknown;
  after?: unknown;
};

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level: jsonb does not keep key order, so the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function hashRow(prev: string, row: { occurred_at: string; actor_id: string; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown }): string {
  return createHash('sha256')
    .update(prev)
    .update(canonicalJson([row.occurred_at, row.actor_id, row.action, row.entity_type, row.entity_id, row.before ?? null, row.after ?? null]))
    .digest('hex');
}

/**
 * Parallel hash chains per tenant. One chain would make every audited transaction of a tenant — every
 * unmasked contact read included — wait for the previous one to commit; with several, a request waits
 * only for the last one on its own chain, and each chain is still complete and verifiable on its own.
 */
export const AUDIT_CHAINS = 16;

/** The chain a request writes to: fixed per request, so its rows stay in order on one chain. */
const chainOf = (requestId: string): number => createHash('sha256').update(requestId).digest().readUInt16BE(0) % AUDIT_CHAINS;

/**
 * Appends to the tenant's hash-chained audit log inside the request transaction. A transaction-scoped
 * advisory lock orders each chain; it is released at commit.
 * Values must already be safe to keep: contacts are recorded as stored (ciphertext), never in plaintext.
 */
export async function audit(scope: RequestScope, entry: AuditEntry): Promise<void> {
  await auditMany(scope, [entry]);
}

const AUDIT_COLUMNS: JsonColumn[] = [
  ['tenant_id', 'bigint'], ['occurred_at', 'timestamptz'], ['actor_type', 'text'], ['actor_id', 'text'], ['action', 'text'], ['entity_type', 'text'],
  ['entity_id', 'text'], ['before', 'jsonb'], ['after', 'jsonb'], ['request_id', 'text'], ['chain', 'smallint'], ['prev_hash', 'text'], ['hash', 'text'],
];

/**
 * Appends several entries in order, chained one after the other, with one lock, one read of the chain's
 * head and one insert: what a batch write (a thousand tickets) needs instead of a thousand round trips.
 * @example await auditMany(scope, records.map((r) => ({ action: 'service_record.created', entity_type: 'service_record', entity_id: r.id, after: r })));
 */
export async function auditMany(scope: RequestScope, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { tx, tenantId, principal } = scope;
  const chain = chainOf(scope.requestId);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm.audit.${chain}`}), ${tenantId}::int)`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(and(eq(auditLog.tenant_id, tenantId), eq(auditLog.chain, chain)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  let prev = last?.hash ?? GENESIS;
  const occurredAt = new Date();
  const rows = entries.map((entry) => {
    const before = entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before));
    const after = entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after));
    const hashed = { occurred_at: occurredAt.toISOString(), actor_id: principal.subject, action: entry.action, entity_type: entry.entity_type, entity_id: String(entry.entity_id), before, after };
    const hash = hashRow(prev, hashed);
    const row = {
      tenant_id: tenantId,
      occurred_at: occurredAt,
      actor_type: principal.kind,
      actor_id: principal.subject,
      action: entry.action,
      entity_type: entry.entity_type,
      entity_id: hashed.entity_id,
      before,
      after,
      request_id: scope.requestId,
      chain,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  // Ids are assigned in array order, which is the chain order verifyAuditChain walks.
  await tx.execute(insertJsonRows('audit_log', AUDIT_COLUMNS, rows));
}

/**
 * Walks each of a tenant's chains and reports the first row whose hash does not match (tampering or
 * deletion): `broken_at` is the lowest such id.
 * @example const { valid, broken_at } = await verifyAuditChain(tx, tenantId);
 */
export async function verifyAuditChain(tx: Db, tenantId: number): Promise<{ valid: boolean; checked: number; broken_at: number | null }> {
  const rows: AuditRow[] = await tx.select().from(auditLog).where(eq(auditLog.tenant_id, tenantId)).orderBy(asc(auditLog.id));
  const prevOf = new Map<number, string>();
  let brokenAt: number | null = null;
  for (const row of rows) {
    const prev = prevOf.get(row.chain) ?? GENESIS;
    const expected = hashRow(prev, {
      occurred_at: row.occurred_at.toISOString(),
      actor_id: row.actor_id,
      action: row.action,
      entity_type: row.entity_type,
      entity_id: row.entity_id,
      before: row.before,
      after: row.after,
    });
    if (row.prev_hash !== prev || row.hash !== expected) {
      brokenAt = row.id;
      break;
    }
    prevOf.set(row.chain, row.hash);
  }
  return { valid: brokenAt === null, checked: rows.length, broken_at: brokenAt };
}
