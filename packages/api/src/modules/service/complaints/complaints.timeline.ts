import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { excerpt, instantKey, type KeyedTimelineEntry, likeWords, localIso, lowRating, type TimelineWindow, windowConditions } from '../../customers/customer-timeline/customer-timeline.public.ts';
import { complaints } from './complaints.schema.ts';

/**
 * A customer's complaints as timeline entries at the time they were filed, newest first, at most `window.limit`.
 * One range scan of `complaints_customer_idx`. Portal users see their customer's complaints without the
 * classified severity, which is internal triage.
 * @example await complaintTimeline(scope, 12, { limit: 21, audience: 'portal' })
 */
export async function complaintTimeline(scope: RequestScope, customerId: number, window: TimelineWindow): Promise<KeyedTimelineEntry[]> {
  const c = complaints;
  const where = [eq(c.tenant_id, scope.tenantId), eq(c.customer_id, customerId), ...windowConditions(c.created_at, c.id, 'complaint', window)];
  if (window.q) where.push(ilike(c.title, likeWords(window.q)));
  const rows = await scope.tx
    .select({
      id: c.id,
      created_at: c.created_at,
      key: instantKey(c.created_at),
      complaint_no: c.complaint_no,
      title: c.title,
      description: sql<string>`left(${c.description}, 400)`,
      category: c.category,
      severity: c.severity,
      priority: c.priority,
      status: c.status,
      satisfaction: c.customer_satisfaction,
    })
    .from(c)
    .where(and(...where))
    .orderBy(desc(c.created_at), desc(c.id))
    .limit(window.limit);
  const staff = window.audience === 'staff';
  return rows.map((row) => ({
    key: { at: row.key, type: 'complaint', id: row.id },
    entry: {
      type: 'complaint',
      id: row.id,
      at: localIso(row.created_at),
      title: row.title,
      summary: excerpt(row.description),
      status: row.status,
      marks: {
        ...(staff ? { severity: row.severity } : {}),
        priority: row.priority,
        satisfaction_rating: row.satisfaction,
        low_rating: lowRating(row.satisfaction),
      },
      detail: { complaint_no: row.complaint_no, category: row.category },
    },
  }));
}
