import { and, eq } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contracts } from './contracts.schema.ts';

/**
 * Locks a contract's row until the caller's transaction ends, so work that must not interleave on one
 * contract (the SLA bindings' re-binding) runs one after the other. A missing id locks nothing.
 * @example await lockContract(scope, 7); // … then read and rewrite what hangs off contract 7
 */
export async function lockContract(scope: RequestScope, contractId: number): Promise<void> {
  await scope.tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, contractId))).for('update');
}
