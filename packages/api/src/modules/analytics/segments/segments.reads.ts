import { and, eq } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { segmentMembers, segments } from './segments.schema.ts';

/**
 * Whether the tenant has this segment.
 * @example if (!(await segmentExists(scope, 4))) throw new ApiError('survey_campaign.target_invalid', { segment_id: 4 });
 */
export async function segmentExists(scope: RequestScope, segmentId: number): Promise<boolean> {
  const [row] = await scope.tx.select({ id: segments.id }).from(segments).where(and(eq(segments.tenant_id, scope.tenantId), eq(segments.id, segmentId)));
  return row !== undefined;
}

/**
 * The customers a segment held at its last refresh, as a query of `{ id }` rows: await it for the ids, or
 * pass it to `inArray` as a subquery so the members are never loaded.
 * @example (await segmentMemberIds(scope, 4)).map((r) => r.id) // [7, 12]
 * @example inArray(surveyResponses.customer_id, segmentMemberIds(scope, 4))
 */
export function segmentMemberIds(scope: RequestScope, segmentId: number) {
  return scope.tx
    .select({ id: segmentMembers.customer_id })
    .from(segmentMembers)
    .where(and(eq(segmentMembers.tenant_id, scope.tenantId), eq(segmentMembers.segment_id, segmentId)));
}
