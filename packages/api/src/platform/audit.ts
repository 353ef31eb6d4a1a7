import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
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
 * Appends to the tenant's hash-chained audit log inside the request transaction. A transaction-scoped
 * advisory lock orders the chain per tenant; it is released at commit.
 * Values must already be safe to keep: contacts are recorded as stored (ciphertext), never in plaintext.
 */
export async function audit(scope: RequestScope, entry: AuditEntry): Promise<void> {
  const { tx, tenantId, principal } = scope;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('crm.audit'), ${tenantId}::int)`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.tenant_id, tenantId))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const prev = last?.hash ?? GENESIS;
  const occurredAt = new Date();
  const before = entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before));
  const after = entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after));
  const row = {
    occurred_at: occurredAt.toISOString(),
    actor_id: principal.subject,
    action: entry.action,
    entity_type: entry.entity_type,
    entity_id: String(entry.entity_id),
    before,
    after,
  };
  await tx.insert(auditLog).values({
    tenant_id: tenantId,
    occurred_at: occurredAt,
    actor_type: principal.kind,
    actor_id: principal.subject,
    action: entry.action,
    entity_type: entry.entity_type,
    entity_id: row.entity_id,
    before,
    after,
    request_id: scope.requestId,
    prev_hash: prev,
    hash: hashRow(prev, row),
  });
}

/**
 * Walks a tenant's chain and reports the first row whose hash does not match (tampering or deletion).
 * @example const { valid, broken_at } = await verifyAuditChain(tx, tenantId);
 */
export async function verifyAuditChain(tx: Db, tenantId: number): Promise<{ valid: boolean; checked: number; broken_at: number | null }> {
  const rows: AuditRow[] = await tx.select().from(auditLog).where(and(eq(auditLog.tenant_id, tenantId))).orderBy(asc(auditLog.id));
  let prev = GENESIS;
  for (const row of rows) {
    const expected = hashRow(prev, {
      occurred_at: row.occurred_at.toISOString(),
      actor_id: row.actor_id,
      action: row.action,
      entity_type: row.entity_type,
      entity_id: row.entity_id,
      before: row.before,
      after: row.after,
    });
    if (row.prev_hash !== prev || row.hash !== expected) return { valid: false, checked: rows.length, broken_at: row.id };
    prev = row.hash;
  }
  return { valid: true, checked: rows.length, broken_at: null };
}
