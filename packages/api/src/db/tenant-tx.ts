import { sql } from 'drizzle-orm';
import type { Db } from './create-db.ts';

/** The non-superuser role every tenant transaction runs under, so row-level security applies. */
export const APP_ROLE = 'crm_app';

/**
 * Runs `work` in one transaction scoped to a tenant: `app.tenant_id` and the role `crm_app` are set
 * transaction-locally (one round trip), so RLS policies hide and refuse every other tenant's rows even
 * when a query forgets its `tenant_id` filter.
 * @example await withTenant(db, 7, (tx) => tx.select().from(customers));
 */
export async function withTenant<T>(db: Db, tenantId: number, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.tenant_id', ${String(tenantId)}, true), set_config('role', ${APP_ROLE}, true)`,
    );
    return work(tx as unknown as Db);
  });
}
