import { sql } from 'drizzle-orm';
import { idArray } from '../../../db/id-array.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import { businessDate, daysBetween } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.public.ts';
import { latestComplaintRatings } from '../../service/complaints/complaints.public.ts';
import { latestTicketRatings } from '../../service/service-records/service-records.public.ts';
import { currentHealthBands, healthFeatures } from '../health/health.public.ts';
import { latestSurveyRatings } from '../surveys/surveys.public.ts';
import { DEFAULT_OPPORTUNITY_RULES, type ContractInForce, type OpportunityFacts } from './opportunity-rules.ts';
import type { Rating, RatingSource } from './satisfaction-trend.ts';

/**
 * The latest `perSource` ratings of each customer from the three sources, one statement each, read by the
 * modules that own them: ticket satisfaction ratings (rated when the ticket closed, else resolved, else
 * opened), complaint confirmations (rated when resolved, else at the last change) and submitted survey
 * responses (their CSAT, else the NPS answer put on the same 1–5 scale as 1 + nps × 0.4). Every id asked for
 * gets an entry, newest first.
 * @example (await latestRatings(scope, [7])).get(7) // [{ source: 'service_record', id: 31, rating: 2, rated_at }, …]
 */
export async function latestRatings(scope: RequestScope, customerIds: readonly number[], perSource = 3): Promise<Map<number, Rating[]>> {
  const result = new Map<number, Rating[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return result;
  const sources: [RatingSource, Map<number, { id: number; rating: number; rated_at: Date }[]>][] = [
    ['service_record', await latestTicketRatings(scope, customerIds, perSource)],
    ['complaint', await latestComplaintRatings(scope, customerIds, perSource)],
    ['survey', await latestSurveyRatings(scope, customerIds, perSource)],
  ];
  for (const [id, ratings] of result) {
    for (const [source, byCustomer] of sources) ratings.push(...(byCustomer.get(id) ?? []).map((r) => ({ source, ...r })));
    ratings.sort((a, b) => b.rated_at.getTime() - a.rated_at.getTime());
  }
  return result;
}

/**
 * The contract in force (active or expiring, today inside its period) that ends last, per customer, unless a
 * renewal of it is already in force — then there is nothing left to renew. One statement.
 * @example (await contractsInForce(scope, [7], now)).get(7) // { id: 3, contract_no: 'HT-…', end_date: '2026-08-01', days_to_end: 90 }
 */
export async function contractsInForce(scope: RequestScope, customerIds: readonly number[], now: Date): Promise<Map<number, ContractInForce>> {
  if (customerIds.length === 0) return new Map();
  const today = businessDate(now);
  const rows = rawRows<{ customer_id: unknown; id: unknown; contract_no: string; end_date: string }>(
    await scope.tx.execute(sql`
      select distinct on (c.customer_id) c.customer_id, c.id, c.contract_no, c.end_date::text as end_date
      from ${contractDirectory} c
      where c.tenant_id = ${scope.tenantId} and c.customer_id = any(${idArray(customerIds)})
        and c.state in ('active', 'expiring') and c.start_date <= ${today}::date and c.end_date >= ${today}::date
        and not exists (select 1 from ${contractDirectory} s where s.tenant_id = c.tenant_id and s.predecessor_id = c.id and s.state in ('active', 'expiring'))
      order by c.customer_id, c.end_date desc, c.id desc`),
  );
  return new Map(
    rows.map((r) => {
      const end = r.end_date.slice(0, 10);
      return [Number(r.customer_id), { id: Number(r.id), contract_no: r.contract_no, end_date: end, days_to_end: daysBetween(today, end) }];
    }),
  );
}

/**
 * What the opportunity rules read, for many customers, set-wise: health bands and contracts in force for
 * all, health features only for the candidates (green, or a contract ending within the renewal window) —
 * the only customers a rule can fire for — so a tenant of 100,000 customers pays for features of few.
 * @example const facts = await opportunityFacts(scope, ids, new Date()); identifyOpportunities(facts.get(7)!)
 */
export async function opportunityFacts(scope: RequestScope, customerIds: readonly number[], now: Date, renewalWithinDays = DEFAULT_OPPORTUNITY_RULES.renewal_within_days): Promise<Map<number, OpportunityFacts>> {
  const bands = await currentHealthBands(scope, customerIds);
  const contracts = await contractsInForce(scope, customerIds, now);
  const candidates = customerIds.filter((id) => bands.get(id)?.band === 'green' || (contracts.get(id)?.days_to_end ?? Infinity) <= renewalWithinDays);
  const features = await healthFeatures(scope, candidates, now);
  const result = new Map<number, OpportunityFacts>();
  for (const id of candidates) {
    const health = bands.get(id);
    result.set(id, { customer_id: id, band: health?.band ?? null, score: health?.score ?? null, contract: contracts.get(id) ?? null, features: features.get(id) ?? null });
  }
  return result;
}
