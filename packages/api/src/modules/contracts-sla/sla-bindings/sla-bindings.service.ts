import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { businessDate, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './sla-bindings.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { type ContractRow, lockContract } from '../contracts/contracts.public.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { compareWithBinding, isTierCode, localisedRecommendation, recommendForContract, type SlaRecommendation } from '../sla-recommendation/sla-recommendation.public.ts';
import { bindableVersion, latestPublishedVersion, type SlaVersion, slaVersionsById } from '../sla-policies/sla-policies.public.ts';
import { contractTerm, planRebind, planTruncate, tilingProblems, applyPlan, type BindingPlan, type Segment } from './binding-plan.ts';
import { contractSlaBindings, slaBindingProposals, type BindingBasis, type BindingTrigger, type ContractSlaBindingRow, type SlaBindingProposalRow } from './sla-bindings.schema.ts';

/** The contract as the binding rules read it (the contracts module passes its row). */
export type BindableContract = Pick<
  ContractRow,
  'id' | 'customer_id' | 'state' | 'start_date' | 'end_date' | 'terminated_on' | 'sla_tier_code' | 'predecessor_id' | 'amount' | 'billing_cycle' | 'covered_services'
>;

async function bindingsOf(scope: RequestScope, contractId: number): Promise<ContractSlaBindingRow[]> {
  return scope.tx
    .select()
    .from(contractSlaBindings)
    .where(and(eq(contractSlaBindings.tenant_id, scope.tenantId), eq(contractSlaBindings.contract_id, contractId)))
    .orderBy(asc(contractSlaBindings.effective));
}

const segmentsOf = (rows: ContractSlaBindingRow[]): Segment[] => rows.map((row) => ({ id: row.id, from: row.effective.from, to: row.effective.to! }));

/** Writes a plan, after checking in code that the result tiles the term (the database checks again at commit). */
async function applyBindingPlan(
  scope: RequestScope,
  contract: BindableContract,
  rows: ContractSlaBindingRow[],
  plan: BindingPlan,
  insert: { version: SlaVersion; trigger: BindingTrigger; basis: BindingBasis; reason: string } | null,
): Promise<ContractSlaBindingRow | null> {
  const problems = tilingProblems(applyPlan(segmentsOf(rows), plan), contractTerm(contract));
  if (problems.length > 0) throw new ApiError('sla.binding_invalid', { contract_id: contract.id, problems: problems.map((p) => ({ kind: p.kind, at: formatLocalDateTime(p.at) })) });
  if (plan.remove.length > 0) {
    await scope.tx.delete(contractSlaBindings).where(and(eq(contractSlaBindings.tenant_id, scope.tenantId), inArray(contractSlaBindings.id, plan.remove)));
  }
  for (const cut of plan.shorten) {
    const row = rows.find((r) => r.id === cut.id)!;
    await scope.tx
      .update(contractSlaBindings)
      .set({ effective: { from: row.effective.from, to: cut.to } })
      .where(and(eq(contractSlaBindings.tenant_id, scope.tenantId), eq(contractSlaBindings.id, cut.id)));
  }
  if (!plan.insert || !insert) return null;
  const [created] = await scope.tx
    .insert(contractSlaBindings)
    .values({
      tenant_id: scope.tenantId,
      contract_id: contract.id,
      customer_id: contract.customer_id,
      sla_version_id: insert.version.id,
      tier_rank: insert.version.tier_rank,
      effective: plan.insert,
      trigger: insert.trigger,
      basis: insert.basis,
      reason: insert.reason,
      created_by: scope.principal.subject,
    })
    .returning();
  await audit(scope, {
    action: 'contract.sla_bound',
    entity_type: 'contract',
    entity_id: contract.id,
    before: { bindings: rows.map((r) => ({ id: r.id, sla_version_id: r.sla_version_id, from: r.effective.from, to: r.effective.to })) },
    after: { binding_id: created!.id, sla_version_id: insert.version.id, from: plan.insert.from, to: plan.insert.to, trigger: insert.trigger, basis: insert.basis, reason: insert.reason },
  });
  await emitEvent(scope, {
    type: 'contract.sla_bound',
    entity_type: 'contract',
    entity_id: contract.id,
    payload: { customer_id: contract.customer_id, sla_version_id: insert.version.id, tier_code: insert.version.tier_code, effective_from: plan.insert.from.toISOString(), trigger: insert.trigger, basis: insert.basis },
  });
  return created!;
}

const customerOf = async (scope: RequestScope, customerId: number) => {
  const row = await findVisibleCustomer(scope, customerId);
  return { id: row.id, level: row.level, industry: row.industry, scale: row.scale };
};

/** What the rules decide for a contract: the version to bind, on what basis, why, and the recommendation seen. */
type Decision = { version: SlaVersion; basis: BindingBasis; reason: string; recommendation: SlaRecommendation };

/**
 * The version a contract should be bound to now: the newest published version of the tier its terms agree,
 * or, without an agreed tier, of the recommended tier.
 */
async function decide(scope: RequestScope, contract: BindableContract, now: Date): Promise<Decision> {
  const { recommendation } = await recommendForContract(scope, await customerOf(scope, contract.customer_id), contract, now);
  if (contract.sla_tier_code) {
    const version = await latestPublishedVersion(scope, contract.sla_tier_code);
    if (!version || version.tier_code !== contract.sla_tier_code) throw new ApiError('sla.version_not_bindable', { tier_code: contract.sla_tier_code, reason: 'no published version of the agreed tier' });
    return { version, basis: 'contract_terms', reason: `合同约定${version.tier_name.zh}（v${version.version_no}） / agreed in the contract terms: ${version.tier_name.en} v${version.version_no}`, recommendation };
  }
  const version = await latestPublishedVersion(scope, recommendation.tier);
  if (!version) throw new ApiError('sla.version_not_bindable', { reason: 'the catalogue has no published version' });
  const why = recommendation.reasons.filter((r) => r.effect !== 'neutral').slice(0, 3);
  return {
    version,
    basis: 'recommendation',
    reason: `按推荐绑定${version.tier_name.zh}：${why.map((r) => r.zh).join('；')} / recommended ${version.tier_name.en}: ${why.map((r) => r.en).join('; ')}`,
    recommendation,
  };
}

/**
 * Binds a contract that has just come into force over its whole term (activation, or a renewal's
 * successor). Called by the contracts module in the transaction of the `approve` transition.
 * @example await bindOnActivation(scope, contractRow, new Date());
 */
export async function bindOnActivation(scope: RequestScope, contract: BindableContract, now: Date, trigger?: 'reconcile'): Promise<ContractSlaBindingRow> {
  const term = contractTerm(contract);
  if (!term || !term.to) throw new ApiError('sla.binding_invalid', { contract_id: contract.id, reason: 'the contract is not in force' });
  await lockContract(scope, contract.id);
  const rows = await bindingsOf(scope, contract.id);
  const decision = await decide(scope, contract, now);
  const plan = planRebind(segmentsOf(rows), { from: term.from, to: term.to }, term.from);
  return (await applyBindingPlan(scope, contract, rows, plan, { version: decision.version, trigger: trigger ?? (contract.predecessor_id ? 'renewal' : 'activation'), basis: decision.basis, reason: decision.reason }))!;
}

/**
 * Cuts a contract's bindings at its new end (a termination); called after the contract row is updated.
 */
export async function truncateOnTermination(scope: RequestScope, contract: BindableContract): Promise<void> {
  const term = contractTerm(contract);
  if (!term || !term.to) return;
  await lockContract(scope, contract.id);
  const rows = await bindingsOf(scope, contract.id);
  const plan = planTruncate(segmentsOf(rows), term.to);
  if (plan.remove.length === 0 && plan.shorten.length === 0) return;
  await applyBindingPlan(scope, contract, rows, plan, null);
  await audit(scope, { action: 'contract.sla_truncated', entity_type: 'contract', entity_id: contract.id, after: { until: term.to } });
}

/** What a re-evaluation did. */
export type Reevaluation = { contract_id: number; action: 'unchanged' | 'applied' | 'proposed'; binding_id: number | null; proposal_id: number | null; reason: string };

/** The instant a re-evaluation takes effect: `at`, moved into the term. */
function effectiveInstant(term: { from: Date; to: Date }, at: Date): Date | null {
  if (at.getTime() >= term.to.getTime()) return null;
  return at.getTime() < term.from.getTime() ? term.from : at;
}

async function proposeChange(scope: RequestScope, contract: BindableContract, current: ContractSlaBindingRow, recommendation: SlaRecommendation, trigger: BindingTrigger): Promise<number | null> {
  const proposed = await latestPublishedVersion(scope, recommendation.tier);
  if (!proposed || proposed.tier_code !== recommendation.tier || proposed.id === current.sla_version_id) return null;
  const [open] = await scope.tx
    .select()
    .from(slaBindingProposals)
    .where(and(eq(slaBindingProposals.tenant_id, scope.tenantId), eq(slaBindingProposals.contract_id, contract.id), eq(slaBindingProposals.status, 'open')));
  if (open && open.proposed_version_id === proposed.id) return open.id;
  if (open) {
    await scope.tx
      .update(slaBindingProposals)
      .set({ status: 'dismissed', decided_by: 'system', decided_at: new Date() })
      .where(and(eq(slaBindingProposals.tenant_id, scope.tenantId), eq(slaBindingProposals.id, open.id)));
  }
  const reasons = recommendation.reasons.filter((r) => r.effect !== 'neutral').map((r) => ({ factor: r.factor, zh: r.zh, en: r.en }));
  const [row] = await scope.tx
    .insert(slaBindingProposals)
    .values({ tenant_id: scope.tenantId, contract_id: contract.id, current_version_id: current.sla_version_id, proposed_version_id: proposed.id, trigger, reasons })
    .returning();
  await emitEvent(scope, {
    type: 'contract.sla_change_proposed',
    entity_type: 'contract',
    entity_id: contract.id,
    payload: { customer_id: contract.customer_id, proposal_id: row!.id, from_version_id: current.sla_version_id, to_version_id: proposed.id, to_tier: recommendation.tier, trigger },
  });
  return row!.id;
}

/**
 * Re-evaluates a contract in force after an amendment or a change of the customer's level, from `at`:
 * - terms that agree a tier: the binding follows the agreed tier (an amendment also moves it to that
 *   tier's newest published version); a recommendation for another tier becomes a proposal, because the
 *   tier was agreed with the customer and only people change what was agreed;
 * - terms without an agreed tier: the binding follows the recommended tier and the change is applied.
 * Each outcome is recorded with its reason (the binding row, or the proposal).
 * @example await reevaluateContract(scope, contract, 'level_change', new Date(), new Date());
 */
export async function reevaluateContract(scope: RequestScope, contract: BindableContract, trigger: BindingTrigger, at: Date, now: Date): Promise<Reevaluation> {
  const term = contractTerm(contract);
  await lockContract(scope, contract.id);
  const rows = await bindingsOf(scope, contract.id);
  const unchanged = (reason: string): Reevaluation => ({ contract_id: contract.id, action: 'unchanged', binding_id: null, proposal_id: null, reason });
  if (!term || !term.to || rows.length === 0) return unchanged('not in force');
  const from = effectiveInstant({ from: term.from, to: term.to }, at);
  if (!from) return unchanged('the term has ended');
  const current = rows.find((r) => r.effective.from.getTime() <= from.getTime() && from.getTime() < r.effective.to!.getTime()) ?? rows[rows.length - 1]!;
  const currentVersion = (await slaVersionsById(scope, [current.sla_version_id])).get(current.sla_version_id)!;
  const decision = await decide(scope, contract, now);
  const tierChanges = decision.version.tier_code !== currentVersion.tier_code;
  const versionMoves = trigger === 'amendment' && decision.version.id !== currentVersion.id;
  let bindingId: number | null = null;
  if (tierChanges || versionMoves) {
    const plan = planRebind(segmentsOf(rows), { from: term.from, to: term.to }, from);
    const created = await applyBindingPlan(scope, contract, rows, plan, { version: decision.version, trigger, basis: decision.basis, reason: decision.reason });
    bindingId = created?.id ?? null;
  }
  if (decision.basis === 'contract_terms' && decision.recommendation.tier !== decision.version.tier_code) {
    const binding = bindingId ? (await bindingsOf(scope, contract.id)).find((r) => r.id === bindingId)! : current;
    const proposalId = await proposeChange(scope, contract, binding, decision.recommendation, trigger);
    if (proposalId) return { contract_id: contract.id, action: bindingId ? 'applied' : 'proposed', binding_id: bindingId, proposal_id: proposalId, reason: decision.reason };
  }
  return bindingId ? { contract_id: contract.id, action: 'applied', binding_id: bindingId, proposal_id: null, reason: decision.reason } : unchanged(decision.reason);
}

/**
 * Re-binds a contract by hand from `effective_from` to the end of its term, to a published version
 * (retired and draft versions answer 422), optionally applying an open proposal.
 */
export async function rebindManually(
  scope: RequestScope,
  contract: BindableContract,
  input: { sla_version_id: number; effective_from: Date; reason: string; proposal_id?: number | null },
  now: Date,
): Promise<ContractSlaBindingRow> {
  const term = contractTerm(contract);
  if (!term || !term.to || !['active', 'expiring'].includes(contract.state)) throw new ApiError('sla.binding_invalid', { contract_id: contract.id, reason: 'only a contract in force can be re-bound' });
  const startOfToday = startOfBusinessDay(businessDate(now));
  if (input.effective_from.getTime() < Math.max(term.from.getTime(), startOfToday.getTime()) || input.effective_from.getTime() >= term.to.getTime()) {
    throw new ApiError('sla.binding_invalid', { contract_id: contract.id, reason: 'effective_from must lie in the remaining term (from today on)', term: { from: formatLocalDateTime(term.from), to: formatLocalDateTime(term.to) } });
  }
  const version = await bindableVersion(scope, input.sla_version_id);
  await lockContract(scope, contract.id);
  const rows = await bindingsOf(scope, contract.id);
  const plan = planRebind(segmentsOf(rows), { from: term.from, to: term.to }, input.effective_from);
  const created = (await applyBindingPlan(scope, contract, rows, plan, { version, trigger: 'manual', basis: 'manual', reason: input.reason }))!;
  if (input.proposal_id) await decideProposal(scope, contract.id, input.proposal_id, 'applied');
  return created;
}

/** Marks an open proposal applied or dismissed; a decided or unknown one answers 409 / 404. */
export async function decideProposal(scope: RequestScope, contractId: number, proposalId: number, status: 'applied' | 'dismissed'): Promise<SlaBindingProposalRow> {
  const [updated] = await scope.tx
    .update(slaBindingProposals)
    .set({ status, decided_by: scope.principal.subject, decided_at: new Date() })
    .where(and(eq(slaBindingProposals.tenant_id, scope.tenantId), eq(slaBindingProposals.id, proposalId), eq(slaBindingProposals.contract_id, contractId), eq(slaBindingProposals.status, 'open')))
    .returning();
  if (updated) {
    await audit(scope, { action: `contract.sla_proposal_${status}`, entity_type: 'contract', entity_id: contractId, after: { proposal_id: proposalId, status } });
    return updated;
  }
  const [exists] = await scope.tx
    .select({ id: slaBindingProposals.id })
    .from(slaBindingProposals)
    .where(and(eq(slaBindingProposals.tenant_id, scope.tenantId), eq(slaBindingProposals.id, proposalId), eq(slaBindingProposals.contract_id, contractId)));
  throw new ApiError(exists ? 'sla.proposal_decided' : 'sla.proposal_not_found', { id: proposalId });
}

/** A binding as the API shows it. */
const toBinding = (row: ContractSlaBindingRow, versions: Map<number, SlaVersion>) => {
  const version = versions.get(row.sla_version_id)!;
  return {
    id: row.id,
    sla_version_id: row.sla_version_id,
    tier_code: version.tier_code,
    tier_name: version.tier_name,
    version_no: version.version_no,
    effective_from: formatLocalDateTime(row.effective.from),
    effective_to: formatLocalDateTime(row.effective.to!),
    trigger: row.trigger,
    basis: row.basis,
    reason: row.reason,
    created_by: row.created_by,
    created_at: formatLocalDateTime(row.created_at),
  };
};

/**
 * The contract's bindings in time order, its open proposal, and the recommendation compared with the
 * binding in force now.
 */
export async function contractSlaOverview(scope: RequestScope, contract: BindableContract, now: Date) {
  const rows = await bindingsOf(scope, contract.id);
  const proposals = await scope.tx
    .select()
    .from(slaBindingProposals)
    .where(and(eq(slaBindingProposals.tenant_id, scope.tenantId), eq(slaBindingProposals.contract_id, contract.id)))
    .orderBy(desc(slaBindingProposals.id))
    .limit(20);
  const versions = await slaVersionsById(scope, [...rows.map((r) => r.sla_version_id), ...proposals.flatMap((p) => [p.current_version_id, p.proposed_version_id])]);
  const bindings = rows.map((row) => toBinding(row, versions));
  const inForce = rows.find((r) => r.effective.from.getTime() <= now.getTime() && now.getTime() < r.effective.to!.getTime()) ?? null;
  const { recommendation } = await recommendForContract(scope, await customerOf(scope, contract.customer_id), contract, now);
  const currentTier = inForce ? versions.get(inForce.sla_version_id)!.tier_code : null;
  return {
    contract_id: contract.id,
    bindings,
    current: inForce ? toBinding(inForce, versions) : null,
    recommendation: localisedRecommendation(recommendation),
    comparison: currentTier && isTierCode(currentTier) ? compareWithBinding(recommendation, currentTier) : null,
    proposals: proposals.map((p) => ({
      id: p.id,
      status: p.status,
      trigger: p.trigger,
      current_version_id: p.current_version_id,
      proposed_version_id: p.proposed_version_id,
      proposed_tier_code: versions.get(p.proposed_version_id)!.tier_code,
      reasons: p.reasons,
      created_at: formatLocalDateTime(p.created_at),
      decided_by: p.decided_by,
      decided_at: p.decided_at ? formatLocalDateTime(p.decided_at) : null,
    })),
  };
}
