import { backtestChurnModel, chooseHighRiskThreshold, splitByCustomer, type ChurnBacktest } from './churn-backtest.ts';
import { fitLogistic, sigmoid } from '../../../platform/logistic-regression.ts';
import { HEALTH_FEATURE_NAMES, type HealthFeatures } from './health-features.ts';

export type { ChurnBacktest } from './churn-backtest.ts';

/**
 * One labelled observation: a customer's features at some moment and whether the customer left within the
 * label horizon after it. `customer` keeps all snapshots of one customer on the same side of the split;
 * `days_to_churn` (days from the snapshot to leaving, null for stayers) lets the backtest measure lead time.
 */
export type ChurnExample = { features: HealthFeatures; churned: boolean; customer?: string; days_to_churn?: number | null };

/** Everything needed to score a customer; stored as `churn_models.parameters`. */
export type ChurnModelParameters = {
  kind: 'logistic-regression';
  features: string[];
  means: number[];
  scales: number[];
  imputation: number[];
  weights: number[];
  bias: number;
  /** Platt scaling of the raw log-odds: p = σ(a·logit + b). */
  calibration: { a: number; b: number };
  high_risk_threshold: number;
};

export type TrainChurnOptions = { seed?: number; l2?: number; epochs?: number; targetRecall?: number };

const CALIBRATION_SHARE = 0.2;
const TEST_SHARE = 0.25;

/**
 * Trains a logistic regression (batch gradient descent, L2 — by default max(0.001, 10 / rows), standardised features, nulls imputed with the
 * training median), Platt-calibrates it on a slice of the training customers, picks the high-risk threshold on
 * the training part for `targetRecall` of churners, and backtests it on the 25% of customers held out.
 * Deterministic for a given seed.
 * @example
 * const { parameters, backtest } = trainChurnModel(examples, { seed: 7 });
 * backtest.roc_auc // 0.86 on held-out customers
 */
export function trainChurnModel(examples: readonly ChurnExample[], options: TrainChurnOptions = {}): { parameters: ChurnModelParameters; backtest: ChurnBacktest } {
  const { seed = 1, epochs = 150, targetRecall = 0.9 } = options;
  const split = splitByCustomer(examples, seed, TEST_SHARE);
  const fitAndSlice = splitByCustomer(split.train.map((i) => examples[i]!), seed + 1, CALIBRATION_SHARE);
  const fitIdx = fitAndSlice.train.map((i) => split.train[i]!);
  const sliceIdx = fitAndSlice.test.map((i) => split.train[i]!);
  const churnersIn = (idx: number[]) => idx.filter((i) => examples[i]!.churned).length;
  if (churnersIn(fitIdx) < 2 || churnersIn(sliceIdx) < 1 || churnersIn(split.test) < 1) {
    throw new Error(`Too few churners to train and backtest a churn model (${examples.filter((e) => e.churned).length} churned examples): each of the fit, calibration and test parts needs some.`);
  }

  const d = HEALTH_FEATURE_NAMES.length;
  const matrix = new Float64Array(examples.length * d); // NaN marks a missing value until imputed
  examples.forEach((e, i) => HEALTH_FEATURE_NAMES.forEach((name, j) => {
    const v = e.features[name];
    matrix[i * d + j] = v === null || !Number.isFinite(v) ? Number.NaN : v;
  }));
  const column = (j: number) => Float64Array.from(fitIdx, (i) => matrix[i * d + j]!);
  const imputation = HEALTH_FEATURE_NAMES.map((_, j) => median(column(j).filter((v) => !Number.isNaN(v))));
  for (let k = 0; k < matrix.length; k++) if (Number.isNaN(matrix[k])) matrix[k] = imputation[k % d]!;
  const means = HEALTH_FEATURE_NAMES.map((_, j) => mean(column(j)));
  const scales = HEALTH_FEATURE_NAMES.map((_, j) => {
    const sd = Math.sqrt(mean(column(j).map((v) => (v - means[j]!) ** 2)));
    return sd > 1e-9 ? sd : 1;
  });
  for (let k = 0; k < matrix.length; k++) matrix[k] = (matrix[k]! - means[k % d]!) / scales[k % d]!;

  // A few hundred rows (a small tenant's CSV) overfit 21 weights: shrink harder the less data there is.
  const l2 = options.l2 ?? Math.max(1e-3, 10 / fitIdx.length);
  const { weights, bias } = fitLogistic(matrix, d, fitIdx, fitIdx.map((i) => examples[i]!.churned), l2, epochs);
  const logitOf = (i: number) => {
    let z = bias;
    for (let j = 0; j < d; j++) z += weights[j]! * matrix[i * d + j]!;
    return z;
  };
  const calibration = fitPlatt(sliceIdx.map(logitOf), sliceIdx.map((i) => examples[i]!.churned));
  const probabilityOf = (i: number) => sigmoid(calibration.a * logitOf(i) + calibration.b);

  const probabilities = examples.map((_, i) => probabilityOf(i));
  const trainExamples = split.train.map((i) => examples[i]!);
  // The held-out customers are the new cohort the backtest measures: a third as many as the training ones.
  const high_risk_threshold = chooseHighRiskThreshold(split.train.map((i) => probabilities[i]!), trainExamples, targetRecall, TEST_SHARE / (1 - TEST_SHARE));
  const parameters: ChurnModelParameters = {
    kind: 'logistic-regression',
    features: [...HEALTH_FEATURE_NAMES],
    means,
    scales,
    imputation,
    weights,
    bias,
    calibration,
    high_risk_threshold,
  };
  const backtest = backtestChurnModel(
    split.test.map((i) => probabilities[i]!),
    split.test.map((i) => examples[i]!),
    high_risk_threshold,
    split.train.length,
  );
  return { parameters, backtest };
}

