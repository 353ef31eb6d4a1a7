import { describe, expect, it } from 'vitest';
import type { TimelineType } from './customer-timeline.contract.ts';
import { compareKeys, decodeTimelineCursor, encodeTimelineCursor, mergeTimelines } from './timeline-merge.ts';
import type { KeyedTimelineEntry } from './timeline-source.ts';

const at = (minute: number) => `2026-03-02T02:${String(minute).padStart(2, '0')}:00.000000Z`;
const item = (minute: number, type: TimelineType, id: number): KeyedTimelineEntry => ({
  key: { at: at(minute), type, id },
  entry: { type, id, at: '', title: `${type}-${id}`, summary: '', marks: {}, detail: {} },
});
const names = (items: KeyedTimelineEntry[]) => items.map((i) => i.entry.title);

describe('compareKeys', () => {
  it.each([
    [item(5, 'service_record', 1), item(4, 'communication', 9), -1],
    [item(4, 'communication', 1), item(4, 'service_record', 9), -1],
    [item(4, 'complaint', 9), item(4, 'complaint', 1), -1],
    [item(4, 'complaint', 1), item(4, 'complaint', 1), 0],
    [item(3, 'communication', 9), item(4, 'service_record', 1), 1],
  ])('orders newest first, then by type, then highest id (%#)', (a, b, sign) => {
    expect(Math.sign(compareKeys(a.key, b.key))).toBe(sign);
  });

  it('compares microseconds', () => {
    const early = { at: '2026-03-02T02:00:00.123455Z', type: 'complaint' as const, id: 2 };
    const late = { at: '2026-03-02T02:00:00.123456Z', type: 'complaint' as const, id: 1 };
    expect(compareKeys(late, early)).toBeLessThan(0);
  });
});

describe('mergeTimelines', () => {
  const services = [item(9, 'service_record', 3), item(4, 'service_record', 2), item(1, 'service_record', 1)];
  const talks = [item(9, 'communication', 7), item(4, 'communication', 6)];
  const contracts = [item(6, 'contract_event', 5)];

  it('merges sorted lists into one, stopping at the count', () => {
    expect(names(mergeTimelines([services, talks, contracts], 10))).toEqual([
      'communication-7',
      'service_record-3',
      'contract_event-5',
      'communication-6',
      'service_record-2',
      'service_record-1',
    ]);
    expect(names(mergeTimelines([services, talks, contracts], 2))).toEqual(['communication-7', 'service_record-3']);
  });

  it('copes with no lists and empty lists', () => {
    expect(mergeTimelines([], 5)).toEqual([]);
    expect(names(mergeTimelines([[], contracts, []], 5))).toEqual(['contract_event-5']);
  });
});

describe('timeline cursors', () => {
  it('round-trips a key', () => {
    const key = { at: '2026-03-18T06:30:00.123456Z', type: 'complaint' as const, id: 42 };
    expect(decodeTimelineCursor(encodeTimelineCursor(key))).toEqual(key);
  });

  it.each([
    'garbage',
    Buffer.from('[]').toString('base64url'),
    Buffer.from(JSON.stringify(['2026-03-18T06:30:00.123456Z', 'complaint', 0])).toString('base64url'),
    Buffer.from(JSON.stringify(['2026-03-18T06:30:00.123456Z', 'complaint', 1.5])).toString('base64url'),
    Buffer.from(JSON.stringify(['2026-13-18T06:30:00.123456Z', 'complaint', 1])).toString('base64url'),
    Buffer.from(JSON.stringify(['2026-03-18T06:30:00.123456Z', 'task', 1])).toString('base64url'),
  ])('refuses %s', (cursor) => {
    expect(() => decodeTimelineCursor(cursor)).toThrow(expect.objectContaining({ code: 'timeline.cursor_invalid' }));
  });
});
