import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  baseComplaintModel,
  classifyComplaint,
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  type ComplaintClassification,
  type ComplaintSentiment,
  type ComplaintSeverity,
} from './complaint-classifier.ts';

/** One held-out, hand-labelled complaint from fixtures/complaints-zh.eval.json. */
export type EvalComplaint = { id: string; text: string; category: ComplaintCategory; severity: ComplaintSeverity; sentiment: ComplaintSentiment };

export type CategoryScore = { category: ComplaintCategory; precision: number; recall: number; f1: number; support: number };

export type ComplaintEvaluation = {
  size: number;
  category_accuracy: number;
  category_macro_f1: number;
  severity_accuracy: number;
  sentiment_accuracy: number;
  per_category: CategoryScore[];
  /** confusion[expected][predicted] = count, rows and columns in COMPLAINT_CATEGORIES order. */
  confusion: number[][];
  /** Mean confidence of the predicted category, to compare with the accuracy (calibration at a glance). */
  mean_category_confidence: number;
  misclassified: { id: string; expected: ComplaintCategory; predicted: ComplaintCategory; text: string }[];
};

export const EVAL_SET_PATH = fileURLToPath(new URL('./fixtures/complaints-zh.eval.json', import.meta.url));

/** Reads the committed evaluation set. */
export function readComplaintEvalSet(path = EVAL_SET_PATH): EvalComplaint[] {
  return JSON.parse(readFileSync(path, 'utf8')) as EvalComplaint[];
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

/**
 * Scores a classifier against labelled complaints: accuracies, per-category precision/recall/F1, macro-F1 and the
 * confusion matrix.
 *
 * @example
 * const model = baseComplaintModel();
 * evaluateComplaintClassifier(readComplaintEvalSet(), (text) => classifyComplaint(model, text)).category_accuracy
 */
export function evaluateComplaintClassifier(set: readonly EvalComplaint[], classify: (text: string) => ComplaintClassification): ComplaintEvaluation {
  const n = COMPLAINT_CATEGORIES.length;
  const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let severityHits = 0;
  let sentimentHits = 0;
  let confidenceSum = 0;
  const misclassified: ComplaintEvaluation['misclassified'] = [];
  for (const item of set) {
    const result = classify(item.text);
    const expected = COMPLAINT_CATEGORIES.indexOf(item.category);
    const predicted = COMPLAINT_CATEGORIES.indexOf(result.category.value);
    confusion[expected]![predicted]! += 1;
    if (result.severity.value === item.severity) severityHits += 1;
    if (result.sentiment.value === item.sentiment) sentimentHits += 1;
    confidenceSum += result.category.confidence;
    if (expected !== predicted) misclassified.push({ id: item.id, expected: item.category, predicted: result.category.value, text: item.text });
  }
  const per_category = COMPLAINT_CATEGORIES.map((category, i) => {
    const truePositives = confusion[i]![i]!;
    const predictedCount = confusion.reduce((sum, row) => sum + row[i]!, 0);
    const support = confusion[i]!.reduce((sum, count) => sum + count, 0);
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    return { category, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const correct = confusion.reduce((sum, row, i) => sum + row[i]!, 0);
  return {
    size: set.length,
    category_accuracy: ratio(correct, set.length),
    category_macro_f1: ratio(per_category.reduce((sum, s) => sum + s.f1, 0), n),
    severity_accuracy: ratio(severityHits, set.length),
    sentiment_accuracy: ratio(sentimentHits, set.length),
    per_category,
    confusion,
    mean_category_confidence: ratio(confidenceSum, set.length),
    misclassified,
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A plain-text report: headline metrics, the per-category table and the confusion matrix. */
export function formatComplaintEvaluation(evaluation: ComplaintEvaluation): string {
  const short = (category: string) => category.slice(0, 8).padStart(9);
  const lines = [
    `eval set: ${evaluation.size} complaints`,
    `category accuracy  ${pct(evaluation.category_accuracy)}   macro-F1 ${evaluation.category_macro_f1.toFixed(3)}   (mean confidence ${pct(evaluation.mean_category_confidence)})`,
    `severity accuracy  ${pct(evaluation.severity_accuracy)}`,
    `sentiment accuracy ${pct(evaluation.sentiment_accuracy)}`,
    '',
    `${'category'.padEnd(18)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(7)}${'n'.padStart(5)}`,
    ...evaluation.per_category.map((s) => `${s.category.padEnd(18)}${s.precision.toFixed(3).padStart(10)}${s.recall.toFixed(3).padStart(8)}${s.f1.toFixed(3).padStart(7)}${String(s.support).padStart(5)}`),
    '',
    'confusion (rows = expected, columns = predicted)',
    `${''.padEnd(18)}${COMPLAINT_CATEGORIES.map(short).join('')}`,
    ...evaluation.confusion.map((row, i) => `${COMPLAINT_CATEGORIES[i]!.padEnd(18)}${row.map((count) => String(count).padStart(9)).join('')}`),
  ];
  return lines.join('\n');
}

/**
 * `pnpm --filter @crm/api complaints:eval`: the base model against the held-out evaluation set.
 * `-- --errors` also lists the misclassified items. Exits 1 when category accuracy is below 85%.
 */
export function runComplaintEvaluation(argv: readonly string[]): number {
  const set = readComplaintEvalSet();
  const trainingStart = performance.now();
  const model = baseComplaintModel();
  const trainingMs = performance.now() - trainingStart;
  const classifyStart = performance.now();
  const evaluation = evaluateComplaintClassifier(set, (text) => classifyComplaint(model, text));
  const classifyMs = (performance.now() - classifyStart) / set.length;
  console.log(formatComplaintEvaluation(evaluation));
  console.log(`\ntraining (incl. first jieba dictionary load) ${trainingMs.toFixed(0)} ms; classification ${classifyMs.toFixed(3)} ms per complaint`);
  if (argv.includes('--errors')) {
    console.log('\nmisclassified:');
    for (const miss of evaluation.misclassified) console.log(`  ${miss.id} ${miss.expected} → ${miss.predicted}: ${miss.text}`);
  }
  return evaluation.category_accuracy >= 0.85 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = runComplaintEvaluation(process.argv.slice(2));
