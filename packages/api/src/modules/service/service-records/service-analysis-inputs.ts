import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, startOfBusinessDay, type IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';

/** What the customer analysis reads of the tickets of a period besides the totals: channels and the rating halves. */
export type ServiceAnalysisInputs = {
  /** Tickets per channel, most used first. */
  channels: { channel: string; tickets: number }[];
  /** Mean rating of the first and the second half of the period (null without ratings). */
  rating_first_half: number | null;
  rating_second_half: number | null;
  /** Tickets by priority, for the service cost estimate. */
  by_priority: Record<string, number>;
};

/** One statement over the period's month partitions (bounded by `opened_at`). */
export async function serviceAnalysisInputs(scope: RequestScope, customerId: number, from: IsoDate, to: IsoDate, middle: IsoDate): Promise<ServiceAnalysisInputs> {
  const start = startOfBusinessDay(from).toISOString();
  const end = startOfBusinessDay(addDays(to, 1)).toISOString();
  const mid = startOfBusinessDay(middle).toISOString();
  const rows = rawRows<{ channel: string | null; priority: string; tickets: number; first_sum: number | null; first_n: number; second_sum: number | null; second_n: number }>(
    await scope.tx.execute(sql`
      select channel, priority, count(*)::int as tickets,
             sum(satisfaction_rating) filter (where opened_at < ${mid}::timestamptz)::int as first_sum,
             count(satisfaction_rating) filter (where opened_at < ${mid}::timestamptz)::int as first_n,
             sum(satisfaction_rating) filter (where opened_at >= ${mid}::timestamptz)::int as second_sum,
             count(satisfaction_rating) filter (where opened_at >= ${mid}::timestamptz)::int as second_n
      from service_records
      where tenant_id = ${scope.tenantId} and customer_id = ${customerId} and opened_at >= ${start}::timestamptz and opened_at < ${end}::timestamptz
      group by channel, priority`),
  );
  const channels = new Map<string, number>();
  const byPriority: Record<string, number> = {};
  let firstSum = 0, firstN = 0, secondSum = 0, secondN = 0;
  for (const row of rows) {
    const channel = row.channel ?? 'unknown';
    channels.set(channel, (channels.get(channel) ?? 0) + Number(row.tickets));
    byPriority[row.priority] = (byPriority[row.priority] ?? 0) + Number(row.tickets);
    firstSum += Number(row.first_sum ?? 0);
    firstN += Number(row.first_n);
    secondSum += Number(row.second_sum ?? 0);
    secondN += Number(row.second_n);
  }
  return {
    channels: [...channels].map(([channel, tickets]) => ({ channel, tickets })).sort((a, b) => b.tickets - a.tickets || a.channel.localeCompare(b.channel)),
    rating_first_half: firstN ? firstSum / firstN : null,
    rating_second_half: secondN ? secondSum / secondN : null,
    by_priority: byPriority,
  };
}
