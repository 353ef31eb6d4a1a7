import { and, eq, sql, type Column } from 'drizzle-orm';
import type { InstantRange } from '../../../db/range-columns.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contractSlaBindings } from './sla-bindings.schema.ts';

/** A binding as the attainment measures read it: which contract's SLA version applied over which instants. */
export type BindingPeriod = { contract_id: number; sla_version_id: number; tier_rank: number; effective: InstantRange };

/**
 * The bindings of a customer's contracts whose period overlaps `[from, to)`, in one statement (the
 * customer-id index of the effective-SLA lookup).
 * @example await customerBindingsOverlapping(scope, 12, jan1, feb1) // [{ contract_id: 7, sla_version_id: 3, tier_rank: 2, effective }]
 */
export async function customerBindingsOverlapping(scope: RequestScope, customerId: number, from: Date, to: Date): Promise<BindingPeriod[]> {
  return scope.tx
    .select({ contract_id: contractSlaBindings.contract_id, sla_version_id: contractSlaBindings.sla_version_id, tier_rank: contractSlaBindings.tier_rank, effective: contractSlaBindings.effective })
    .from(contractSlaBindings)
    .where(
      and(
        eq(contractSlaBindings.tenant_id, scope.tenantId),
        eq(contractSlaBindings.customer_id, customerId),
        sql`${contractSlaBindings.effective} && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`,
      ),
    );
}

/**
 * The bindings of the contract in `contractId` (a column of the caller's query), as a correlated subquery:
 * `notExists(slaBindingsOfContract(scope, contracts.id))` keeps the contracts not bound yet in the caller's
 * one statement.
 * @example tx.select({ id: contracts.id }).from(contracts).where(notExists(slaBindingsOfContract(scope, contracts.id)))
 */
export function slaBindingsOfContract(scope: RequestScope, contractId: Column) {
  return scope.tx
    .select({ id: contractSlaBindings.id })
    .from(contractSlaBindings)
    .where(and(eq(contractSlaBindings.tenant_id, scope.tenantId), eq(contractSlaBindings.contract_id, contractId)));
}
