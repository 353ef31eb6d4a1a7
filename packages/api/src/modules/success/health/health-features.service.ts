import { and, eq, inArray } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { lastCommunicationAt } from '../../service/communications/communications.public.ts';
import { complaintHealthInputs } from '../../service/complaints/complaints.public.ts';
import { contractHealthInputs } from '../../contracts-sla/contracts/contracts.public.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { financeSummaries } from '../../integrations/finance/finance.public.ts';
import { opsSummaries } from '../../integrations/operations-signals/operations-signals.public.ts';
import { serviceHealthInputs } from '../../service/service-records/service-records.public.ts';
import { surveyHealthInputs } from '../surveys/surveys.public.ts';
import { usageSummaries } from '../../integrations/usage/usage.public.ts';
import type { HealthFeatures } from './health-features.ts';

const ratio = (now: number, before: number): number | null => (before > 0 ? now / before : null);
const round = (x: number | null, digits = 4): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
/** The mean of ticket ratings (their mean and count) and survey ratings (their sum and count) together. */
const pooledRating = (ticketMean: number | null, tickets: number, surveySum: number, surveys: number): number | null =>
  tickets + surveys > 0 ? ((ticketMean ?? 0) * tickets + surveySum) / (tickets + surveys) : null;

/**
 * The features of many customers at `asOf`, assembled from each owning module's set-wise inputs (a fixed
 * number of statements whatever the number of customers). Customers that do not exist in the tenant are
 * absent from the result. Ratios are null where their denominator is zero; finance features are null for a
 * customer without invoices, so the score leaves finance out instead of calling the customer healthy.
 * @example const features = await healthFeatures(scope, [7], new Date()); features.get(7)!.breach_rate_90d
 */
export async function healthFeatures(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, HealthFeatures>> {
  const result = new Map<number, HealthFeatures>();
  if (customerIds.length === 0) return result;
  const known = await scope.tx
    .select({ id: customerDirectory.id, level: customerDirectory.level })
    .from(customerDirectory)
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), inArray(customerDirectory.id, [...customerIds])));
  const ids = known.map((row) => row.id);
  if (ids.length === 0) return result;
  const service = await serviceHealthInputs(scope, ids, asOf);
  const complaints = await complaintHealthInputs(scope, ids, asOf);
  const contracts = await contractHealthInputs(scope, ids, asOf);
  const contact = await lastCommunicationAt(scope, ids, asOf);
  const finance = await financeSummaries(scope, ids, asOf);
  const usage = await usageSummaries(scope, ids, asOf);
  const ops = await opsSummaries(scope, ids, asOf);
  const surveys = await surveyHealthInputs(scope, ids, asOf);
  for (const { id, level } of known) {
    const s = service.get(id)!;
    const c = complaints.get(id)!;
    const k = contracts.get(id)!;
    const fin = finance.get(id);
    const use = usage.get(id);
    const op = ops.get(id);
    const last = contact.get(id);
    const v = surveys.get(id);
    const rating = pooledRating(s.rating_90d, s.ratings_90d, v?.rating_sum_90d ?? 0, v?.ratings_90d ?? 0);
    const ratingBefore = pooledRating(s.rating_prev_90d, s.ratings_prev_90d, v?.rating_sum_prev_90d ?? 0, v?.ratings_prev_90d ?? 0);
    const invoiced = fin !== undefined && (fin.revenue_12m > 0 || fin.revenue_prev_12m > 0 || fin.overdue_amount > 0 || fin.paid_on_time_ratio !== null);
    result.set(id, {
      tickets_90d: s.tickets_90d,
      tickets_trend: round(ratio(s.tickets_90d, s.tickets_prev_90d)),
      p1_share_90d: round(s.p1_share_90d),
      breach_rate_90d: round(s.breach_rate_90d),
      rating_90d: round(rating, 2),
      rating_trend: rating !== null && ratingBefore !== null ? round(rating - ratingBefore, 2) : null,
      open_complaints: c.open_complaints,
      complaints_90d: c.complaints_90d,
      overdue_ratio: invoiced ? round(fin!.revenue_12m > 0 ? fin!.overdue_amount / fin!.revenue_12m : fin!.overdue_amount > 0 ? 1 : 0) : null,
      max_days_overdue: fin?.max_days_overdue ?? 0,
      revenue_trend: invoiced ? round(ratio(fin!.revenue_12m, fin!.revenue_prev_12m)) : null,
      logins_30d: use?.logins_30d ?? 0,
      login_trend: use ? round(ratio(use.logins_30d, use.logins_prev_30d)) : null,
      days_since_contact: last ? Math.max(0, Math.floor((asOf.getTime() - last.getTime()) / 86_400_000)) : null,
      days_to_contract_end: k.days_to_contract_end,
      amendments_12m: k.amendments_12m,
      incidents_90d: op?.incidents_90d ?? 0,
      critical_incidents_90d: op?.critical_incidents_90d ?? 0,
      availability_90d: op?.availability_pct_90d ?? null,
      level,
      tenure_days: k.tenure_days,
    });
  }
  return result;
}
