import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { segmentMemberIds } from '../../analytics/segments/segments.public.ts';
import type { SurveyMetrics, SurveyResults, SurveyResultsQuery } from './survey-results.contract.ts';
import { SURVEY_THEMES } from './survey-text.ts';
import { surveyResponses } from './surveys.schema.ts';

/** The sums a period's metrics are made of; totals add them up. */
export type ScoreSums = { responses: number; nps_responses: number; promoters: number; passives: number; detractors: number; csat_sum: number; csat_responses: number; csat_satisfied: number; ces_sum: number; ces_responses: number };

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Metrics from sums: NPS = % promoters − % detractors (one decimal), CSAT average and % satisfied (4–5), CES average.
 * @example metricsOf({ responses: 4, nps_responses: 4, promoters: 2, passives: 1, detractors: 1, csat_sum: 0, csat_responses: 0, csat_satisfied: 0, ces_sum: 0, ces_responses: 0 }).nps // 25
 */
export function metricsOf(s: ScoreSums): SurveyMetrics {
  return {
    responses: s.responses,
    nps: s.nps_responses ? round1(((s.promoters - s.detractors) / s.nps_responses) * 100) : null,
    nps_responses: s.nps_responses,
    promoters: s.promoters,
    passives: s.passives,
    detractors: s.detractors,
    csat_average: s.csat_responses ? round2(s.csat_sum / s.csat_responses) : null,
    csat_satisfied_pct: s.csat_responses ? round1((s.csat_satisfied / s.csat_responses) * 100) : null,
    csat_responses: s.csat_responses,
    ces_average: s.ces_responses ? round2(s.ces_sum / s.ces_responses) : null,
    ces_responses: s.ces_responses,
  };
}

const sums = {
  responses: sql<number>`count(*)::int`,
  nps_responses: sql<number>`count(${surveyResponses.nps})::int`,
  promoters: sql<number>`(count(*) filter (where ${surveyResponses.nps} >= 9))::int`,
  passives: sql<number>`(count(*) filter (where ${surveyResponses.nps} between 7 and 8))::int`,
  detractors: sql<number>`(count(*) filter (where ${surveyResponses.nps} <= 6))::int`,
  csat_sum: sql<number>`coalesce(sum(${surveyResponses.csat}), 0)::float8`,
  csat_responses: sql<number>`count(${surveyResponses.csat})::int`,
  csat_satisfied: sql<number>`(count(*) filter (where ${surveyResponses.csat} >= 4))::int`,
  ces_sum: sql<number>`coalesce(sum(${surveyResponses.ces}), 0)::float8`,
  ces_responses: sql<number>`count(${surveyResponses.ces})::int`,
};

/** Beijing midnight of a day, as an instant. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The response filter of a results query, limited to customers the caller may see. */
export function responseFilter(scope: RequestScope, query: Omit<SurveyResultsQuery, 'granularity'>): SQL {
  const where: SQL[] = [
    eq(surveyResponses.tenant_id, scope.tenantId),
    eq(surveyResponses.complete, true),
    inArray(surveyResponses.customer_id, scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(visibleCustomers(scope, customerDirectory))),
  ];
  if (query.campaign_id) where.push(eq(surveyResponses.campaign_id, query.campaign_id));
  if (query.customer_id) where.push(eq(surveyResponses.customer_id, query.customer_id));
  if (query.segment_id) {
    where.push(inArray(surveyResponses.customer_id, segmentMemberIds(scope, query.segment_id)));
  }
  if (query.from) where.push(gte(surveyResponses.submitted_at, beijingMidnight(query.from)));
  if (query.to) where.push(lt(surveyResponses.submitted_at, beijingMidnight(addDays(query.to, 1))));
  return and(...where) as SQL;
}

/**
 * Scores per month or quarter with the change of NPS from the period before, totals, and the ten most
 * frequent feedback themes with their sentiment.
 * @example await surveyResults(scope, { campaign_id: 5, granularity: 'quarter' })
 */
export async function surveyResults(scope: RequestScope, query: SurveyResultsQuery): Promise<SurveyResults> {
  const where = responseFilter(scope, query);
  const format = query.granularity === 'quarter' ? 'YYYY-"Q"Q' : 'YYYY-MM';
  const period = sql<string>`to_char(${surveyResponses.submitted_at} at time zone 'Asia/Shanghai', ${sql.raw(`'${format}'`)})`;
  const rows = await scope.tx.select({ period, ...sums }).from(surveyResponses).where(where).groupBy(sql`1`).orderBy(sql`1`);
  let previous: number | null = null;
  const periods = rows.map(({ period: name, ...s }) => {
    const metrics = metricsOf(s);
    const change = metrics.nps !== null && previous !== null ? round1(metrics.nps - previous) : null;
    if (metrics.nps !== null) previous = metrics.nps;
    return { period: name, ...metrics, nps_change: change };
  });
  const total = rows.reduce<ScoreSums>(
    (acc, r) => Object.fromEntries(Object.keys(acc).map((k) => [k, acc[k as keyof ScoreSums] + Number(r[k as keyof ScoreSums])])) as ScoreSums,
    { responses: 0, nps_responses: 0, promoters: 0, passives: 0, detractors: 0, csat_sum: 0, csat_responses: 0, csat_satisfied: 0, ces_sum: 0, ces_responses: 0 },
  );
  const themeRows = rawRows<{ code: string; responses: number; positive: number; neutral: number; negative: number }>(
    await scope.tx.execute(sql`
      select t.code, count(*)::int as responses,
        (count(*) filter (where ${surveyResponses.sentiment} = 'positive'))::int as positive,
        (count(*) filter (where ${surveyResponses.sentiment} = 'neutral'))::int as neutral,
        (count(*) filter (where ${surveyResponses.sentiment} = 'negative'))::int as negative
      from ${surveyResponses} cross join lateral unnest(${surveyResponses.themes}) as t(code)
      where ${where}
      group by t.code order by responses desc, t.code limit 10`),
  );
  const labelOf = new Map(SURVEY_THEMES.map((t) => [t.code, t.label]));
  return {
    totals: metricsOf(total),
    periods,
    themes: themeRows.map((t) => ({ code: t.code, label: labelOf.get(t.code) ?? { zh: t.code, en: t.code }, responses: Number(t.responses), positive: Number(t.positive), neutral: Number(t.neutral), negative: Number(t.negative) })),
  };
}
