import type { ContractState } from './contract-lifecycle.ts';

/** The requirement's customer status: 1 潜在客户 potential, 2 正式客户 formal, 3 流失客户 lost. */
export type CustomerStatus = 1 | 2 | 3;
/** The status codes by name, so the rule reads in words. */
export const CUSTOMER_STATUS = { potential: 1, formal: 2, lost: 3 } as const satisfies Record<string, CustomerStatus>;

/** What the rule reads from each of the customer's contracts. */
export type StatusContract = { id: number; state: ContractState; predecessor_id: number | null };

/** Why the status is what it is, for the audit entry the service writes when it changes. */
export type CustomerStatusBasis = 'contract_in_force' | 'renewal_in_progress' | 'all_contracts_ended' | 'no_contract_has_run';

const IN_FORCE: readonly ContractState[] = ['active', 'expiring'];
const ENDED: readonly ContractState[] = ['expired', 'terminated'];
const IN_PREPARATION: readonly ContractState[] = ['draft', 'pending_approval'];

/**
 * A renewed contract keeps the relationship going while its successor is on its way (draft or pending
 * approval) or running; once the successor is rejected or cancelled the renewal failed and the renewed
 * contract counts as ended. A successor that is not in the list (not loaded) is given the benefit of the
 * doubt: marking a customer lost by mistake sends it into the churn workflow.
 */
function renewalContinues(renewed: StatusContract, contracts: readonly StatusContract[]): boolean {
  const successors = contracts.filter((c) => c.predecessor_id === renewed.id);
  if (successors.length === 0) return true;
  return successors.some((s) => IN_PREPARATION.includes(s.state));
}

/**
 * The status and the reason for it. A contract in force makes the customer formal (from potential or
 * lost alike); a renewal on its way keeps it formal; when every contract that ever ran has ended without
 * renewal it is lost; drafts, pending, rejected and cancelled contracts alone change nothing.
 * @example explainCustomerStatus(1, [{ id: 1, state: 'active', predecessor_id: null }]) // { status: 2, basis: 'contract_in_force' }
 */
export function explainCustomerStatus(current: CustomerStatus, contracts: readonly StatusContract[]): { status: CustomerStatus; basis: CustomerStatusBasis } {
  if (contracts.some((c) => IN_FORCE.includes(c.state))) return { status: CUSTOMER_STATUS.formal, basis: 'contract_in_force' };
  if (contracts.some((c) => c.state === 'renewed' && renewalContinues(c, contracts))) return { status: CUSTOMER_STATUS.formal, basis: 'renewal_in_progress' };
  // Nothing in force and no renewal on its way: if any contract ever ran (and so has now ended), the customer is lost.
  if (contracts.some((c) => ENDED.includes(c.state) || c.state === 'renewed')) return { status: CUSTOMER_STATUS.lost, basis: 'all_contracts_ended' };
  return { status: current, basis: 'no_contract_has_run' };
}

/**
 * The customer's status as its contracts make it (see `explainCustomerStatus`).
 * @example customerStatusFromContracts(2, [{ id: 1, state: 'expired', predecessor_id: null }]) // 3
 */
export const customerStatusFromContracts = (current: CustomerStatus, contracts: readonly StatusContract[]): CustomerStatus => explainCustomerStatus(current, contracts).status;
