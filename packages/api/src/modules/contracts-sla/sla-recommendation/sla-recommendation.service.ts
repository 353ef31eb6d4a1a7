import type { IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { type BillingCycle, contractValue } from '../contracts/contracts.public.ts';
import { serviceRecordsOpenedBetween } from '../../service/service-records/service-records.public.ts';
import { measureCustomerRecords } from '../sla-attainment/sla-attainment.public.ts';
import { recommendationCatalogue } from '../sla-policies/sla-policies.public.ts';
import { isWithinServiceHours, tenantWorkingCalendar } from '../working-calendar/working-calendar.public.ts';
import { recommendSla } from './sla-recommendation.model.ts';
import { COVERED_SERVICES, isTierCode, SLA_TIER_NAMES_EN, SLA_TIER_NAMES_ZH, type CoveredService, type ServiceHistory, type SlaProfile, type SlaRecommendation, type SlaTierCatalogueEntry, type SlaTierCode } from './sla-recommendation.types.ts';

const YEAR_MS = 365 * 86_400_000;

/**
 * The customer's ticket history over the last twelve months from its service records: tickets per month,
 * P1 share, share opened outside the tenant's working hours, and SLA breaches. `null` without records.
 * @example await serviceHistoryOf(scope, 12, new Date()) // { tickets_per_month: 8.5, p1_share: 0.12, after_hours_share: 0.45, breaches_12m: 2 }
 */
export async function serviceHistoryOf(scope: RequestScope, customerId: number, now: Date): Promise<ServiceHistory | null> {
  const from = new Date(now.getTime() - YEAR_MS);
  const rows = await serviceRecordsOpenedBetween(scope, [customerId], from, now);
  if (rows.length === 0) return null;
  const calendar = await tenantWorkingCalendar(scope);
  const afterHours = rows.filter((r) => !isWithinServiceHours(r.opened_at, { kind: '5x8', calendar })).length;
  const measures = await measureCustomerRecords(scope, customerId, from, now, now);
  const breaches = measures.filter((m) => m.response === 'breached' || m.resolution === 'breached').length;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    tickets_per_month: round(rows.length / 12),
    p1_share: round(rows.filter((r) => r.priority === 'P1').length / rows.length),
    after_hours_share: round(afterHours / rows.length),
    breaches_12m: breaches,
  };
}

/** The customer fields the recommendation reads. */
export type RecommendationCustomer = { id: number; level: number; industry: string | null; scale: string | null };
/** The contract fields the recommendation reads. */
export type RecommendationContract = {
  amount: string;
  billing_cycle: BillingCycle;
  start_date: IsoDate;
  end_date: IsoDate;
  covered_services: { service_code: string }[];
};

/** Catalogue lines that matter to the SLA choice; other service codes are neutral. */
const coveredServicesOf = (lines: { service_code: string }[]): CoveredService[] =>
  [...new Set(lines.map((line) => line.service_code.trim().toLowerCase()))].filter((code): code is CoveredService => (COVERED_SERVICES as readonly string[]).includes(code));


/** The tenant catalogue in the shape of the pure model, limited to the tiers it knows. */
async function catalogueOf(scope: RequestScope): Promise<SlaTierCatalogueEntry[]> {
  return (await recommendationCatalogue(scope)).filter((tier): tier is typeof tier & { code: SlaTierCode } => isTierCode(tier.code));
}

/**
 * The profile the recommendation scores, from the customer, the contract (without a contract: value 0 and
 * no covered services) and the service history.
 */
export async function slaProfileOf(scope: RequestScope, customer: RecommendationCustomer, contract: RecommendationContract | null, now: Date): Promise<SlaProfile> {
  const level = Math.min(4, Math.max(1, customer.level)) as SlaProfile['customer_level'];
  return {
    customer_level: level,
    industry: customer.industry,
    scale: customer.scale,
    annual_contract_value: contract ? Number(contractValue(contract).annual) : 0,
    covered_services: contract ? coveredServicesOf(contract.covered_services) : [],
    history: await serviceHistoryOf(scope, customer.id, now),
  };
}

/** The recommendation as the API shows it: the tier name in both languages. */
export const localisedRecommendation = (recommendation: SlaRecommendation) => ({
  ...recommendation,
  tier_name: { zh: SLA_TIER_NAMES_ZH[recommendation.tier], en: SLA_TIER_NAMES_EN[recommendation.tier] },
});

/**
 * Recommends a tier and version of the tenant's catalogue for a customer and contract, with reasons and a
 * confidence (see `docs/sla-recommendation.md` for the rules).
 * @example const recommendation = await recommendForContract(scope, customer, contract, new Date());
 */
export async function recommendForContract(scope: RequestScope, customer: RecommendationCustomer, contract: RecommendationContract | null, now: Date): Promise<{ profile: SlaProfile; recommendation: SlaRecommendation }> {
  const profile = await slaProfileOf(scope, customer, contract, now);
  const recommendation = recommendSla(profile, await catalogueOf(scope), { at: now.toISOString() });
  return { profile, recommendation };
}
