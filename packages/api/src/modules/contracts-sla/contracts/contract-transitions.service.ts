import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './contracts.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { changeCustomerStatus } from '../../customers/customers/customers.public.ts';
import { bindOnActivation, reevaluateContract, type Reevaluation, startOfBusinessDay, truncateOnTermination } from '../sla-bindings/sla-bindings.public.ts';
import { allowedEvents, transition, type ContractEvent, type TransitionOk } from './contract-lifecycle.ts';
import { amendTerms, termsVersionsOf, writeInitialTerms } from './contract-terms.service.ts';
import { explainCustomerStatus, type CustomerStatus } from './customer-status-rule.ts';
import type { ContractDetail, ContractTermsChange, ContractTransitionRequest } from './contracts.contract.ts';
import { contracts, contractTransitions, type ContractRow } from './contracts.schema.ts';
import { findVisibleContract, getContract, lifecycleOf } from './contracts.service.ts';

/** Re-derives the customer's status from all its contracts (the customers module locks, stores and audits). */
export async function followCustomerStatus(scope: RequestScope, customerId: number): Promise<void> {
  await changeCustomerStatus(scope, customerId, async (current) => {
    const siblings = await scope.tx
      .select({ id: contracts.id, state: contracts.state, predecessor_id: contracts.predecessor_id })
      .from(contracts)
      .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.customer_id, customerId)));
    return explainCustomerStatus(current as CustomerStatus, siblings);
  });
}

/**
 * Stores an allowed transition with a compare-and-set on the state and row version read, so of two
 * concurrent transitions exactly one wins (the other gets 409), then records, audits and announces it.
 */
async function commitTransition(scope: RequestScope, row: ContractRow, result: TransitionOk<unknown>, now: Date): Promise<ContractRow> {
  const { record } = result;
  const terminated = record.event === 'terminate';
  const [updated] = await scope.tx
    .update(contracts)
    .set({
      state: result.next,
      version: row.version + 1,
      updated_at: now,
      ...(terminated ? { terminated_on: record.effective_date, termination_reason: record.reason } : {}),
    })
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, row.id), eq(contracts.state, row.state), eq(contracts.version, row.version)))
    .returning();
  if (!updated) throw new ApiError('contract.transition_conflict', { id: row.id, event: record.event });
  await scope.tx.insert(contractTransitions).values({
    tenant_id: scope.tenantId,
    contract_id: row.id,
    event: record.event,
    from_state: record.from,
    to_state: record.to,
    actor_id: scope.principal.subject,
    at: record.at,
    reason: record.reason,
    successor_id: record.successor_id,
    effective_date: record.effective_date,
    request_id: scope.requestId,
  });
  await audit(scope, {
    action: `contract.${record.event}`,
    entity_type: 'contract',
    entity_id: row.id,
    before: { state: row.state, version: row.version },
    after: { state: updated.state, version: updated.version, reason: record.reason, effective_date: record.effective_date, successor_id: record.successor_id },
  });
  await emitEvent(scope, {
    type: `contract.${record.event}`,
    entity_type: 'contract',
    entity_id: row.id,
    payload: { contract_no: updated.contract_no, customer_id: updated.customer_id, from: row.state, to: updated.state },
  });
  return updated;
}

/** The predecessor of a renewal that has just come into force becomes `renewed` (its term still runs out). */
async function renewPredecessor(scope: RequestScope, successor: ContractRow, now: Date): Promise<void> {
  const [predecessor] = await scope.tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, successor.predecessor_id!)))
    .for('update');
  if (!predecessor || (predecessor.state !== 'active' && predecessor.state !== 'expiring')) return;
  const result = transition(lifecycleOf(predecessor, await termsVersionsOf(scope, predecessor.id)), 'renew', {
    now,
    actor_id: scope.principal.userId,
    successor_id: successor.id,
    reason: `续约合同 ${successor.contract_no} 已生效 / renewal ${successor.contract_no} is in force`,
  });
  if (result.ok) await commitTransition(scope, predecessor, result, now);
}

/**
 * Fires an event and carries out what follows from it: activation writes terms version 1 and binds the SLA
 * (and marks a renewed predecessor), termination cuts the SLA bindings, an amendment stores the new
 * terms and re-evaluates the SLA from its effective date; the customer's status follows every change.
 */
export async function applyTransition(
  scope: RequestScope,
  row: ContractRow,
  event: ContractEvent,
  context: { reason?: string | null; effective_date?: string | null; successor_id?: number | null; terms?: ContractTermsChange | null },
  now: Date,
): Promise<ContractRow> {
  const terms = await termsVersionsOf(scope, row.id);
  const result = transition(lifecycleOf(row, terms), event, { now, actor_id: scope.principal.userId, ...context });
  if (!result.ok) {
    if (result.error === 'contract.illegal_transition') throw new ApiError(result.error, { state: row.state, event, allowed: result.allowed });
    throw new ApiError(result.error, { failures: result.failures, allowed: result.allowed });
  }
  if (event === 'renew') {
    // The successor must be a contract of the same customer that names this one as its predecessor.
    const [successor] = await scope.tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, context.successor_id!), eq(contracts.customer_id, row.customer_id), eq(contracts.predecessor_id, row.id)));
    if (!successor) throw new ApiError('contract.guard_failed', { failures: ['successor_invalid'], allowed: allowedEvents(lifecycleOf(row, terms), now) });
  }
  let updated = await commitTransition(scope, row, result, now);
  if (event === 'approve') {
    await writeInitialTerms(scope, updated);
    await bindOnActivation(scope, updated, now);
    if (updated.predecessor_id) await renewPredecessor(scope, updated, now);
  } else if (event === 'terminate') {
    await truncateOnTermination(scope, updated);
  } else if (event === 'amend') {
    const amendment = result.amendment!;
    updated = await amendTerms(scope, updated, amendment.version, amendment.effective_from, context.terms!, result.record.reason);
    await reevaluateContract(scope, updated, 'amendment', startOfBusinessDay(amendment.effective_from), now);
  }
  await followCustomerStatus(scope, updated.customer_id);
  return updated;
}

/**
 * Fires a lifecycle event requested through the API (If-Match optional: the compare-and-set on the state
 * already refuses a lost race).
 * @example await transitionContract(scope, 7, { event: 'submit' }, null);
 */
export async function transitionContract(scope: RequestScope, id: number, request: ContractTransitionRequest, expected: number | null, now = new Date()): Promise<ContractDetail> {
  const row = await findVisibleContract(scope, id);
  if (expected !== null && expected !== row.version) throw new ApiError('precondition.failed', { expected, current: row.version });
  await applyTransition(scope, row, request.event, { reason: request.reason ?? null, effective_date: request.effective_date ?? null, successor_id: request.successor_id ?? null, terms: request.terms ?? null }, now);
  return getContract(scope, id, now);
}

/**
 * Re-evaluates the SLA binding of every contract in force of a customer (after its level changed): applied
 * where the recommendation decides, proposed where the contract agrees a tier.
 * @example await reevaluateCustomerContracts(scope, 12, 'level_change', new Date());
 */
export async function reevaluateCustomerContracts(scope: RequestScope, customerId: number, trigger: 'level_change', now: Date): Promise<Reevaluation[]> {
  const running = await scope.tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.customer_id, customerId), inArray(contracts.state, ['active', 'expiring'])));
  const outcomes: Reevaluation[] = [];
  for (const contract of running) outcomes.push(await reevaluateContract(scope, contract, trigger, now, now));
  return outcomes;
}
