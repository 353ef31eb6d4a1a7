import { describe, expect, it } from 'vitest';
import { linearForecast, trendOf } from './portfolio-forecast.ts';

describe('linearForecast', () => {
  it.each([
    { name: 'a perfect line forecasts itself with no width', values: [10, 20, 30, 40], horizon: 2, expected: [{ value: 50, low: 50, high: 50 }, { value: 60, low: 60, high: 60 }] },
    { name: 'a flat series stays flat', values: [5, 5, 5], horizon: 1, expected: [{ value: 5, low: 5, high: 5 }] },
    { name: 'fewer than 3 points: no forecast', values: [1, 2], horizon: 3, expected: [] },
    { name: 'nulls are skipped, not zeros', values: [null, 2, null, 1], horizon: 1, expected: [] },
    { name: 'horizon 0: no forecast', values: [1, 2, 3], horizon: 0, expected: [] },
  ])('$name', ({ values, horizon, expected }) => {
    expect(linearForecast(values, horizon)).toEqual(expected);
  });

  it('noise widens the interval around the same line, and it widens further out', () => {
    const clean = linearForecast([10, 20, 30, 40, 50, 60], 3);
    const noisy = linearForecast([12, 17, 33, 38, 52, 58], 3);
    expect(clean[0]!.high - clean[0]!.low).toBe(0);
    const width = (p: { low: number; high: number }) => p.high - p.low;
    expect(width(noisy[0]!)).toBeGreaterThan(5);
    expect(width(noisy[2]!)).toBeGreaterThan(width(noisy[0]!));
    expect(noisy[0]!.low).toBeLessThan(noisy[0]!.value);
    expect(noisy[0]!.high).toBeGreaterThan(noisy[0]!.value);
    expect(noisy[0]!.value).toBeCloseTo(69.4, 0);
  });

  it('known interval: residual error × t(0.9, n−2) × sqrt(1 + 1/n + (x−x̄)²/Sxx)', () => {
    // y = 0,2,1,3 on x = 0..3: slope 0.8, intercept 0.3, SSE 1.8, s = sqrt(0.9), t(2) = 1.886; at x = 4: 3.5.
    const [point] = linearForecast([0, 2, 1, 3], 1);
    const half = 1.886 * Math.sqrt(0.9) * Math.sqrt(1 + 1 / 4 + (4 - 1.5) ** 2 / 5);
    expect(point!.value).toBeCloseTo(3.5, 4);
    expect(point!.low).toBeCloseTo(3.5 - half, 3);
    expect(point!.high).toBeCloseTo(3.5 + half, 3);
  });

  it('bounds clamp a rate into 0…1', () => {
    const [point] = linearForecast([0.3, 0.2, 0.1], 1, { min: 0, max: 1 });
    expect(point).toEqual({ value: 0, low: 0, high: 0 });
  });
});

describe('trendOf', () => {
  it.each([
    { values: [1, 2, 3], trend: 'up' },
    { values: [3, 2, 1], trend: 'down' },
    { values: [100, 101, 100, 100.5], trend: 'flat' },
    { values: [0, 0, 0], trend: 'flat' },
    { values: [null, 4], trend: 'flat' },
    { values: [4, null, null, 2], trend: 'down' },
  ])('$values → $trend', ({ values, trend }) => {
    expect(trendOf(values)).toBe(trend);
  });
});
