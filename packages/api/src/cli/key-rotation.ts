import { asc, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { rawRows } from '../db/raw-rows.ts';
import { withTenant } from '../db/tenant-tx.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { tenants } from '../platform/identity/tenants.schema.ts';

/** A tenant table holding encrypted fields (`*_enc` text columns). */
export type EncryptedTable = { table: string; columns: string[] };

/** One batch (or, in a dry run, one table of one tenant) done. */
export type RotationProgress = { tenantId: number; table: string; rows: number; values: number };

/** What a rotation did (or would do). */
export type RotationReport = {
  activeKeyId: string;
  tenants: number;
  tables: EncryptedTable[];
  /** Rows that held at least one value under another key. */
  rows: number;
  /** Values re-encrypted under the active key (or, in a dry run, that would be). */
  values: number;
  dryRun: boolean;
};

/** How to run a rotation. */
export type RotationOptions = {
  /** Rows per transaction; each batch commits on its own, so a long run holds no lock for long. */
  batchSize?: number;
  /** Count what is not under the active key, change nothing. */
  dryRun?: boolean;
  onProgress?: (progress: RotationProgress) => void;
};

/**
 * Every tenant table (not view) with `*_enc` columns (contacts today; whatever a later module encrypts, too), so a
 * rotation cannot leave a value behind under a key that is about to be retired.
 */
export async function encryptedTables(db: Db): Promise<EncryptedTable[]> {
  const rows = rawRows<{ table_name: string; column_name: string }>(
    await db.execute(sql`
      select c.table_name::text as table_name, c.column_name::text as column_name
        from information_schema.columns c
       where c.table_schema = current_schema() and right(c.column_name, 4) = '_enc' and c.data_type = 'text'
         -- Tables only: the read-model views (contact_directory …) show the same values and are read only.
         and exists (select 1 from information_schema.tables v
                      where v.table_schema = c.table_schema and v.table_name = c.table_name and v.table_type = 'BASE TABLE')
         and exists (select 1 from information_schema.columns t
                      where t.table_schema = c.table_schema and t.table_name = c.table_name and t.column_name = 'tenant_id')
         and exists (select 1 from information_schema.columns t
                      where t.table_schema = c.table_schema and t.table_name = c.table_name and t.column_name = 'id')
       order by 1, 2`),
  );
  const tables = new Map<string, string[]>();
  for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  return [...tables].map(([table, columns]) => ({ table, columns }));
}

/** A stored envelope `v1.<keyId>.…` not sealed with the active key. */
const staleCondition = (column: string, activeKeyId: string): SQL =>
  sql`(${sql.identifier(column)} is not null and split_part(${sql.identifier(column)}, '.', 2) <> ${activeKeyId})`;

/** Re-encrypts one batch of a tenant's rows in its own transaction; returns what it did and where it stopped. */
async function rotateBatch(db: Db, keyRing: KeyRing, tenantId: number, target: EncryptedTable, afterId: number, batchSize: number) {
  return withTenant(db, tenantId, async (tx) => {
    const stale = sql.join(target.columns.map((c) => staleCondition(c, keyRing.activeKeyId)), sql` or `);
    const columns = sql.join(target.columns.map((c) => sql.identifier(c)), sql`, `);
    const table = sql.identifier(target.table);
    // FOR UPDATE: a concurrent edit of the same contact waits, so a newer value is never overwritten with an older one.
    const rows = rawRows<Record<string, string | null> & { id: number | string }>(
      await tx.execute(sql`select id, ${columns} from ${table}
        where tenant_id = ${tenantId} and id > ${afterId} and (${stale}) order by id limit ${batchSize} for update`),
    );
    let values = 0;
    for (const row of rows) {
      const updates = target.columns
        .filter((column) => row[column] && keyRing.keyIdOf(row[column]!) !== keyRing.activeKeyId)
        .map((column) => sql`${sql.identifier(column)} = ${keyRing.encrypt(keyRing.decrypt(row[column]!))}`);
      values += updates.length;
      // Only the ciphertext changes, not the data: version and updated_at stay, so no client's ETag goes stale.
      await tx.execute(sql`update ${table} set ${sql.join(updates, sql`, `)} where tenant_id = ${tenantId} and id = ${row.id}`);
    }
    return { rows: rows.length, values, lastId: rows.length > 0 ? Number(rows.at(-1)!.id) : afterId };
  });
}

async function countStale(db: Db, keyRing: KeyRing, tenantId: number, target: EncryptedTable) {
  const counts = target.columns.map((c) => sql`count(*) filter (where ${staleCondition(c, keyRing.activeKeyId)})::int`);
  const stale = sql.join(target.columns.map((c) => staleCondition(c, keyRing.activeKeyId)), sql` or `);
  const [row] = rawRows<Record<string, number>>(
    await withTenant(db, tenantId, (tx) =>
      tx.execute(sql`select count(*) filter (where ${stale})::int as rows, ${sql.join(counts.map((c, i) => sql`${c} as ${sql.identifier(`v${i}`)}`), sql`, `)}
        from ${sql.identifier(target.table)} where tenant_id = ${tenantId}`),
    ),
  );
  const values = target.columns.reduce((sum, _c, i) => sum + Number(row?.[`v${i}`] ?? 0), 0);
  return { rows: Number(row?.rows ?? 0), values };
}

/**
 * Re-encrypts every `*_enc` value not sealed with the ring's active key, tenant by tenant, in batches,
 * each batch in a tenant transaction under the application role (tables FORCE row-level security, so
 * the tenant must be set). Blind indexes do not depend on the encryption key and stay as they are.
 * Idempotent: a second run finds nothing to do. Once it reports 0, the old key can leave the ring.
 * @example const report = await rotateEncryptionKeys(db, createKeyRing({ keys: 'k2:…,k1:…', blindIndexKey }));
 */
export async function rotateEncryptionKeys(db: Db, keyRing: KeyRing, options: RotationOptions = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 500;
  const tables = await encryptedTables(db);
  const tenantIds = (await db.select({ id: tenants.id }).from(tenants).orderBy(asc(tenants.id))).map((t) => t.id);
  const report: RotationReport = { activeKeyId: keyRing.activeKeyId, tenants: tenantIds.length, tables, rows: 0, values: 0, dryRun: Boolean(options.dryRun) };
  for (const tenantId of tenantIds) {
    for (const target of tables) {
      if (options.dryRun) {
        const stale = await countStale(db, keyRing, tenantId, target);
        report.rows += stale.rows;
        report.values += stale.values;
        if (stale.rows > 0) options.onProgress?.({ tenantId, table: target.table, ...stale });
        continue;
      }
      let afterId = 0;
      for (;;) {
        const batch = await rotateBatch(db, keyRing, tenantId, target, afterId, batchSize);
        report.rows += batch.rows;
        report.values += batch.values;
        if (batch.rows > 0) options.onProgress?.({ tenantId, table: target.table, rows: batch.rows, values: batch.values });
        if (batch.rows < batchSize) break;
        afterId = batch.lastId;
      }
    }
  }
  return report;
}
