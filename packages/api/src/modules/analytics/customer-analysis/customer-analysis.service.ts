import { and, eq, inArray, lte, gte } from 'drizzle-orm';
import { addDays } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './customer-analysis.errors.ts';
import type { Locale } from '../../../platform/i18n.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.public.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { revenueBetween } from '../../integrations/finance/finance.public.ts';
import { customerHealth } from '../../success/health/health.public.ts';
import { serviceAnalysisInputs, serviceStatistics } from '../../service/service-records/service-records.public.ts';
import { usageBetween } from '../../integrations/usage/usage.public.ts';
import { analysisFigures } from './analysis-figures.ts';
import { analysisPeriod } from './analysis-period.ts';
import type { AnalysisQuery, CustomerAnalysis } from './customer-analysis.contract.ts';

/** Whether a contract is in force on the last day of the period. */
async function contractInForce(scope: RequestScope, customerId: number, on: string): Promise<boolean> {
  const [row] = await scope.tx
    .select({ id: contractDirectory.id })
    .from(contractDirectory)
    .where(
      and(
        eq(contractDirectory.tenant_id, scope.tenantId),
        eq(contractDirectory.customer_id, customerId),
        inArray(contractDirectory.state, ['active', 'expiring']),
        lte(contractDirectory.start_date, on),
        gte(contractDirectory.end_date, on),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * REQ-016 §8's customer analysis over a period, from the data: service records, invoices, usage and the
 * health score (computed on first read).
 * @example await customerAnalysis(scope, 12345, { period: '12m' }, 'zh-CN', new Date())
 */
export async function customerAnalysis(scope: RequestScope, customerId: number, query: AnalysisQuery, locale: Locale, now: Date): Promise<CustomerAnalysis> {
  const customer = await findVisibleCustomer(scope, customerId);
  const period = analysisPeriod(query.period, query.from, query.to, now);
  if ('problem' in period) throw new ApiError('analysis.period_invalid', { reason: period.problem });
  const middle = addDays(period.from, Math.floor(period.days / 2));
  // One transaction runs one statement at a time: the reads follow each other.
  const stats = await serviceStatistics(scope, customerId, { from: period.from, to: period.to });
  const inputs = await serviceAnalysisInputs(scope, customerId, period.from, period.to, middle);
  const revenue = await revenueBetween(scope, customerId, period.from, period.to);
  const usage = await usageBetween(scope, customerId, period.from, period.to);
  const health = await customerHealth(scope, customerId, now);
  const inForce = await contractInForce(scope, customerId, period.to);
  const figures = analysisFigures(
    {
      period,
      service: { ...stats, ...inputs },
      revenue: revenue.total,
      usage,
      health: { churn_probability: health.churn_probability, churn_risk: health.churn_risk, band: health.band },
      contractInForce: inForce,
    },
    locale,
  );
  return {
    customer_info: { customer_id: customer.id, customer_name: customer.customer_name, level: customer.level, status: customer.status },
    period: { name: period.name, from: period.from, to: period.to, days: period.days, months: period.months },
    ...figures,
  };
}
