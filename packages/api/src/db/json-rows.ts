import { sql, type SQL } from 'drizzle-orm';

/** A column of a bulk insert: its name and the SQL type its JSON value is read as. */
export type JsonColumn = readonly [name: string, type: string];

/**
 * `INSERT … SELECT` of many rows sent as one JSON parameter and read back in their order with
 * `json_to_recordset … WITH ORDINALITY`. A thousand rows of twenty-five columns are one parameter instead of
 * 25,000: the query builder's per-parameter work (a fifth of a batch's CPU) and the protocol's parameter
 * limit both go away. Rows are inserted in array order, so identity ids follow it.
 * Names and types are the caller's constants, never user input.
 * @example await tx.execute(insertJsonRows('events', [['tenant_id', 'bigint'], ['type', 'text']], rows))
 */
export function insertJsonRows(table: string, columns: readonly JsonColumn[], rows: readonly Record<string, unknown>[], returning?: string): SQL {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const definitions = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  return sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(names)})
    select ${sql.raw(names)} from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (${sql.raw(definitions)})) with ordinality as x(${sql.raw(names)}, ord)
    order by ord${sql.raw(returning ? ` returning ${returning}` : '')}`;
}
