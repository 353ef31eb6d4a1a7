import { and, asc, desc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { nextDailyCode } from '../../platform/code-sequence.ts';
import { ApiError } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/events.ts';
import { formatLocalDateTime } from '../../platform/local-time.ts';
import type { RequestScope } from '../../platform/request-context.ts';
import { customerContacts } from '../contacts/contacts.schema.ts';
import { changeCustomerStatus, findVisibleCustomer } from '../customers/customers.service.ts';
import { customers } from '../customers/customers.schema.ts';
import { visibleCustomers } from '../customers/customer-visibility.ts';
import { allowedEvents, transition, type LifecycleContract } from './contract-lifecycle.ts';
import { CONTRACT_NUMBER_PREFIX } from './contract-number.ts';
import { explainCustomerStatus, type CustomerStatus } from './customer-status-rule.ts';
import type { Contract, ContractCreate, ContractDetail, ContractTransition, ContractTransitionRequest } from './contracts.contract.ts';
import { contracts, contractTransitions, type ContractRow, type ContractTransitionRow } from './contracts.schema.ts';

/** The API shape of a contract row. */
function toContract(row: ContractRow): Contract {
  return {
    id: row.id,
    contract_no: row.contract_no,
    customer_id: row.customer_id,
    title: row.title,
    kind: row.kind,
    state: row.state,
    predecessor_id: row.predecessor_id,
    start_date: row.start_date,
    end_date: row.end_date,
    signing_date: row.signing_date,
    customer_signatory_id: row.customer_signatory_id,
    staff_signatory_id: row.staff_signatory_id,
    owner_id: row.owner_id,
    auto_renew: row.auto_renew,
    notice_period_days: row.notice_period_days,
    terminated_on: row.terminated_on,
    termination_reason: row.termination_reason,
    amount: row.amount,
    currency: row.currency,
    billing_cycle: row.billing_cycle,
    covered_services: row.covered_services,
    attachments: row.attachments,
    version: row.version,
    created_at: formatLocalDateTime(row.created_at),
    updated_at: formatLocalDateTime(row.updated_at),
  };
}

const toTransition = (row: ContractTransitionRow): ContractTransition => ({
  id: row.id,
  event: row.event,
  from_state: row.from_state,
  to_state: row.to_state,
  actor_id: row.actor_id,
  at: formatLocalDateTime(row.at),
  reason: row.reason,
  successor_id: row.successor_id,
  effective_date: row.effective_date,
});

/** What the pure state machine reads. Terms versions are not stored yet, so there is no current version. */
const lifecycleOf = (row: ContractRow): LifecycleContract => ({
  id: row.id,
  state: row.state,
  start_date: row.start_date,
  end_date: row.end_date,
  signing_date: row.signing_date,
  customer_signatory_id: row.customer_signatory_id,
  staff_signatory_id: row.staff_signatory_id,
  auto_renew: row.auto_renew,
  notice_period_days: row.notice_period_days,
  current_terms: null,
});

/** The events the API offers now: `amend` waits for terms versions (see API_CONTRACT_EVENTS). */
const apiAllowedEvents = (row: ContractRow, now: Date) => allowedEvents(lifecycleOf(row), now).filter((e) => e !== 'amend');

/**
 * A contract whose customer the caller may see, or 404 — also for another tenant's id, which must not
 * be confirmed to exist.
 */
async function findVisibleContract(scope: RequestScope, id: number): Promise<ContractRow> {
  const [row] = await scope.tx
    .select({ contract: contracts })
    .from(contracts)
    .innerJoin(customers, and(eq(customers.tenant_id, contracts.tenant_id), eq(customers.id, contracts.customer_id)))
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, id), visibleCustomers(scope)));
  if (!row) throw new ApiError('contract.not_found', { id });
  return row.contract;
}

/** Contacts and predecessors must belong to the same customer: the composite keys only keep them in the tenant. */
async function assertReferences(scope: RequestScope, customerId: number, input: ContractCreate): Promise<void> {
  if (input.customer_signatory_id) {
    const [contact] = await scope.tx
      .select({ id: customerContacts.id })
      .from(customerContacts)
      .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.id, input.customer_signatory_id), eq(customerContacts.customer_id, customerId)));
    if (!contact) throw new ApiError('contract.reference_invalid', { field: 'customer_signatory_id', id: input.customer_signatory_id });
  }
  if (input.predecessor_id) {
    const [predecessor] = await scope.tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, input.predecessor_id), eq(contracts.customer_id, customerId)));
    if (!predecessor) throw new ApiError('contract.reference_invalid', { field: 'predecessor_id', id: input.predecessor_id });
  }
}

/**
 * Creates a draft contract for a customer the caller may see; numbered `HT` + business date + sequence.
 * @example const contract = await createContract(scope, 12, { title: '运维服务', start_date: '2026-01-01', end_date: '2026-12-31', … });
 */
