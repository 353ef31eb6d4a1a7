import { sql } from 'drizzle-orm';
import { idArray } from '../../../db/id-array.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { surveyRatingSql } from './survey-health-inputs.ts';
import { surveyResponses } from './surveys.schema.ts';

/** A submitted survey response as one satisfaction rating (`surveyRatingSql`) and when it was submitted. */
export type SurveyRating = { id: number; rating: number; rated_at: Date };

/**
 * The latest `perCustomer` submitted responses that carry a CSAT or NPS answer of many customers, as ratings
 * on the tickets' 1–5 scale (`surveyRatingSql`), newest first, in one statement. Every id asked for gets an
 * entry.
 * @example (await latestSurveyRatings(scope, [7], 3)).get(7) // [{ id: 12, rating: 4.2, rated_at }]
 */
export async function latestSurveyRatings(scope: RequestScope, customerIds: readonly number[], perCustomer: number): Promise<Map<number, SurveyRating[]>> {
  const result = new Map<number, SurveyRating[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return result;
  const rows = rawRows<{ customer_id: unknown; id: unknown; rating: unknown; rated_at: string | Date }>(
    await scope.tx.execute(sql`
      select c.id as customer_id, r.id, r.rating, r.rated_at
      from unnest(${idArray(customerIds)}) as c(id)
      cross join lateral (
        select v.id, ${surveyRatingSql('v')} as rating, v.submitted_at as rated_at
          from ${surveyResponses} v
          where v.tenant_id = ${scope.tenantId} and v.customer_id = c.id and v.complete and (v.csat is not null or v.nps is not null)
          order by v.submitted_at desc, v.id desc limit ${perCustomer}
      ) r
      order by c.id, r.rated_at desc, r.id desc`),
  );
  for (const row of rows) result.get(Number(row.customer_id))?.push({ id: Number(row.id), rating: Number(row.rating), rated_at: new Date(row.rated_at) });
  return result;
}
