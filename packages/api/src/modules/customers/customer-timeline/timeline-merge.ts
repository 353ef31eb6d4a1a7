import { ApiError } from '../../../platform/errors.ts';
import './customer-timeline.errors.ts';
import { TIMELINE_TYPES, type TimelineType } from './customer-timeline.contract.ts';
import type { KeyedTimelineEntry, TimelineKey } from './timeline-source.ts';

/**
 * Timeline order: newest first, then by type, then highest id first. Keys' instants are fixed-width UTC text,
 * so comparing them as strings compares the instants.
 * @example compareKeys({ at: '2026-03-02T02:00:00.000000Z', type: 'complaint', id: 1 }, { at: '2026-03-01T02:00:00.000000Z', type: 'complaint', id: 9 }) // < 0
 */
export function compareKeys(a: TimelineKey, b: TimelineKey): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  return b.id - a.id;
}

/**
 * K-way merge of lists each already in timeline order, taking the first `count` entries.
 * @example mergeTimelines([services, complaints], 21)
 */
export function mergeTimelines(lists: readonly KeyedTimelineEntry[][], count: number): KeyedTimelineEntry[] {
  const heads = lists.map(() => 0);
  const merged: KeyedTimelineEntry[] = [];
  while (merged.length < count) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const candidate = lists[i]![heads[i]!];
      if (candidate && (best < 0 || compareKeys(candidate.key, lists[best]![heads[best]!]!.key) < 0)) best = i;
    }
    if (best < 0) break;
    merged.push(lists[best]![heads[best]!++]!);
  }
  return merged;
}

const INSTANT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** @example encodeTimelineCursor({ at: '2026-03-02T02:00:00.000000Z', type: 'service_record', id: 7 }) */
export const encodeTimelineCursor = (key: TimelineKey): string => Buffer.from(JSON.stringify([key.at, key.type, key.id])).toString('base64url');

/**
 * The key a cursor names; a cursor that is not one of ours is `timeline.cursor_invalid` (422).
 * @example decodeTimelineCursor(page.next_cursor) // { at: '2026-03-02T02:00:00.000000Z', type: 'service_record', id: 7 }
 */
export function decodeTimelineCursor(cursor: string): TimelineKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('shape');
    const [at, type, id] = parsed as [unknown, unknown, unknown];
    if (typeof at !== 'string' || !INSTANT_KEY.test(at) || Number.isNaN(Date.parse(at))) throw new Error('at');
    if (!TIMELINE_TYPES.includes(type as TimelineType)) throw new Error('type');
    if (!Number.isSafeInteger(id) || (id as number) <= 0) throw new Error('id');
    return { at, type: type as TimelineType, id: id as number };
  } catch {
    throw new ApiError('timeline.cursor_invalid');
  }
}
