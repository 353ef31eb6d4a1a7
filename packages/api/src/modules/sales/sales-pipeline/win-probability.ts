import { fitLogistic, sigmoid } from '../../../platform/logistic-regression.ts';

/** What the win model reads of an opportunity, at the moment it is judged. */
export type WinFeatures = {
  amount: number;
  /** Probability (0–100) of the stage it is in (for a closed one: the last open stage before closing). */
  stage_probability: number;
  days_open: number;
  days_in_stage: number;
  has_next_step: boolean;
  /** Customer level 1 normal … 4 strategic. */
  customer_level: number;
  source: string | null;
};
export type WinExample = { features: WinFeatures; won: boolean };

export const WIN_FEATURE_NAMES = ['log_amount', 'stage_probability', 'days_open', 'days_since_stage_change', 'has_next_step', 'customer_level', 'source_win_rate'] as const;
export type WinFeatureName = (typeof WIN_FEATURE_NAMES)[number];

export type WinModel = {
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
  /** Smoothed win rate per source seen in training, and the overall rate for unknown sources. */
  source_rates: Record<string, number>;
  base_rate: number;
  training_size: number;
};
export type WinFactor = { feature: WinFeatureName; value: number; contribution: number };

/** Closed opportunities needed before a learnt model replaces the stage probability. */
export const MIN_TRAINING_SIZE = 20;
/** Pseudo-count pulling a source's win rate towards the overall rate. */
const SOURCE_PRIOR = 3;

function rawVector(f: WinFeatures, sourceRate: number): number[] {
  return [Math.log1p(Math.max(0, f.amount)), f.stage_probability, f.days_open, f.days_in_stage, f.has_next_step ? 1 : 0, f.customer_level, sourceRate];
}

/**
 * Trains a logistic regression of "won" over the tenant's closed opportunities: standardised features, full-batch
 * gradient descent with a light L2 penalty, deterministic. The source enters as its smoothed win rate
 * (leave-one-out during training, so an example does not vote for itself).
 * @example const model = trainWinModel(examples); winProbability(model, features).probability // 0.73
 */
export function trainWinModel(examples: readonly WinExample[], options: { epochs?: number; l2?: number } = {}): WinModel {
  const { epochs = 400, l2 = 0.01 } = options;
  const n = examples.length;
  const wins = examples.filter((e) => e.won).length;
  const base_rate = n === 0 ? 0.5 : wins / n;
  const bySource = new Map<string, { won: number; total: number }>();
  for (const e of examples) {
    const key = e.features.source ?? '';
    const s = bySource.get(key) ?? { won: 0, total: 0 };
    s.won += e.won ? 1 : 0;
    s.total += 1;
    bySource.set(key, s);
  }
  const smoothed = (won: number, total: number) => (won + SOURCE_PRIOR * base_rate) / (total + SOURCE_PRIOR);
  const rows = examples.map((e) => {
    const s = bySource.get(e.features.source ?? '')!;
    return rawVector(e.features, smoothed(s.won - (e.won ? 1 : 0), s.total - 1));
  });
  const d = WIN_FEATURE_NAMES.length;
  const means = Array.from({ length: d }, (_, j) => rows.reduce((sum, r) => sum + r[j]!, 0) / Math.max(1, n));
  const scales = Array.from({ length: d }, (_, j) => {
    const sd = Math.sqrt(rows.reduce((sum, r) => sum + (r[j]! - means[j]!) ** 2, 0) / Math.max(1, n));
    return sd > 1e-9 ? sd : 1;
  });
  const matrix = Float64Array.from(rows.flatMap((r) => r.map((v, j) => (v - means[j]!) / scales[j]!)));
  const { weights, bias } = fitLogistic(matrix, d, examples.map((_, i) => i), examples.map((e) => e.won), l2, epochs);
  const source_rates = Object.fromEntries([...bySource.entries()].map(([key, s]) => [key, smoothed(s.won, s.total)]));
  return { means, scales, weights, bias, source_rates, base_rate, training_size: n };
}

/**
 * The learnt probability (0–1) that an opportunity is won, with the factors that drive it: each feature's
 * coefficient × standardised value (positive pushes towards winning), largest |contribution| first.
 * @example winProbability(model, features).factors[0] // { feature: 'stage_probability', value: 75, contribution: 1.2 }
 */
export function winProbability(model: WinModel, features: WinFeatures): { probability: number; factors: WinFactor[] } {
  const raw = rawVector(features, model.source_rates[features.source ?? ''] ?? model.base_rate);
  const contributions = raw.map((v, j) => model.weights[j]! * ((v - model.means[j]!) / model.scales[j]!));
  const probability = sigmoid(model.bias + contributions.reduce((a, b) => a + b, 0));
  const factors = WIN_FEATURE_NAMES.map((feature, j) => ({ feature, value: Math.round(raw[j]! * 1000) / 1000, contribution: Math.round(contributions[j]! * 1000) / 1000 })).sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution),
  );
  return { probability: Math.round(probability * 1000) / 1000, factors };
}
