import { seededRandom } from '../../../seed/seeded-random.ts';
import type { ChurnExample } from './churn-model.ts';

/** How a trained model did on customers it never saw; stored as `churn_models.metrics`. */
export type ChurnBacktest = {
  roc_auc: number;
  /** Share of churned test examples at or above the high-risk threshold. */
  recall_high_risk: number;
  /** Share of test examples at or above the threshold that did churn. */
  precision_high_risk: number;
  /** Share of test examples at or above the threshold (how many customers the CSMs would be asked to look at). */
  high_risk_share: number;
  train_size: number;
  test_size: number;
  churners_in_test: number;
  /** Share of held-out churners whose last snapshot taken ≥ 60 days before leaving is in the high-risk band. */
  lead_time_recall_60d?: number;
};

export const LEAD_TIME_DAYS = 60;

/**
 * Splits examples into train and test by customer (every snapshot of a customer lands on the same side),
 * stratified on whether the customer churned, by a seeded shuffle. Examples without `customer` are their own group.
 * @example splitByCustomer(examples, 1, 0.25) // { train: [0, 1, 4, …], test: [2, 3, …] }
 */
export function splitByCustomer(examples: readonly ChurnExample[], seed: number, testShare: number): { train: number[]; test: number[] } {
  const groups = new Map<string, { indices: number[]; churner: boolean }>();
  examples.forEach((example, i) => {
    const key = example.customer === undefined ? `#${i}` : `c:${example.customer}`;
    const group = groups.get(key) ?? { indices: [], churner: false };
    group.indices.push(i);
    group.churner ||= example.churned;
    groups.set(key, group);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const churner of [true, false]) {
    const stratum = seededShuffle([...groups.values()].filter((g) => g.churner === churner), seed + (churner ? 0 : 7919));
    const testCount = Math.round(stratum.length * testShare);
    stratum.forEach((group, k) => (k < testCount ? test : train).push(...group.indices));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** One-sided 95% normal quantile: the margin below covers 19 cohorts in 20. */
const Z_95 = 1.645;

/**
 * The recall to aim for on the training churners so that a new cohort still reaches `targetRecall`: both the
 * training recall and the new cohort's recall are sample proportions, so the new one falls short of the
 * training one by up to z·√(p(1−p)(1/n + 1/m)) in 19 cases out of 20 (n training churners, m new ones).
 * Without the margin a threshold set at exactly 90% on training data flags fewer than 90% of new churners
 * about half the time. Capped at 1 (small data: flag down to the least likely churner).
 * @example recallToAimFor(0.9, 670, 223) // 0.938
 */
export function recallToAimFor(targetRecall: number, trainChurners: number, newChurners: number): number {
  if (trainChurners === 0 || newChurners <= 0) return targetRecall;
  const margin = Z_95 * Math.sqrt(targetRecall * (1 - targetRecall) * (1 / trainChurners + 1 / newChurners));
  return Math.min(1, targetRecall + margin);
}

/**
 * The highest probability threshold at which at least `targetRecall` of the churners are flagged — of the
 * churners of a new cohort `newCohortRatio` times as large as these examples, with 95% confidence
 * ({@link recallToAimFor}). With lead times known (snapshots of a history), the recall counted is the
 * lead-time one (each churner's snapshot ≥ 60 days before leaving); otherwise it is the share of churned examples.
 * @example chooseHighRiskThreshold([0.9, 0.2, 0.6], examples, 0.9, 1 / 3) // 0.2
 */
export function chooseHighRiskThreshold(probabilities: readonly number[], examples: readonly ChurnExample[], targetRecall: number, newCohortRatio: number): number {
  const lead = leadTimeSnapshots(examples);
  const positives = (lead.length > 0 ? lead : examples.flatMap((e, i) => (e.churned ? [i] : []))).map((i) => probabilities[i]!);
  if (positives.length === 0) return 1;
  positives.sort((a, b) => b - a);
  const aim = recallToAimFor(targetRecall, positives.length, positives.length * newCohortRatio);
  const needed = Math.min(positives.length, Math.max(1, Math.ceil(aim * positives.length - 1e-9)));
  return positives[needed - 1]!;
}

/**
 * The backtest figures of a model's probabilities on held-out examples.
 * @example backtestChurnModel(probs, testExamples, 0.12, 7000).roc_auc // 0.85
 */
export function backtestChurnModel(probabilities: readonly number[], examples: readonly ChurnExample[], threshold: number, trainSize: number): ChurnBacktest {
  const flagged = probabilities.map((p) => p >= threshold);
  const churners = examples.filter((e) => e.churned).length;
  const flaggedCount = flagged.filter(Boolean).length;
  const hits = examples.filter((e, i) => e.churned && flagged[i]).length;
  const lead = leadTimeSnapshots(examples);
  return {
    roc_auc: round(rocAuc(probabilities, examples.map((e) => e.churned))),
    recall_high_risk: round(churners ? hits / churners : 0),
    precision_high_risk: round(flaggedCount ? hits / flaggedCount : 0),
    high_risk_share: round(examples.length ? flaggedCount / examples.length : 0),
    train_size: trainSize,
    test_size: examples.length,
    churners_in_test: churners,
    ...(lead.length > 0 ? { lead_time_recall_60d: round(lead.filter((i) => flagged[i]).length / lead.length) } : {}),
  };
}

/**
 * For each churned customer, the index of its latest labelled-positive snapshot taken at least 60 days before
 * leaving: the moment by which the requirement wants the customer in the high-risk band.
 * @example leadTimeSnapshots(examples) // [12, 40, …]
 */
export function leadTimeSnapshots(examples: readonly ChurnExample[]): number[] {
  const best = new Map<string, { index: number; days: number }>();
  examples.forEach((example, i) => {
    const days = example.days_to_churn;
    if (!example.churned || days === null || days === undefined || days < LEAD_TIME_DAYS) return;
    const key = example.customer ?? `#${i}`;
    const current = best.get(key);
    if (!current || days < current.days) best.set(key, { index: i, days });
  });
  return [...best.values()].map((b) => b.index);
}

/**
 * ROC-AUC as the Mann–Whitney probability that a random churner scores above a random stayer (ties count half).
 * @example rocAuc([0.9, 0.1], [true, false]) // 1
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((s, i) => ({ s, positive: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k]!.positive) { rankSum += averageRank; positives++; }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * A Fisher–Yates shuffle driven by a seeded generator: the same seed gives the same order everywhere.
 * @example seededShuffle([1, 2, 3], 42) // [3, 1, 2]
 */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