export async function createContract(scope: RequestScope, customerId: number, input: ContractCreate): Promise<Contract> {
  await findVisibleCustomer(scope, customerId);
  await assertReferences(scope, customerId, input);
  const contractNo = await nextDailyCode(scope, CONTRACT_NUMBER_PREFIX);
  const [row] = await scope.tx
    .insert(contracts)
    .values({
      tenant_id: scope.tenantId,
      contract_no: contractNo,
      customer_id: customerId,
      title: input.title,
      kind: input.kind,
      predecessor_id: input.predecessor_id ?? null,
      start_date: input.start_date,
      end_date: input.end_date,
      signing_date: input.signing_date ?? null,
      customer_signatory_id: input.customer_signatory_id ?? null,
      staff_signatory_id: input.staff_signatory_id ?? null,
      owner_id: input.owner_id ?? scope.principal.userId,
      auto_renew: input.auto_renew,
      notice_period_days: input.notice_period_days,
      amount: input.amount,
      currency: input.currency,
      billing_cycle: input.billing_cycle,
      covered_services: input.covered_services,
      attachments: input.attachments,
    })
    .returning();
  const contract = toContract(row!);
  await audit(scope, { action: 'contract.created', entity_type: 'contract', entity_id: contract.id, after: contract });
  await emitEvent(scope, {
    type: 'contract.created',
    entity_type: 'contract',
    entity_id: contract.id,
    payload: { contract_no: contract.contract_no, customer_id: customerId, state: contract.state },
  });
  return contract;
}

/**
 * Every contract of a customer the caller may see, newest period first.
 * @example const { items } = await listCustomerContracts(scope, 12);
 */
export async function listCustomerContracts(scope: RequestScope, customerId: number): Promise<{ items: Contract[] }> {
  await findVisibleCustomer(scope, customerId);
  const rows = await scope.tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.customer_id, customerId)))
    .orderBy(desc(contracts.start_date), desc(contracts.id));
  return { items: rows.map(toContract) };
}

/**
 * The contract with its history and the events that may fire now.
 * @example const detail = await getContract(scope, 7); detail.allowed_events // ['submit', 'cancel']
 */
export async function getContract(scope: RequestScope, id: number, now = new Date()): Promise<ContractDetail> {
  const row = await findVisibleContract(scope, id);
  const history = await scope.tx
    .select()
    .from(contractTransitions)
    .where(and(eq(contractTransitions.tenant_id, scope.tenantId), eq(contractTransitions.contract_id, id)))
    .orderBy(asc(contractTransitions.at), asc(contractTransitions.id));
  return { ...toContract(row), transitions: history.map(toTransition), allowed_events: apiAllowedEvents(row, now) };
}

/** Re-derives the customer's status from all its contracts (the customers module locks, stores and audits). */
async function followCustomerStatus(scope: RequestScope, customerId: number): Promise<void> {
  await changeCustomerStatus(scope, customerId, async (current) => {
    const siblings = await scope.tx
      .select({ id: contracts.id, state: contracts.state, predecessor_id: contracts.predecessor_id })
      .from(contracts)
      .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.customer_id, customerId)));
    return explainCustomerStatus(current as CustomerStatus, siblings);
  });
}

/**
 * Fires a lifecycle event through the pure state machine and stores the answer with a compare-and-set
 * on the state and row version read, so of two concurrent transitions exactly one wins.
 * @example await transitionContract(scope, 7, { event: 'submit' }, null);
 */
export async function transitionContract(
  scope: RequestScope,
  id: number,
  request: ContractTransitionRequest,
  expected: number | null,
  now = new Date(),
): Promise<ContractDetail> {
  const row = await findVisibleContract(scope, id);
  if (expected !== null && expected !== row.version) throw new ApiError('precondition.failed', { expected, current: row.version });
  const result = transition(lifecycleOf(row), request.event, {
    now,
    actor_id: scope.principal.userId,
    reason: request.reason ?? null,
    effective_date: request.effective_date ?? null,
    successor_id: request.successor_id ?? null,
  });
  const allowed = (events: readonly string[]) => events.filter((e) => e !== 'amend');
  if (!result.ok) {
    if (result.error === 'contract.illegal_transition') throw new ApiError(result.error, { state: row.state, event: request.event, allowed: allowed(result.allowed) });
    throw new ApiError(result.error, { failures: result.failures, allowed: allowed(result.allowed) });
  }
  if (request.event === 'renew') {
    // The successor must be a contract of the same customer that names this one as its predecessor.
    const [successor] = await scope.tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, request.successor_id!), eq(contracts.customer_id, row.customer_id), eq(contracts.predecessor_id, id)));
    if (!successor) throw new ApiError('contract.guard_failed', { failures: ['successor_invalid'], allowed: apiAllowedEvents(row, now) });
  }

  const terminated = request.event === 'terminate';
  const [updated] = await scope.tx
    .update(contracts)
    .set({
      state: result.next,
      version: row.version + 1,
      updated_at: now,
      ...(terminated ? { terminated_on: result.record.effective_date, termination_reason: result.record.reason } : {}),
    })
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, id), eq(contracts.state, row.state), eq(contracts.version, row.version)))
    .returning();
  if (!updated) throw new ApiError('contract.transition_conflict', { id, event: request.event });

  await scope.tx.insert(contractTransitions).values({
    tenant_id: scope.tenantId,
    contract_id: id,
    event: result.record.event,
    from_state: result.record.from,
    to_state: result.record.to,
    actor_id: scope.principal.subject,
    at: result.record.at,
    reason: result.record.reason,
    successor_id: result.record.successor_id,
    effective_date: result.record.effective_date,
    request_id: scope.requestId,
  });
  await audit(scope, {
    action: `contract.${request.event}`,
    entity_type: 'contract',
    entity_id: id,
    before: { state: row.state, version: row.version },
    after: { state: updated.state, version: updated.version, reason: result.record.reason, effective_date: result.record.effective_date, successor_id: result.record.successor_id },
  });
  await emitEvent(scope, {
    type: `contract.${request.event}`,
    entity_type: 'contract',
    entity_id: id,
    payload: { contract_no: updated.contract_no, customer_id: updated.customer_id, from: row.state, to: updated.state },
  });
  await followCustomerStatus(scope, updated.customer_id);
  return getContract(scope, id, now);
}
