import type { CompletenessPortfolioInputs } from '../../customers/completeness/completeness.public.ts';
import type { ContractPortfolioInputs, RenewalPortfolioInputs } from '../../contracts-sla/contracts/contracts.public.ts';
import type { FinancePortfolioInputs } from '../../integrations/finance/finance.public.ts';
import type { ServicePortfolioInputs } from '../../service/service-records/service-records.public.ts';
import type { SurveyPortfolioInputs } from '../../success/surveys/surveys.public.ts';
import { linearForecast, trendOf, type Trend } from './portfolio-forecast.ts';

export const KPI_KEYS = [
  'satisfaction', 'nps', 'retention_rate', 'churn_rate', 'ltv', 'arpu', 'arpu_growth', 'first_response_minutes',
  'resolution_rate', 'completeness', 'renewal_rate', 'upsell_rate', 'revenue', 'ticket_volume',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** KPIs forecast by linear regression, with the bounds their values keep. */
export const FORECAST_KPIS: Partial<Record<KpiKey, { min?: number; max?: number }>> = { revenue: { min: 0 }, ticket_volume: { min: 0 }, churn_rate: { min: 0, max: 100 } };

/** Expected lifetime when no customer churned: five years, so the LTV stays finite. */
export const MAX_LIFETIME_MONTHS = 60;

export type KpiDefinition = { zh: string; en: string; unit: string; note?: string };

/** What each KPI means (REQ-016 §2), in both languages, with its unit. Rates are percentages. */
export const KPI_DEFINITIONS: Record<KpiKey, KpiDefinition> = {
  satisfaction: { zh: '客户满意度（工单评分均值）', en: 'Satisfaction (mean ticket rating)', unit: 'score 1-5', note: 'Tickets opened in the period that carry a rating' },
  nps: { zh: 'NPS净推荐值', en: 'Net promoter score', unit: 'score -100..100', note: 'Survey responses submitted in the period with an NPS answer: % promoters (9–10) − % detractors (0–6); null without answers' },
  retention_rate: { zh: '客户保留率', en: 'Retention rate', unit: '%', note: 'Customers with a contract in force on the first day of the period who still have one on its last day' },
  churn_rate: { zh: '客户流失率', en: 'Churn rate', unit: '%', note: 'Customers in force on the first day who have none on the last day and no successor contract' },
  ltv: { zh: '客户生命周期价值(LTV)', en: 'Customer lifetime value', unit: 'CNY', note: `ARPU per month × expected lifetime in months (1 / monthly churn rate, at most ${MAX_LIFETIME_MONTHS})` },
  arpu: { zh: '每客户平均收入(ARPU)', en: 'Average revenue per customer', unit: 'CNY per period', note: 'Invoiced revenue / customers with a contract in force on any day of the period' },
  arpu_growth: { zh: 'ARPU增长率', en: 'ARPU growth', unit: '%', note: 'Against the period before' },
  first_response_minutes: { zh: '平均首次响应时间', en: 'Mean first response time', unit: 'minutes', note: 'Tickets opened in the period with a first response, calendar minutes' },
  resolution_rate: { zh: '问题解决率', en: 'Resolution rate', unit: '%', note: 'Tickets opened in the period that are resolved / tickets opened in the period' },
  completeness: { zh: '客户数据完整率', en: 'Data completeness', unit: '%', note: "Today's value, the same in every period: completeness keeps no history" },
  renewal_rate: { zh: '客户续约率', en: 'Renewal rate', unit: '%', note: 'Contracts whose term ends in the period that have a renewal (a successor past draft)' },
  upsell_rate: { zh: '向上销售成功率', en: 'Upsell rate', unit: '%', note: 'Customers in force at the start with an expansion contract starting in the period / customers in force at the start' },
  revenue: { zh: '开票收入', en: 'Invoiced revenue', unit: 'CNY', note: 'Non-void invoices by issue date' },
  ticket_volume: { zh: '工单量', en: 'Tickets opened', unit: 'tickets' },
};

export type KpiSeries = { values: (number | null)[]; trend: Trend; forecast?: { period: string; value: number; low: number; high: number }[] };

/** Everything the KPIs of one report are computed from, as the input statements return it. */
export type PortfolioInputs = {
  service: ServicePortfolioInputs[];
  finance: FinancePortfolioInputs[];
  contracts: ContractPortfolioInputs[];
  renewals: RenewalPortfolioInputs[];
  completeness: CompletenessPortfolioInputs[];
  surveys: SurveyPortfolioInputs[];
};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round((part / whole) * 100) : null);
const indexBy = <T extends { period: string; segment: string | null }>(rows: T[]) => new Map(rows.map((row) => [`${row.segment}|${row.period}`, row]));

