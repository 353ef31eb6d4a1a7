import { and, desc, eq, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { ApiError } from '../../../platform/errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { LRUCache } from 'lru-cache';
import { contractDirectory } from '../contracts/contracts.public.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { latestPublishedVersion, type SlaVersion, slaVersionsById } from '../sla-policies/sla-policies.public.ts';
import { compareWithBinding, isTierCode, localisedRecommendation, recommendForContract } from '../sla-recommendation/sla-recommendation.public.ts';
import type { EffectiveSla } from './sla-bindings.contract.ts';
import { contractSlaBindings } from './sla-bindings.schema.ts';

/**
 * The customer (when the caller may see it) and the binding in force for it at an instant, with its
 * contract, in one statement: the gist index on (tenant, customer, period) finds the binding, the higher
 * tier first. `null` when the customer is not visible; `binding: null` when no contract is in force.
 */
async function bindingInForce(scope: RequestScope, customerId: number, at: Date) {
  const rows = await scope.tx
    .select({
      customer: { id: customerDirectory.id, level: customerDirectory.level, industry: customerDirectory.industry, scale: customerDirectory.scale },
      binding: contractSlaBindings,
      contract: {
        id: contractDirectory.id,
        contract_no: contractDirectory.contract_no,
        kind: contractDirectory.kind,
        state: contractDirectory.state,
        start_date: contractDirectory.start_date,
        end_date: contractDirectory.end_date,
      },
    })
    .from(customerDirectory)
    .leftJoin(
      contractSlaBindings,
      and(
        eq(contractSlaBindings.tenant_id, customerDirectory.tenant_id),
        eq(contractSlaBindings.customer_id, customerDirectory.id),
        sql`${contractSlaBindings.effective} @> ${at.toISOString()}::timestamptz`,
      ),
    )
    .leftJoin(contractDirectory, and(eq(contractDirectory.tenant_id, contractSlaBindings.tenant_id), eq(contractDirectory.id, contractSlaBindings.contract_id)))
    .where(and(visibleCustomers(scope, customerDirectory), eq(customerDirectory.id, customerId)))
    .orderBy(sql`${contractSlaBindings.tier_rank} desc nulls last`, desc(contractDirectory.start_date), desc(contractDirectory.id))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return row.binding && row.contract ? { customer: row.customer, binding: row.binding, contract: row.contract } : { customer: row.customer, binding: null, contract: null };
}

/**
 * The SLA in force for a customer at `at`: the binding of a contract in force (the higher tier when two
 * are), or the tenant baseline when none is. Answers for any instant, past or future.
 * @example const sla = await effectiveSla(scope, 12, new Date()); sla.sla.targets.P1.response_minutes // 15
 */
export async function effectiveSla(scope: RequestScope, customerId: number, at: Date): Promise<EffectiveSla> {
  const row = await bindingInForce(scope, customerId, at);
  if (!row) throw new ApiError('customer.not_found', { id: customerId });
  if (row.binding) {
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
  const baseline = await baselineVersion(scope);
  if (!baseline) throw new ApiError('sla.version_not_bindable', { reason: 'the SLA catalogue has no published version' });
  return { customer_id: customerId, at: formatLocalDateTime(at), source: 'default', sla: baseline, contract: null, binding: null };
}

/**
 * The SLA version in force for many (customer, instant) pairs at once, in their order: one statement for
 * all of them (a batch of tickets), the same choice as `effectiveSla` — the higher tier's binding, else the
 * tenant baseline. The customers must already be known to be visible to the caller.
 * @example const [sla] = await slaVersionsInForce(scope, [{ customerId: 12, at: new Date() }]);
 */
export async function slaVersionsInForce(scope: RequestScope, probes: readonly { customerId: number; at: Date }[]): Promise<SlaVersion[]> {
  if (probes.length === 0) return [];
  const customerIds = sql.join(probes.map((p) => sql`${p.customerId}`), sql`, `);
  const instants = sql.join(probes.map((p) => sql`${p.at.toISOString()}`), sql`, `);
  const list = rawRows<{ ord: number; sla_version_id: number | null }>(await scope.tx.execute(sql`
    select q.ord::int as ord, b.sla_version_id::int as sla_version_id
    from unnest(array[${customerIds}]::bigint[], array[${instants}]::timestamptz[]) with ordinality as q(customer_id, at, ord)
    left join lateral (
      select bi.sla_version_id
      from ${contractSlaBindings} bi
      join ${contractDirectory} c on c.tenant_id = bi.tenant_id and c.id = bi.contract_id
      where bi.tenant_id = ${scope.tenantId} and bi.customer_id = q.customer_id and bi.effective @> q.at
      order by bi.tier_rank desc nulls last, c.start_date desc, c.id desc
      limit 1
    ) b on true`));
  const versionIds = new Map(list.map((r) => [Number(r.ord) - 1, r.sla_version_id === null ? null : Number(r.sla_version_id)]));
  const versions = await slaVersionsById(scope, [...versionIds.values()].filter((id): id is number => id !== null));
  const baseline = [...versionIds.values()].some((id) => id === null) ? await baselineVersion(scope) : null;
  return probes.map((_, index) => {
    const id = versionIds.get(index) ?? null;
    const version = id === null ? baseline : versions.get(id);
    if (!version) throw new ApiError('sla.version_not_bindable', { reason: 'the SLA catalogue has no published version' });
    return version;
  });
}

/** The tenant baseline (newest published version of the lowest tier), kept a few seconds per process. */
const baselines = new LRUCache<number, SlaVersion>({ max: 10_000, ttl: 10_000 });
async function baselineVersion(scope: RequestScope): Promise<SlaVersion | null> {
  const cached = baselines.get(scope.tenantId);
  if (cached) return cached;
  const version = await latestPublishedVersion(scope, null);
  if (version) baselines.set(scope.tenantId, version);
  return version;
}


/**
 * The recommendation for a customer: for the contract the SLA in force comes from (or for the customer
 * alone when none is in force), next to the tier in force.
 */
export async function customerSlaRecommendation(scope: RequestScope, customerId: number, now: Date) {
  const found = await bindingInForce(scope, customerId, now);
  if (!found) throw new ApiError('customer.not_found', { id: customerId });
  const { customer } = found;
  const row = found.binding ? found : null;
  const [contract] = row
    ? await scope.tx
        .select({
          amount: contractDirectory.amount,
          billing_cycle: contractDirectory.billing_cycle,
          start_date: contractDirectory.start_date,
          end_date: contractDirectory.end_date,
          covered_services: contractDirectory.covered_services,
        })
        .from(contractDirectory)
        .where(and(eq(contractDirectory.tenant_id, scope.tenantId), eq(contractDirectory.id, row.contract!.id)))
    : [];
  const { recommendation } = await recommendForContract(scope, customer, contract ?? null, now);
  const currentTier = row ? (await slaVersionsById(scope, [row.binding!.sla_version_id])).get(row.binding!.sla_version_id)!.tier_code : null;
  const comparison = currentTier && isTierCode(currentTier) ? compareWithBinding(recommendation, currentTier) : null;
  return {
    customer_id: customerId,
    contract_id: row?.contract?.id ?? null,
    recommendation: localisedRecommendation(recommendation),
    current_tier: currentTier,
    comparison,
    differs: currentTier !== null && currentTier !== recommendation.tier,
  };
}
