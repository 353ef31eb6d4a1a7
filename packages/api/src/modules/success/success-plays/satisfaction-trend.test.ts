import { describe, expect, it } from 'vitest';
import { satisfactionTrend, type Rating } from './satisfaction-trend.ts';

const day = (n: number) => new Date(Date.UTC(2026, 2, n, 2));
const ratings = (...values: number[]): Rating[] => values.map((rating, i) => ({ source: i % 2 ? 'complaint' : 'service_record', id: i + 1, rating, rated_at: day(i + 1) }));

describe('satisfactionTrend', () => {
  it.each([
    ['5 → 4 → 3 falls', [5, 4, 3], true],
    ['4 → 4 → 2 falls (non-increasing, one strict fall)', [4, 4, 2], true],
    ['only the latest three count: 1 → 5 → 4 → 3', [1, 5, 4, 3], true],
    ['flat 3 → 3 → 3 is not a fall', [3, 3, 3], false],
    ['5 → 5 → 4 ends above 3', [5, 5, 4], false],
    ['a rise breaks it: 4 → 2 → 3', [4, 2, 3], false],
    ['two ratings are too few', [5, 2], false],
  ])('%s', (_, values, falling) => {
    expect(satisfactionTrend(ratings(...values)).falling).toBe(falling);
  });

  it('sorts by time whatever the order and keeps the facts of the window', () => {
    const trend = satisfactionTrend(ratings(1, 5, 4, 2).reverse());
    expect(trend).toMatchObject({ falling: true, latest: 2, drop: 3 });
    expect(trend.ratings.map((r) => [r.source, r.rating])).toEqual([['complaint', 5], ['service_record', 4], ['complaint', 2]]);
    expect(trend.ratings[0]!.rated_at).toBe(day(2).toISOString());
  });

  it('takes its thresholds as parameters', () => {
    expect(satisfactionTrend(ratings(5, 5, 4), { window: 3, max_latest: 4 }).falling).toBe(true);
    expect(satisfactionTrend(ratings(5, 4), { window: 2, max_latest: 4 }).falling).toBe(true);
    expect(satisfactionTrend(ratings(5, 4, 3, 2), { window: 4, max_latest: 1 }).falling).toBe(false);
  });
});