/**
 * The calibrated probability (0–1) that the customer leaves within the label horizon (180 days for models
 * trained on the history generator).
 * @example churnProbability(parameters, features) // 0.27
 */
export function churnProbability(parameters: ChurnModelParameters, features: HealthFeatures): number {
  const z = standardise(parameters, features);
  const logit = parameters.bias + dot(parameters.weights, z);
  return sigmoid(parameters.calibration.a * logit + parameters.calibration.b);
}

/**
 * Why the probability is what it is: each feature's signed share of the calibrated log-odds against an
 * average customer of the training data (positive pushes towards churn), largest |contribution| first.
 * @example churnFactors(parameters, features)[0] // { feature: 'overdue_ratio', contribution: 0.84 }
 */
export function churnFactors(parameters: ChurnModelParameters, features: HealthFeatures): { feature: string; contribution: number }[] {
  const z = standardise(parameters, features);
  return parameters.features
    .map((feature, j) => ({ feature, contribution: parameters.calibration.a * parameters.weights[j]! * z[j]! }))
    .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
}

function standardise(parameters: ChurnModelParameters, features: HealthFeatures): number[] {
  return parameters.features.map((name, j) => {
    const raw = (features as Record<string, number | null | undefined>)[name];
    const value = raw === null || raw === undefined || !Number.isFinite(raw) ? parameters.imputation[j]! : raw;
    return (value - parameters.means[j]!) / parameters.scales[j]!;
  });
}

/** Platt scaling by Newton's method on the summed log loss, with Platt's smoothed targets against overconfidence. */
function fitPlatt(logits: number[], labels: boolean[]): { a: number; b: number } {
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    logits.forEach((s, i) => {
      const p = sigmoid(a * s + b);
      const error = p - (labels[i] ? hi : lo);
      const curvature = Math.max(p * (1 - p), 1e-12);
      ga += error * s; gb += error;
      haa += curvature * s * s; hab += curvature * s; hbb += curvature;
    });
    // A weak pull towards the identity (a = 1, b = 0): negligible on hundreds of rows, finite on a separable slice.
    ga += a - 1; gb += b; haa += 1; hbb += 1;
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  // A non-positive slope would invert the ranking the model learnt; keep the raw model then.
  return a > 0 && Number.isFinite(a) && Number.isFinite(b) ? { a, b } : { a: 1, b: 0 };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? 0 : sum / values.length;
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