/** Expected lifetime in months from the churn rate (%) of a period of `months` months. */
export function expectedLifetimeMonths(churnPercent: number, months: number): number {
  const monthly = 1 - (1 - Math.min(churnPercent, 100) / 100) ** (1 / months);
  return monthly <= 0 ? MAX_LIFETIME_MONTHS : Math.min(MAX_LIFETIME_MONTHS, 1 / monthly);
}

/**
 * The KPI series of one segment. `periods` starts with one extra period (the one before the report) that only
 * feeds the first ARPU growth; it is dropped from the result. `forecastKeys` are the periods to forecast.
 * @example segmentKpis(inputs, null, ['2025-12', '2026-01', '2026-02', '2026-03'], 1, ['2026-04']).revenue.values // [100, 120, 140]
 */
export function segmentKpis(inputs: PortfolioInputs, segment: string | null, periods: string[], monthsPerPeriod: number, forecastKeys: string[]): Record<KpiKey, KpiSeries> {
  const service = indexBy(inputs.service), finance = indexBy(inputs.finance), contracts = indexBy(inputs.contracts), renewals = indexBy(inputs.renewals), surveys = indexBy(inputs.surveys);
  const done = inputs.completeness.find((row) => row.segment === segment);
  const completeness = done && done.customers > 0 ? Math.floor((done.complete / done.customers) * 1000) / 10 : null;
  const series = Object.fromEntries(KPI_KEYS.map((key) => [key, [] as (number | null)[]])) as Record<KpiKey, (number | null)[]>;
  let previousArpu: number | null = null;
  for (const period of periods) {
    const key = `${segment}|${period}`;
    const s = service.get(key), f = finance.get(key), c = contracts.get(key), r = renewals.get(key), n = surveys.get(key);
    const revenue = f?.revenue ?? 0;
    const arpu = c && c.active > 0 ? round(revenue / c.active) : null;
    const churn = c ? ratio(c.churned, c.in_force_at_start) : null;
    series.satisfaction.push(s && s.rating_count > 0 ? round(s.rating_sum / s.rating_count) : null);
    series.nps.push(n && n.nps_answers > 0 ? round(((n.promoters - n.detractors) / n.nps_answers) * 100, 1) : null);
    series.retention_rate.push(c ? ratio(c.retained, c.in_force_at_start) : null);
    series.churn_rate.push(churn);
    series.arpu.push(arpu);
    series.arpu_growth.push(arpu !== null && previousArpu !== null && previousArpu > 0 ? round(((arpu - previousArpu) / previousArpu) * 100) : null);
    series.ltv.push(arpu !== null && churn !== null ? round((arpu / monthsPerPeriod) * expectedLifetimeMonths(churn, monthsPerPeriod)) : null);
    series.first_response_minutes.push(s && s.response_count > 0 ? round(s.response_minutes_sum / s.response_count, 1) : null);
    series.resolution_rate.push(s ? ratio(s.resolved, s.opened) : null);
    series.completeness.push(completeness);
    series.renewal_rate.push(r ? ratio(r.renewed, r.ending) : null);
    series.upsell_rate.push(c ? ratio(c.expanded, c.in_force_at_start) : null);
    series.revenue.push(round(revenue));
    series.ticket_volume.push(s?.opened ?? 0);
    previousArpu = arpu;
  }
  return Object.fromEntries(
    KPI_KEYS.map((kpi) => {
      const values = series[kpi].slice(1);
      const bounds = FORECAST_KPIS[kpi];
      const result: KpiSeries = { values, trend: trendOf(values) };
      if (bounds) {
        result.forecast = linearForecast(values, forecastKeys.length, bounds).map((point, i) => ({ period: forecastKeys[i]!, ...point }));
      }
      return [kpi, result];
    }),
  ) as Record<KpiKey, KpiSeries>;
}

/** The segments of a report, in reading order: levels by number, industries by name with `unknown` last. */
export function segmentsOf(inputs: PortfolioInputs): (string | null)[] {
  const all = new Set<string | null>();
  for (const rows of [inputs.completeness, inputs.service, inputs.finance, inputs.contracts, inputs.renewals, inputs.surveys]) for (const row of rows) all.add(row.segment);
  if (all.size === 0) all.add(null);
  return [...all].sort((a, b) => {
    if (a === b) return 0;
    if (a === null || b === 'unknown') return -1;
    if (b === null || a === 'unknown') return 1;
    return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b, 'zh-CN');
  });
}
