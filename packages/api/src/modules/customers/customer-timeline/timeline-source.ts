import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { RequestScope } from '../../../platform/request-context.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { LOW_RATING_MAX, SUMMARY_MAX, type TimelineEntry, type TimelineType } from './customer-timeline.contract.ts';

/**
 * A position in the merged timeline: an instant, the type and the id. `at` is the UTC instant to the microsecond
 * (`2026-03-02T02:00:00.123456Z`) rather than a `Date`: rows stamped by the database (`now()`) carry microseconds,
 * and a millisecond cursor would land between such a row and itself and serve it twice.
 */
export type TimelineKey = { at: string; type: TimelineType; id: number };

/** Who reads: staff see everything their permissions allow, portal users only what concerns them as a customer. */
export type TimelineAudience = 'staff' | 'portal';

/** What a source is asked for: entries strictly after `before` in timeline order, inside the period, at most `limit`. */
export type TimelineWindow = {
  before?: TimelineKey;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  q?: string;
  /** Service records only: response or resolution breached. */
  breached?: boolean;
  limit: number;
  audience: TimelineAudience;
};

/** An entry with the exact key it sorts by. */
export type KeyedTimelineEntry = { key: TimelineKey; entry: TimelineEntry };

/** A module's contribution to the timeline: one indexed query, newest first by (at desc, id desc). */
export type TimelineSource = (scope: RequestScope, customerId: number, window: TimelineWindow) => Promise<KeyedTimelineEntry[]>;

/** The column's instant as the microsecond UTC text of a {@link TimelineKey}. */
export const instantKey = (at: AnyPgColumn) => sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The period and keyset conditions of one source of type `type`, on its time and id columns. After (a, t, i) in
 * (at desc, type, id desc) order: a later type at the same instant still follows, an earlier one does not. Every
 * condition bounds the time column itself, so partitioned tables prune months and indexes range-scan.
 * @example and(...windowConditions(serviceRecords.opened_at, serviceRecords.id, 'service_record', window))
 */
export function windowConditions(at: AnyPgColumn, id: AnyPgColumn, type: TimelineType, window: TimelineWindow): SQL[] {
  const where: SQL[] = [];
  if (window.from) where.push(sql`${at} >= ${window.from.toISOString()}::timestamptz`);
  if (window.to) where.push(sql`${at} < ${window.to.toISOString()}::timestamptz`);
  const before = window.before;
  if (before) {
    const cut = sql`${before.at}::timestamptz`;
    if (type > before.type) where.push(sql`${at} <= ${cut}`);
    else if (type < before.type) where.push(sql`${at} < ${cut}`);
    else where.push(sql`${at} <= ${cut}`, sql`(${at} < ${cut} or ${id} < ${before.id})`);
  }
  return where;
}

/** `%`, `_` and `\` match themselves in the search words. */
export const likeWords = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A short one-paragraph summary: whitespace collapsed, cut at {@link SUMMARY_MAX} characters with an ellipsis.
 * @example excerpt('  客户来电\n报障  ') // '客户来电 报障'
 */
export function excerpt(text: string | null | undefined, max = SUMMARY_MAX): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * An instant as ISO 8601 in business time, the way the timeline shows it.
 * @example localIso(new Date('2026-03-02T02:00:00Z')) // '2026-03-02T10:00:00+08:00'
 */
export const localIso = (date: Date): string => `${formatLocalDateTime(date).replace(' ', 'T')}+08:00`;

/**
 * Whether a 1–5 rating is low ({@link LOW_RATING_MAX} or below); `undefined` when there is no rating.
 * @example lowRating(2) // true
 */
export const lowRating = (rating: number | null | undefined): boolean | undefined => (rating == null ? undefined : rating <= LOW_RATING_MAX);
