/**
 * Rows of a raw `db.execute(sql…)`: PGlite answers `{ rows }`, postgres-js an array. Typed queries
 * through drizzle's builder never need this.
 */
export function rawRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
