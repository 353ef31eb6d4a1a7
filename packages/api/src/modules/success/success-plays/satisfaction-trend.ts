/** Where a rating comes from: a ticket's satisfaction rating, a complaint's confirmation, a survey. */
export type RatingSource = 'service_record' | 'complaint' | 'survey';

/** One rating of a customer (1–5), with what it rates and when it was given. */
export type Rating = { source: RatingSource; id: number; rating: number; rated_at: Date };

/** When ratings count as "falling": the latest `window` ratings never rise, fall at least once and end at or below `max_latest`. */
export type SatisfactionRules = { window: number; max_latest: number };

export const DEFAULT_SATISFACTION_RULES: SatisfactionRules = { window: 3, max_latest: 3 };

/** The facts of a falling trend, kept as the alert's trigger. */
export type SatisfactionTrend = {
  falling: boolean;
  /** The ratings read, oldest first (at most `window`). */
  ratings: { source: RatingSource; id: number; rating: number; rated_at: string }[];
  latest: number | null;
  /** First minus latest of the window; 0 when flat or too few ratings. */
  drop: number;
  rules: SatisfactionRules;
};

/**
 * Reads a customer's ratings (any order; sorted here by time) against the "falling over consecutive ratings"
 * rule of the risk-alert flow: the latest `window` (default 3) ratings are non-increasing with at least one
 * strict fall, and the latest is at most `max_latest` (default 3). Fewer ratings than the window never fall.
 * Pure.
 * @example satisfactionTrend([{ source: 'service_record', id: 1, rating: 5, rated_at: d1 }, { source: 'complaint', id: 2, rating: 4, rated_at: d2 }, { source: 'service_record', id: 3, rating: 2, rated_at: d3 }]).falling // true
 */
export function satisfactionTrend(ratings: readonly Rating[], rules: SatisfactionRules = DEFAULT_SATISFACTION_RULES): SatisfactionTrend {
  const window = [...ratings].sort((a, b) => a.rated_at.getTime() - b.rated_at.getTime() || a.id - b.id).slice(-rules.window);
  const values = window.map((r) => r.rating);
  const full = window.length === rules.window && rules.window >= 2;
  const nonIncreasing = values.every((v, i) => i === 0 || v <= values[i - 1]!);
  const strictFall = values.some((v, i) => i > 0 && v < values[i - 1]!);
  const latest = values.at(-1) ?? null;
  const falling = full && nonIncreasing && strictFall && latest !== null && latest <= rules.max_latest;
  return {
    falling,
    ratings: window.map((r) => ({ source: r.source, id: r.id, rating: r.rating, rated_at: r.rated_at.toISOString() })),
    latest,
    drop: full && nonIncreasing ? values[0]! - latest! : 0,
    rules,
  };
}
