/**
 * Runs a read as a prepared statement. Reads of the month-partitioned tables (service records,
 * communications) otherwise pay the planner for every month partition on each call — about 4 ms against
 * 1 ms of execution for a history page. Prepared, Postgres keeps a generic plan after five runs on a
 * connection (the partitions are pruned at execution when the query bounds the month). The name only marks
 * the statement; the driver caches it per connection by its SQL text, so every filter combination of a
 * query gets its own entry (a handful, not one per request).
 * @example const rows = await prepared(scope.tx.select().from(serviceRecords).where(...).limit(21), 'service_history_page');
 */
export function prepared<T>(query: { prepare(name: string): { execute(): Promise<T> } }, name: string): Promise<T> {
  return query.prepare(name).execute();
}
