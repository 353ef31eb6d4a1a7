import { sql, type SQL } from 'drizzle-orm';

/**
 * Ids as ONE `bigint[]` parameter (`customer_id = any(${idArray(ids)})`): a set-wise query over 100,000
 * customers would otherwise overflow the protocol's 65,535 bind parameters.
 * @example sql`select … where customer_id = any(${idArray([1, 2])})`
 */
export const idArray = (ids: readonly number[]): SQL => sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[]`;
