import { prepared } from '../../../db/prepared.ts';
import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { excerpt, instantKey, type KeyedTimelineEntry, likeWords, localIso, type TimelineWindow, windowConditions } from '../../customers/customer-timeline/customer-timeline.public.ts';
import { communications } from './communications.schema.ts';

/**
 * A customer's calls, meetings, e-mails and instant messages as timeline entries, newest first, at most
 * `window.limit`. One range scan of `communications_customer_occurred_idx`; the bounds on `occurred_at` prune the
 * month partitions. Staff only: the caller checks `communication:read` (portal users never see these).
 * @example await communicationTimeline(scope, 12, { limit: 21, audience: 'staff', q: '续约' })
 */
export async function communicationTimeline(scope: RequestScope, customerId: number, window: TimelineWindow): Promise<KeyedTimelineEntry[]> {
  const m = communications;
  const where = [eq(m.tenant_id, scope.tenantId), eq(m.customer_id, customerId), ...windowConditions(m.occurred_at, m.id, 'communication', window)];
  if (window.q) where.push(ilike(m.subject, likeWords(window.q)));
  const rows = await prepared(
    scope.tx
      .select({
        id: m.id,
        occurred_at: m.occurred_at,
        key: instantKey(m.occurred_at),
        kind: m.kind,
        direction: m.direction,
        channel: m.channel,
        subject: m.subject,
        // An e-mail body can be long; the summary needs its beginning. Meetings keep their minutes in details.
        text: sql<string | null>`left(coalesce(${m.body}, ${m.details}->>'minutes'), 400)`,
      })
      .from(m)
      .where(and(...where))
      .orderBy(desc(m.occurred_at), desc(m.id))
      .limit(window.limit),
    'timeline_communications',
  );
  return rows.map((row) => ({
    key: { at: row.key, type: 'communication', id: row.id },
    entry: {
      type: 'communication',
      id: row.id,
      at: localIso(row.occurred_at),
      // Calls and chat messages often have no subject: their first words stand in.
      title: row.subject?.trim() || excerpt(row.text, 60),
      summary: excerpt(row.text),
      marks: {},
      detail: { kind: row.kind, channel: row.channel, direction: row.direction },
    },
  }));
}
