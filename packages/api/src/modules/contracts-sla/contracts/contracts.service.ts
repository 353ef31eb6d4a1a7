import { and, asc, desc, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { nextDailyCode } from '../../../platform/code-sequence.ts';
import { ApiError } from '../../../platform/errors.ts';
import './contracts.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, assertUserReferences } from '../../../platform/staff-users.ts';
import { contactDirectory } from '../../customers/contacts/contacts.public.ts';
import { customerDirectory, findVisibleCustomer, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { allowedEvents, type LifecycleContract } from './contract-lifecycle.ts';
import { assertSlaTierCode, latestTermsRef, termsInForce, termsVersionsOf, toTermsVersion } from './contract-terms.service.ts';
import { CONTRACT_NUMBER_PREFIX } from './contract-number.ts';
import type { Contract, ContractCreate, ContractDetail, ContractTransition } from './contracts.contract.ts';
import { contracts, contractTransitions, type ContractRow, type ContractTermsRow, type ContractTransitionRow } from './contracts.schema.ts';

/** The API shape of a contract row. */
export function toContract(row: ContractRow): Contract {
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
    sla_tier_code: row.sla_tier_code,
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

/** What the pure state machine reads. */
export const lifecycleOf = (row: ContractRow, terms: readonly ContractTermsRow[]): LifecycleContract => ({
  id: row.id,
  state: row.state,
  start_date: row.start_date,
  end_date: row.end_date,
  signing_date: row.signing_date,
  customer_signatory_id: row.customer_signatory_id,
  staff_signatory_id: row.staff_signatory_id,
  auto_renew: row.auto_renew,
  notice_period_days: row.notice_period_days,
  current_terms: latestTermsRef(terms),
});

/**
 * A contract whose customer the caller may see, or 404 — also for another tenant's id, which must not
 * be confirmed to exist.
 */
export async function findVisibleContract(scope: RequestScope, id: number): Promise<ContractRow> {
  const [row] = await scope.tx
    .select({ contract: contracts })
    .from(contracts)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, contracts.tenant_id), eq(customerDirectory.id, contracts.customer_id)))
    .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, id), visibleCustomers(scope, customerDirectory)));
  if (!row) throw new ApiError('contract.not_found', { id });
  return row.contract;
}

/**
 * Contacts and predecessors must belong to the same customer (the composite keys only keep them in the tenant);
 * the staff signatory and the owner must be staff who may work customers.
 */
async function assertReferences(scope: RequestScope, customerId: number, input: ContractCreate): Promise<void> {
  if (input.customer_signatory_id) {
    const [contact] = await scope.tx
      .select({ id: contactDirectory.id })
      .from(contactDirectory)
      .where(and(eq(contactDirectory.tenant_id, scope.tenantId), eq(contactDirectory.id, input.customer_signatory_id), eq(contactDirectory.customer_id, customerId)));
    if (!contact) throw new ApiError('contract.reference_invalid', { field: 'customer_signatory_id', id: input.customer_signatory_id });
  }
  if (input.predecessor_id) {
    const [predecessor] = await scope.tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, input.predecessor_id), eq(contracts.customer_id, customerId)));
    if (!predecessor) throw new ApiError('contract.reference_invalid', { field: 'predecessor_id', id: input.predecessor_id });
  }
  // Who signs and who owns the contract work the customer for us.
  await assertUserReferences(scope, [
    { field: 'staff_signatory_id', id: input.staff_signatory_id, permission: 'customer:write' },
    { field: 'owner_id', id: input.owner_id, permission: 'customer:write' },
  ]);
}

/**
 * Creates a draft contract for a customer the caller may see; numbered `HT` + business date + sequence.
 * @example const contract = await createContract(scope, 12, { title: '运维服务', start_date: '2026-01-01', end_date: '2026-12-31', … });
 */
export async function createContract(scope: RequestScope, customerId: number, input: ContractCreate): Promise<Contract> {
  await findVisibleCustomer(scope, customerId);
  await assertReferences(scope, customerId, input);
  await assertSlaTierCode(scope, input.sla_tier_code);
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
      owner_id: input.owner_id ?? (await actingUserId(scope)),
      auto_renew: input.auto_renew,
      notice_period_days: input.notice_period_days,
      amount: input.amount,
      currency: input.currency,
      billing_cycle: input.billing_cycle,
      covered_services: input.covered_services,
      attachments: input.attachments,
      sla_tier_code: input.sla_tier_code ?? null,
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
    .orderBy(asc(contractTransitions.id));
  const terms = await termsVersionsOf(scope, id);
  return {
    ...toContract(row),
    transitions: history.map(toTransition),
    allowed_events: allowedEvents(lifecycleOf(row, terms), now),
    terms_versions: terms.map(toTermsVersion),
    terms_in_force: terms.length > 0 ? termsInForce(terms, now) : null,
  };
}
