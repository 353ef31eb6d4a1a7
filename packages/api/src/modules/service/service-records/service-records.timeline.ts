import { prepared } from '../../../db/prepared.ts';
import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { excerpt, instantKey, type KeyedTimelineEntry, likeWords, localIso, lowRating, type TimelineWindow, windowConditions } from '../../customers/customer-timeline/customer-timeline.public.ts';
import { serviceRecords } from './service-records.schema.ts';

/**
 * A customer's service records (tickets) as timeline entries, newest opening first, at most `window.limit`.
 * One range scan of `service_records_customer_opened_idx`; the bounds on `opened_at` prune the month partitions.
 * @example await serviceRecordTimeline(scope, 12, { limit: 21, audience: 'staff', breached: true })
 */
export async function serviceRecordTimeline(scope: RequestScope, customerId: number, window: TimelineWindow): Promise<KeyedTimelineEntry[]> {
  const r = serviceRecords;
  const where = [eq(r.tenant_id, scope.tenantId), eq(r.customer_id, customerId), ...windowConditions(r.opened_at, r.id, 'service_record', window)];
  if (window.q) where.push(ilike(r.title, likeWords(window.q)));
  if (window.breached) where.push(sql`(${r.response_breached} or ${r.resolution_breached})`);
  const rows = await prepared(
    scope.tx
      .select({
        id: r.id,
        opened_at: r.opened_at,
        key: instantKey(r.opened_at),
        ticket_no: r.ticket_no,
        title: r.title,
        // The summary needs the first 200 characters, not a long description.
        description: sql<string | null>`left(${r.description}, 400)`,
        category: r.category,
        priority: r.priority,
        channel: r.channel,
        status: r.status,
        response_breached: r.response_breached,
        resolution_breached: r.resolution_breached,
        satisfaction_rating: r.satisfaction_rating,
      })
      .from(r)
      .where(and(...where))
      .orderBy(desc(r.opened_at), desc(r.id))
      .limit(window.limit),
    'timeline_service_records',
  );
  return rows.map((row) => ({
    key: { at: row.key, type: 'service_record', id: row.id },
    entry: {
      type: 'service_record',
      id: row.id,
      at: localIso(row.opened_at),
      title: row.title,
      summary: excerpt(row.description),
      status: row.status,
      marks: {
        response_breached: row.response_breached,
        resolution_breached: row.resolution_breached,
        satisfaction_rating: row.satisfaction_rating,
        low_rating: lowRating(row.satisfaction_rating),
        priority: row.priority,
      },
      detail: { ticket_no: row.ticket_no, priority: row.priority, category: row.category, channel: row.channel },
    },
  }));
}
