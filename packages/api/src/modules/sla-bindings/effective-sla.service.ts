import { and, desc, eq, sql } from 'drizzle-orm';
import { ApiError } from '../../platform/errors.ts';
import { formatLocalDateTime } from '../../platform/local-time.ts';
import type { RequestScope } from '../../platform/request-context.ts';
import { contracts } from '../contracts/contracts.schema.ts';
import { findVisibleCustomer } from '../customers/customers.service.ts';
import { compareWithBinding } from '../sla-recommendation/sla-recommendation.model.ts';
import { recommendForContract } from '../sla-recommendation/sla-recommendation.service.ts';
import { SLA_TIER_CODES, type SlaTierCode } from '../sla-recommendation/sla-recommendation.types.ts';
import { latestPublishedVersion, slaVersionsById } from '../sla-policies/sla-policies.service.ts';
import type { EffectiveSla } from './sla-bindings.contract.ts';
import { contractSlaBindings } from './sla-bindings.schema.ts';

/** The binding in force for a customer at an instant, with its contract: one index scan (gist on customer and period). */
async function bindingInForce(scope: RequestScope, customerId: number, at: Date) {
  const [row] = await scope.tx
    .select({
      binding: contractSlaBindings,
      contract: { id: contracts.id, contract_no: contracts.contract_no, kind: contracts.kind, state: contracts.state, start_date: contracts.start_date, end_date: contracts.end_date },
    })
    .from(contractSlaBindings)
    .innerJoin(contracts, and(eq(contracts.tenant_id, contractSlaBindings.tenant_id), eq(contracts.id, contractSlaBindings.contract_id)))
    .where(and(eq(contractSlaBindings.tenant_id, scope.tenantId), eq(contractSlaBindings.customer_id, customerId), sql`${contractSlaBindings.effective} @> ${at.toISOString()}::timestamptz`))
    .orderBy(desc(contractSlaBindings.tier_rank), desc(contracts.start_date), desc(contracts.id))
    .limit(1);
  return row ?? null;
}

/**
 * The SLA in force for a customer at `at`: the binding of a contract in force (the higher tier when two
 * are), or the tenant baseline when none is. Answers for any instant, past or future.
 * @example const sla = await effectiveSla(scope, 12, new Date()); sla.sla.targets.P1.response_minutes // 15
 */
export async function effectiveSla(scope: RequestScope, customerId: number, at: Date): Promise<EffectiveSla> {
  await findVisibleCustomer(scope, customerId);
  const row = await bindingInForce(scope, customerId, at);
  if (row) {
    const version = (await slaVersionsById(scope, [row.binding.sla_version_id])).get(row.binding.sla_version_id)!;
    const { binding } = row;
    return {
      customer_id: customerId,
      at: formatLocalDateTime(at),
      source: 'contract',
      sla: version,
      contract: row.contract,
      binding: {
        id: binding.id,
        sla_version_id: binding.sla_version_id,
        effective_from: formatLocalDateTime(binding.effective.from),
        effective_to: formatLocalDateTime(binding.effective.to!),
        trigger: binding.trigger,
        basis: binding.basis,
        reason: binding.reason,
        created_by: binding.created_by,
        created_at: formatLocalDateTime(binding.created_at),
      },
    };
  }
  const baseline = await latestPublishedVersion(scope, null);
  if (!baseline) throw new ApiError('sla.version_not_bindable', { reason: 'the SLA catalogue has no published version' });
  return { customer_id: customerId, at: formatLocalDateTime(at), source: 'default', sla: baseline, contract: null, binding: null };
}

const isTierCode = (code: string): code is SlaTierCode => (SLA_TIER_CODES as readonly string[]).includes(code);

/**
 * The recommendation for a customer: for the contract the SLA in force comes from (or for the customer
 * alone when none is in force), next to the tier in force.
 */
export async function customerSlaRecommendation(scope: RequestScope, customerId: number, now: Date) {
  const customer = await findVisibleCustomer(scope, customerId);
  const row = await bindingInForce(scope, customerId, now);
  const [contract] = row
    ? await scope.tx
        .select({ amount: contracts.amount, billing_cycle: contracts.billing_cycle, start_date: contracts.start_date, end_date: contracts.end_date, covered_services: contracts.covered_services })
        .from(contracts)
        .where(and(eq(contracts.tenant_id, scope.tenantId), eq(contracts.id, row.contract.id)))
    : [];
  const { recommendation } = await recommendForContract(scope, { id: customer.id, level: customer.level, industry: customer.industry, scale: customer.scale }, contract ?? null, now);
  const currentTier = row ? (await slaVersionsById(scope, [row.binding.sla_version_id])).get(row.binding.sla_version_id)!.tier_code : null;
  const comparison = currentTier && isTierCode(currentTier) ? compareWithBinding(recommendation, currentTier) : null;
  return {
    customer_id: customerId,
    contract_id: row?.contract.id ?? null,
    recommendation,
    current_tier: currentTier,
    comparison,
    differs: currentTier !== null && currentTier !== recommendation.tier,
  };
}
