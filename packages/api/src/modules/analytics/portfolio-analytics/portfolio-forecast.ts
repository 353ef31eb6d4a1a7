import { linearRegression, linearRegressionLine, mean } from 'simple-statistics';

export type Trend = 'up' | 'down' | 'flat';
export type ForecastPoint = { value: number; low: number; high: number };

// One-sided 0.90 quantiles of Student's t by degrees of freedom: a two-sided 80% interval.
const T_90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.35, 1.345, 1.341, 1.337, 1.333, 1.33, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31];
const tQuantile80 = (df: number) => T_90[df - 1] ?? (df <= 60 ? 1.296 : 1.282);

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** The non-null values with their period index. */
const pointsOf = (values: readonly (number | null)[]): [number, number][] =>
  values.flatMap((value, index) => (value === null || !Number.isFinite(value) ? [] : [[index, value] as [number, number]]));

/**
 * A least-squares line through the periods and its forecast of the next `horizon` periods, each with an 80%
 * prediction interval from the residual standard error (Student's t, n − 2 degrees of freedom). Null periods are
 * skipped; fewer than 3 points give no forecast. `bounds` clamps values and intervals (a rate stays in 0…1).
 * @example linearForecast([10, 20, 30], 1) // [{ value: 40, low: 40, high: 40 }]
 */
export function linearForecast(values: readonly (number | null)[], horizon: number, bounds: { min?: number; max?: number } = {}): ForecastPoint[] {
  const points = pointsOf(values);
  const n = points.length;
  if (n < 3 || horizon <= 0) return [];
  const line = linearRegressionLine(linearRegression(points));
  const xs = points.map(([x]) => x);
  const xMean = mean(xs);
  const sxx = xs.reduce((sum, x) => sum + (x - xMean) ** 2, 0);
  const sse = points.reduce((sum, [x, y]) => sum + (y - line(x)) ** 2, 0);
  const residualError = Math.sqrt(sse / (n - 2));
  const t = tQuantile80(n - 2);
  const clamp = (v: number) => Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? -Infinity, v));
  return Array.from({ length: horizon }, (_, i) => {
    const x = values.length + i;
    const value = line(x);
    const half = t * residualError * Math.sqrt(1 + 1 / n + (x - xMean) ** 2 / sxx);
    return { value: round(clamp(value)), low: round(clamp(value - half)), high: round(clamp(value + half)) };
  });
}

/**
 * The direction of a series: the fitted change over its span against the mean level. A change under 2% of
 * the level (or fewer than 2 points) is `flat`.
 * @example trendOf([1, 2, 3]) // 'up'
 */
export function trendOf(values: readonly (number | null)[]): Trend {
  const points = pointsOf(values);
  if (points.length < 2) return 'flat';
  const { m } = linearRegression(points);
  const span = points[points.length - 1]![0] - points[0]![0];
  const change = m * span;
  const level = Math.abs(mean(points.map(([, y]) => y)));
  const tolerance = level === 0 ? 1e-9 : level * 0.02;
  if (Math.abs(change) <= tolerance) return 'flat';
  return change > 0 ? 'up' : 'down';
}
