import type { CrmLocale } from '../i18n/i18n.js';

/** The health bands the API scores into. */
export type HealthBand = 'green' | 'yellow' | 'red';

/** Geometry of the gauge's SVG: a semicircle centred at the bottom of a 200 × 110 box. */
export const GAUGE = { cx: 100, cy: 100, r: 80, stroke: 16 } as const;

/** A score held to 0–100, since an arc past either end would wrap around. */
export function clampScore(score: number): number {
  return Math.min(100, Math.max(0, Number.isFinite(score) ? score : 0));
}

/**
 * The point of the gauge's arc at a score: 0 is the left end, 50 the top, 100 the right end.
 *
 * @example gaugePoint(50) // { x: 100, y: 20 }
 */
export function gaugePoint(score: number, radius: number = GAUGE.r): { x: number; y: number } {
  const angle = Math.PI * (1 - clampScore(score) / 100);
  return { x: round(GAUGE.cx + radius * Math.cos(angle)), y: round(GAUGE.cy - radius * Math.sin(angle)) };
}

/**
 * The SVG path of the arc from 0 to `score`: never more than half a circle, so the large-arc flag stays 0.
 * An empty arc for 0 (a zero-length path draws nothing).
 *
 * @example gaugeArc(100) // 'M 20 100 A 80 80 0 0 1 180 100'
 */
export function gaugeArc(score: number): string {
  const start = gaugePoint(0);
  if (clampScore(score) === 0) return '';
  const end = gaugePoint(score);
  return `M ${start.x} ${start.y} A ${GAUGE.r} ${GAUGE.r} 0 0 1 ${end.x} ${end.y}`;
}

/** A history point as the API gives it. */
export type HealthHistoryPoint = { day: string; score: number };

/**
 * The sparkline of a history as SVG polyline points in a `width` × `height` box, oldest left. The vertical scale
 * spans the history's own range (at least 10 points, so a flat line sits in the middle rather than wobbling).
 *
 * @example sparklinePoints([{ day: '2026-11-01', score: 60 }, { day: '2026-11-30', score: 70 }], 100, 20) // '0,18 100,2'
 */
export function sparklinePoints(history: readonly HealthHistoryPoint[], width = 120, height = 32, pad = 2): string {
  if (history.length === 0) return '';
  const scores = history.map((point) => clampScore(point.score));
  let low = Math.min(...scores);
  let high = Math.max(...scores);
  if (high - low < 10) {
    const middle = (high + low) / 2;
    low = middle - 5;
    high = middle + 5;
  }
  const y = (score: number) => round(pad + (height - 2 * pad) * (1 - (score - low) / (high - low)));
  if (scores.length === 1) return `0,${y(scores[0]!)} ${width},${y(scores[0]!)}`;
  const step = width / (scores.length - 1);
  return scores.map((score, index) => `${round(index * step)},${y(score)}`).join(' ');
}

/**
 * A signed whole number as the locale writes it: `+5`, `-3`, `0`.
 *
 * @example signedNumber(5, 'zh-CN') // '+5'
 */
export function signedNumber(value: number, locale: CrmLocale): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value);
}

/** A contribution to the score, as the API gives it. */
export type HealthContribution = {
  factor: string;
  label: { zh: string; en: string };
  value: number | null;
  /** The factor's own 0–100 score; null when it has no data. */
  score: number | null;
  weight: number;
  points: number;
};

/**
 * The factors that weigh most in the score: by points, largest first, keeping the API's order between equals.
 *
 * @example topFactors(contributions, 3).map((c) => c.factor) // ['usage', 'sla', 'satisfaction']
 */
export function topFactors<T extends Pick<HealthContribution, 'points'>>(contributions: readonly T[], count = 3): T[] {
  return contributions
    .map((contribution, index) => ({ contribution, index }))
    .sort((a, b) => b.contribution.points - a.contribution.points || a.index - b.index)
    .slice(0, count)
    .map(({ contribution }) => contribution);
}

/**
 * A number of points as the locale writes it, to one decimal at most.
 *
 * @example formatPoints(24.25, 'en') // '24.3'
 */
export function formatPoints(points: number, locale: CrmLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(points);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
