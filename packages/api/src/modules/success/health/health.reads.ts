import { and, eq, inArray } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { healthScores, type HealthBand } from './health.schema.ts';

/**
 * The current health (band and score) of many customers, in one statement; customers never scored are absent.
 * Nothing is computed here: `customerHealth` scores a customer on its first read.
 * @example (await currentHealthBands(scope, [7])).get(7) // { band: 'green', score: 82 }
 */
export async function currentHealthBands(scope: RequestScope, customerIds: readonly number[]): Promise<Map<number, { band: HealthBand; score: number }>> {
  if (customerIds.length === 0) return new Map();
  const rows = await scope.tx
    .select({ customer_id: healthScores.customer_id, band: healthScores.band, score: healthScores.score })
    .from(healthScores)
    .where(and(eq(healthScores.tenant_id, scope.tenantId), inArray(healthScores.customer_id, [...customerIds])));
  return new Map(rows.map((row) => [row.customer_id, { band: row.band, score: row.score }]));
}
