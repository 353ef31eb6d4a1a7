import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_STATES, type ContractState } from './contract-lifecycle.ts';
import { customerStatusFromContracts, explainCustomerStatus, type CustomerStatus, type StatusContract } from './customer-status-rule.ts';

/** Contracts written as `state` or `state<-predecessor`, numbered from 1 in order. */
const contracts = (...specs: string[]): StatusContract[] =>
  specs.map((spec, index) => {
    const [state, predecessor] = spec.split('<-');
    return { id: index + 1, state: state as ContractState, predecessor_id: predecessor ? Number(predecessor) : null };
  });

const [potential, formal, lost] = [1, 2, 3] as const;

describe('customerStatusFromContracts', () => {
  type Row = [label: string, current: CustomerStatus, contracts: StatusContract[], expected: CustomerStatus, basis: string];
  const rows: Row[] = [
    ['no contracts: a potential customer stays potential', potential, contracts(), potential, 'no_contract_has_run'],
    ['no contracts: a formal customer (set by hand) stays formal', formal, contracts(), formal, 'no_contract_has_run'],
    ['a draft changes nothing', potential, contracts('draft'), potential, 'no_contract_has_run'],
    ['pending approval changes nothing', potential, contracts('pending_approval'), potential, 'no_contract_has_run'],
    ['rejected and cancelled change nothing', potential, contracts('rejected', 'cancelled'), potential, 'no_contract_has_run'],
    ['the first active contract makes a potential customer formal', potential, contracts('active'), formal, 'contract_in_force'],
    ['an expiring contract is still in force', potential, contracts('expiring'), formal, 'contract_in_force'],
    ['a formal customer with an active contract stays formal', formal, contracts('active', 'draft'), formal, 'contract_in_force'],
    ['one expired and one active: formal', formal, contracts('expired', 'active'), formal, 'contract_in_force'],
    ['its only contract expired: lost', formal, contracts('expired'), lost, 'all_contracts_ended'],
    ['its only contract terminated: lost', formal, contracts('terminated'), lost, 'all_contracts_ended'],
    ['all ended, a new draft in negotiation: still lost', formal, contracts('expired', 'draft'), lost, 'all_contracts_ended'],
    ['all ended, a new contract pending approval: still lost', lost, contracts('terminated', 'pending_approval'), lost, 'all_contracts_ended'],
    ['a lost customer with a new active contract is formal again', lost, contracts('expired', 'active'), formal, 'contract_in_force'],
    ['renewed, successor still a draft: formal', formal, contracts('renewed', 'draft<-1'), formal, 'renewal_in_progress'],
    ['renewed, successor pending approval: formal', formal, contracts('renewed', 'pending_approval<-1'), formal, 'renewal_in_progress'],
    ['renewed, successor active: formal', formal, contracts('renewed', 'active<-1'), formal, 'contract_in_force'],
    ['renewed, successor not loaded: formal (no false churn)', formal, contracts('renewed'), formal, 'renewal_in_progress'],
    ['renewed, successor cancelled: the renewal failed, lost', formal, contracts('renewed', 'cancelled<-1'), lost, 'all_contracts_ended'],
    ['renewed, successor rejected: lost', formal, contracts('renewed', 'rejected<-1'), lost, 'all_contracts_ended'],
    ['renewed, successor expired without renewal: lost', formal, contracts('renewed', 'expired<-1'), lost, 'all_contracts_ended'],
    ['a chain renewed twice, the last one active: formal', formal, contracts('renewed', 'renewed<-1', 'active<-2'), formal, 'contract_in_force'],
    ['a chain renewed twice, the last one terminated: lost', formal, contracts('renewed', 'renewed<-1', 'terminated<-2'), lost, 'all_contracts_ended'],
    ['renewed once, the failed second renewal was replaced by a draft: formal', formal, contracts('renewed', 'cancelled<-1', 'draft<-1'), formal, 'renewal_in_progress'],
    ['an imported potential customer whose only contract has expired: lost', potential, contracts('expired'), lost, 'all_contracts_ended'],
  ];

  it.each(rows)('%s', (_label, current, list, expected, basis) => {
    expect(customerStatusFromContracts(current, list)).toBe(expected);
    expect(explainCustomerStatus(current, list)).toEqual({ status: expected, basis });
  });

  it('does not depend on the order of the contracts', () => {
    const state = fc.constantFrom(...CONTRACT_STATES);
    fc.assert(
      fc.property(fc.constantFrom<CustomerStatus>(1, 2, 3), fc.array(state, { maxLength: 6 }), fc.integer(), (current, states, seed) => {
        const list = states.map((s, i) => ({ id: i + 1, state: s, predecessor_id: i > 0 && seed % (i + 1) === 0 ? i : null }));
        const shuffled = [...list].sort((a, b) => ((a.id * seed) % 7) - ((b.id * seed) % 7));
        expect(customerStatusFromContracts(current, shuffled)).toBe(customerStatusFromContracts(current, list));
      }),
    );
  });

  it('with a contract in force the customer is always formal; with only drafts the status never moves', () => {
    const state = fc.constantFrom(...CONTRACT_STATES);
    fc.assert(
      fc.property(fc.constantFrom<CustomerStatus>(1, 2, 3), fc.array(state, { maxLength: 6 }), (current, states) => {
        const list = states.map((s, i) => ({ id: i + 1, state: s, predecessor_id: null }));
        const status = customerStatusFromContracts(current, list);
        if (states.some((s) => s === 'active' || s === 'expiring')) expect(status).toBe(2);
        if (states.every((s) => s === 'draft' || s === 'pending_approval')) expect(status).toBe(current);
      }),
    );
  });
});
