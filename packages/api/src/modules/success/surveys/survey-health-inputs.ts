import { sql, type SQL } from 'drizzle-orm';
import { idArray } from '../../../db/id-array.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';

/** A customer's survey ratings on the tickets' 1–5 scale over the last 90 days and the 90 days before. */
export type SurveyHealthInputs = { rating_sum_90d: number; ratings_90d: number; rating_sum_prev_90d: number; ratings_prev_90d: number };

const DAY_MS = 86_400_000;

/**
 * A survey response as one satisfaction rating on the tickets' 1–5 scale: its CSAT answer, else its NPS answer as
 * 1 + NPS × 0.4 (0 → 1, 10 → 5), to one decimal. The health score and the success plays read responses this way.
 * @example sql`select ${surveyRatingSql('r')} from survey_responses r`
 */
export const surveyRatingSql = (alias: string): SQL => sql`coalesce(${sql.raw(alias)}.csat, round(1 + ${sql.raw(alias)}.nps * 0.4, 1))`;

/**
 * Submitted survey responses as satisfaction ratings (`surveyRatingSql`) for the health score, in one statement.
 * Customers without responses in the 180 days before `asOf` are absent.
 * @example (await surveyHealthInputs(scope, [7], new Date())).get(7) // { rating_sum_90d: 8.6, ratings_90d: 2, … }
 */
export async function surveyHealthInputs(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, SurveyHealthInputs>> {
  const result = new Map<number, SurveyHealthInputs>();
  if (customerIds.length === 0) return result;
  const from = new Date(asOf.getTime() - 90 * DAY_MS).toISOString();
  const prevFrom = new Date(asOf.getTime() - 180 * DAY_MS).toISOString();
  const rating = surveyRatingSql('survey_responses');
  const rows = rawRows<Record<keyof SurveyHealthInputs | 'customer_id', unknown>>(
    await scope.tx.execute(sql`
      select customer_id,
        coalesce(sum(${rating}) filter (where submitted_at >= ${from}::timestamptz), 0)::float8 as rating_sum_90d,
        count(*) filter (where submitted_at >= ${from}::timestamptz) as ratings_90d,
        coalesce(sum(${rating}) filter (where submitted_at < ${from}::timestamptz), 0)::float8 as rating_sum_prev_90d,
        count(*) filter (where submitted_at < ${from}::timestamptz) as ratings_prev_90d
      from survey_responses
      where tenant_id = ${scope.tenantId} and customer_id = any(${idArray(customerIds)}) and complete
        and (csat is not null or nps is not null)
        and submitted_at >= ${prevFrom}::timestamptz and submitted_at < ${asOf.toISOString()}::timestamptz
      group by customer_id`),
  );
  for (const row of rows) {
    result.set(Number(row.customer_id), {
      rating_sum_90d: Number(row.rating_sum_90d),
      ratings_90d: Number(row.ratings_90d),
      rating_sum_prev_90d: Number(row.rating_sum_prev_90d),
      ratings_prev_90d: Number(row.ratings_prev_90d),
    });
  }
  return result;
}
