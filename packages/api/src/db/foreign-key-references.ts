import { sql } from 'drizzle-orm';
import type { Db } from './create-db.ts';
import { rawRows } from './raw-rows.ts';

/** A column of some table that references a tenant-owned table's `(tenant_id, id)`. */
export type ForeignKeyReference = { table: string; column: string };

/**
 * Every foreign key `(tenant_id, x) → <table>(tenant_id, id)` in the database, read from the catalogue, except
 * the tables named in `except`. Used where a row is replaced by another everywhere (a customer merged into a
 * survivor): the tables that reference it are whatever the modules declared, found without naming them.
 * @example await foreignKeyReferences(tx, 'customers', ['customer_contacts']) // [{ table: 'contracts', column: 'customer_id' }, …]
 */
export async function foreignKeyReferences(tx: Db, table: string, except: readonly string[] = []): Promise<ForeignKeyReference[]> {
  const rows = rawRows<{ table_name: string; column_name: string }>(
    await tx.execute(sql`
      select cl.relname::text as table_name, att.attname::text as column_name
        from pg_constraint con
        join pg_class cl on cl.oid = con.conrelid
        join pg_attribute ref on ref.attrelid = con.confrelid and ref.attname = 'id'
        join pg_attribute att on att.attrelid = con.conrelid and att.attnum = con.conkey[array_position(con.confkey, ref.attnum)]
       where con.contype = 'f' and con.conparentid = 0 and con.confrelid = ${table}::regclass
         and exists (select 1 from pg_attribute t where t.attrelid = con.conrelid and t.attname = 'tenant_id' and not t.attisdropped)
       order by 1, 2`),
  );
  return rows.filter((row) => !except.includes(row.table_name)).map((row) => ({ table: row.table_name, column: row.column_name }));
}

/** How many rows of the tenant reference `id` through `reference`. */
export async function countReferences(tx: Db, tenantId: number, reference: ForeignKeyReference, id: number): Promise<number> {
  const [row] = rawRows<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from ${sql.identifier(reference.table)} where tenant_id = ${tenantId} and ${sql.identifier(reference.column)} = ${id}`),
  );
  return Number(row?.n ?? 0);
}

/** Points the tenant's rows that reference `fromId` through `reference` at `toId`; answers how many moved. */
export async function repointReferences(tx: Db, tenantId: number, reference: ForeignKeyReference, fromId: number, toId: number): Promise<number> {
  const [row] = rawRows<{ n: number }>(
    await tx.execute(sql`with moved as (
        update ${sql.identifier(reference.table)} set ${sql.identifier(reference.column)} = ${toId}
         where tenant_id = ${tenantId} and ${sql.identifier(reference.column)} = ${fromId} returning 1)
      select count(*)::int as n from moved`),
  );
  return Number(row?.n ?? 0);
}
