import { sql } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import './portfolio-analytics.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { completenessPortfolioInputs } from '../../customers/completeness/completeness.public.ts';
import { contractPortfolioInputs, renewalPortfolioInputs } from '../../contracts-sla/contracts/contracts.public.ts';
import { financePortfolioInputs } from '../../integrations/finance/finance.public.ts';
import { servicePortfolioInputs } from '../../service/service-records/service-records.public.ts';
import { surveyPortfolioInputs } from '../../success/surveys/surveys.public.ts';
import type { PortfolioQuery, PortfolioReport } from './portfolio-analytics.contract.ts';
import { KPI_DEFINITIONS, segmentKpis, segmentsOf } from './portfolio-kpis.ts';
import { followingKeys, portfolioBuckets } from './portfolio-periods.ts';

/**
 * The portfolio report: six grouped statements (tickets, invoices, contracts in force, contracts ending,
 * completeness, NPS answers), then pure KPI arithmetic per segment. The range is checked before anything is read.
 * @example (await portfolioReport(scope, { granularity: 'month', segment: 'level', forecast: 3, format: 'json' }, new Date())).periods.length // 12
 */
export async function portfolioReport(scope: RequestScope, query: Omit<PortfolioQuery, 'format'>, now: Date): Promise<PortfolioReport> {
  // One period more than asked: the first ARPU growth needs the ARPU before it.
  const buckets = portfolioBuckets(query.granularity, query.from, query.to, 1, now);
  if ('problem' in buckets) throw new ApiError('analytics.range_invalid', { reason: buckets.problem });
  // The contract fold hashes a row per customer and period: give it room instead of spilling to disk
  // (36 months of 100,000 customers hash 1.4M groups, ~150 MB).
  await scope.tx.execute(sql`set local work_mem = '128MB'`);
  const inputs = {
    service: await servicePortfolioInputs(scope, buckets, query.segment),
    finance: await financePortfolioInputs(scope, buckets, query.segment),
    contracts: await contractPortfolioInputs(scope, buckets, query.segment),
    renewals: await renewalPortfolioInputs(scope, buckets, query.segment),
    completeness: await completenessPortfolioInputs(scope, query.segment),
    surveys: await surveyPortfolioInputs(scope, buckets, query.segment),
  };
  const forecastKeys = followingKeys(buckets, query.forecast);
  const months = query.granularity === 'month' ? 1 : 3;
  return {
    granularity: query.granularity,
    segment_by: query.segment,
    periods: buckets.keys.slice(1),
    segments: segmentsOf(inputs).map((segment) => ({ segment, kpis: segmentKpis(inputs, segment, buckets.keys, months, forecastKeys) })),
    definitions: KPI_DEFINITIONS,
  };
}
