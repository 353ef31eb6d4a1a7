import type { HealthBand } from '../health/health.public.ts';
import type { RiskCause } from './risk-alerts.schema.ts';

/** When a health change opens an alert (the tenant's health policy `alert_rules`). */
export type RiskRules = { fall_points: number; churn_probability: number };

/** What the health recomputation knows about one customer: the score before, now, and 30 days ago. */
export type HealthChange = {
  customerId: number;
  previous: { score: number; band: HealthBand } | null;
  current: { score: number; band: HealthBand; churn_probability: number | null };
  /** The score of the history row 30 days back (or the oldest within 30 days); null without history. */
  score30dAgo: number | null;
};

/** A cause that fired, with the facts that made it fire (shown as the alert's trigger). */
export type RiskSignal = { customerId: number; cause: RiskCause; trigger: Record<string, unknown> };

const BAND_RANK: Record<HealthBand, number> = { green: 2, yellow: 1, red: 0 };

/**
 * The risk causes a health change fires (REQ-016-010 and the supplement: a band drop, a fall of N points
 * within 30 days, or a churn probability over the threshold). Pure; one signal per cause at most.
 * @example detectRiskSignals({ customerId: 1, previous: { score: 72, band: 'green' }, current: { score: 55, band: 'yellow', churn_probability: 0.2 }, score30dAgo: 80 }, { fall_points: 15, churn_probability: 0.6 })
 * // [{ cause: 'band_drop', … }, { cause: 'score_fall', … }]
 */
export function detectRiskSignals(change: HealthChange, rules: RiskRules): RiskSignal[] {
  const { customerId, previous, current } = change;
  const signals: RiskSignal[] = [];
  if (previous && BAND_RANK[current.band] < BAND_RANK[previous.band]) {
    signals.push({ customerId, cause: 'band_drop', trigger: { from_band: previous.band, to_band: current.band, from_score: previous.score, to_score: current.score } });
  }
  if (change.score30dAgo !== null && change.score30dAgo - current.score >= rules.fall_points) {
    signals.push({ customerId, cause: 'score_fall', trigger: { score_30d_ago: change.score30dAgo, score: current.score, fall: change.score30dAgo - current.score, threshold: rules.fall_points } });
  }
  if (current.churn_probability !== null && current.churn_probability >= rules.churn_probability) {
    signals.push({ customerId, cause: 'churn_probability', trigger: { churn_probability: current.churn_probability, threshold: rules.churn_probability, score: current.score } });
  }
  return signals;
}
