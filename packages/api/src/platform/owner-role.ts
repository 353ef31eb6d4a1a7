import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { APP_ROLE } from '../db/tenant-tx.ts';

/**
 * Runs `work` inside the request transaction as the connecting (owner) role instead of `crm_app`, then
 * switches back. Only for the platform tables the application role may read but not write (`tenants`,
 * `users`, `api_keys`): doing the write in the request transaction keeps it atomic with its audit row —
 * a refused or failed request leaves neither. Callers filter by tenant themselves; those tables have no RLS.
 * @example await withOwnerRole(scope.tx, (tx) => tx.update(tenants).set({ settings }).where(eq(tenants.id, scope.tenantId)));
 */
export async function withOwnerRole<T>(tx: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const backToAppRole = () => tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
  await tx.execute(sql`select set_config('role', 'none', true)`);
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    // After a database error the transaction is aborted and will roll back; the original error matters.
    await backToAppRole().catch(() => undefined);
    throw error;
  }
  await backToAppRole();
  return result;
}
