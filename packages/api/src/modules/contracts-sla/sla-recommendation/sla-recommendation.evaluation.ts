import { SLA_TIER_CODES, SLA_TIER_NAMES_ZH, tierIndex, type ServiceHours, type SlaProfile, type SlaRecommendation, type SlaTierCode } from './sla-recommendation.types.ts';

/** One labelled case of the evaluation set. */
export type SlaEvalCase = {
  id: string;
  /** Sampled by the generator, or one of the hand-written borderline cases. */
  source: 'sampled' | 'borderline';
  note?: string;
  profile: SlaProfile;
  expected_tier: SlaTierCode;
  expected_service_hours: ServiceHours;
  /** The expert-rule steps that produced the label, for whoever reviews a mismatch. */
  label_trail: string[];
};

/** The committed evaluation set (fixtures/sla-eval-set.json). */
export type SlaEvalSet = { seed: number; labelled_by: string; cases: SlaEvalCase[] };

/** A case where the model and the expert disagree. */
export type SlaMismatch = { id: string; note?: string; expected: SlaTierCode; actual: SlaTierCode; score: number; confidence: number; label_trail: string[] };

/** Match rate, per-tier precision and recall, confusion matrix (rows expected, columns recommended), mismatches. */
export type SlaEvaluation = {
  cases: number;
  matched: number;
  match_rate: number;
  service_hours_match_rate: number;
  per_tier: Record<SlaTierCode, { support: number; predicted: number; precision: number; recall: number }>;
  confusion: number[][];
  /** Match rate among recommendations at or above each confidence level, to see that confidence means something. */
  by_confidence: { min_confidence: number; cases: number; match_rate: number }[];
  mismatches: SlaMismatch[];
};

/**
 * Runs the recommender over labelled cases and compares tier by tier.
 * @example evaluateSlaModel(set.cases, (profile) => recommendSla(profile, catalogue)).match_rate // 0.97
 */
export function evaluateSlaModel(cases: readonly SlaEvalCase[], recommend: (profile: SlaProfile) => SlaRecommendation): SlaEvaluation {
  const size = SLA_TIER_CODES.length;
  const confusion = Array.from({ length: size }, () => Array<number>(size).fill(0));
  const mismatches: SlaMismatch[] = [];
  const results: { confidence: number; matched: boolean }[] = [];
  let hoursMatched = 0;
  for (const evalCase of cases) {
    const recommendation = recommend(evalCase.profile);
    confusion[tierIndex(evalCase.expected_tier)]![tierIndex(recommendation.tier)]! += 1;
    const matched = recommendation.tier === evalCase.expected_tier;
    results.push({ confidence: recommendation.confidence, matched });
    if (recommendation.service_hours === evalCase.expected_service_hours) hoursMatched += 1;
    if (!matched) {
      mismatches.push({ id: evalCase.id, ...(evalCase.note ? { note: evalCase.note } : {}), expected: evalCase.expected_tier, actual: recommendation.tier, score: recommendation.score, confidence: recommendation.confidence, label_trail: evalCase.label_trail });
    }
  }
  const matched = cases.length - mismatches.length;
  const per_tier = Object.fromEntries(
    SLA_TIER_CODES.map((code, index) => {
      const support = confusion[index]!.reduce((sum, n) => sum + n, 0);
      const predicted = confusion.reduce((sum, row) => sum + row[index]!, 0);
      const hits = confusion[index]![index]!;
      return [code, { support, predicted, precision: ratio(hits, predicted), recall: ratio(hits, support) }];
    }),
  ) as SlaEvaluation['per_tier'];
  const by_confidence = [0.5, 0.7, 0.9].map((min_confidence) => {
    const selected = results.filter((result) => result.confidence >= min_confidence);
    return { min_confidence, cases: selected.length, match_rate: ratio(selected.filter((result) => result.matched).length, selected.length) };
  });
  return { cases: cases.length, matched, match_rate: ratio(matched, cases.length), service_hours_match_rate: ratio(hoursMatched, cases.length), per_tier, confusion, by_confidence, mismatches };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The evaluation as the `sla:eval` command prints it. */
export function formatEvaluation(evaluation: SlaEvaluation): string {
  const lines: string[] = [];
  const names = SLA_TIER_CODES.map((code) => `${SLA_TIER_NAMES_ZH[code]} ${code}`);
  lines.push(`cases: ${evaluation.cases}`);
  lines.push(`tier match rate: ${pct(evaluation.match_rate)} (${evaluation.matched}/${evaluation.cases}, target ≥ 95%)`);
  lines.push(`service hours match rate: ${pct(evaluation.service_hours_match_rate)}`);
  lines.push('', 'per tier:            support  predicted  precision  recall');
  SLA_TIER_CODES.forEach((code, index) => {
    const t = evaluation.per_tier[code];
    lines.push(`  ${names[index]!.padEnd(18)}${String(t.support).padStart(7)}${String(t.predicted).padStart(11)}${pct(t.precision).padStart(11)}${pct(t.recall).padStart(8)}`);
  });
  lines.push('', 'confusion matrix (rows: expert label, columns: recommendation):');
  lines.push(`  ${''.padEnd(18)}${SLA_TIER_CODES.map((code) => code.padStart(10)).join('')}`);
  evaluation.confusion.forEach((row, index) => lines.push(`  ${names[index]!.padEnd(18)}${row.map((n) => String(n).padStart(10)).join('')}`));
  lines.push('', 'match rate by confidence:');
  for (const bucket of evaluation.by_confidence) lines.push(`  confidence ≥ ${bucket.min_confidence.toFixed(1)}: ${pct(bucket.match_rate)} of ${bucket.cases}`);
  lines.push('', `mismatches (${evaluation.mismatches.length}):`);
  for (const m of evaluation.mismatches) {
    lines.push(`  ${m.id} expected ${m.expected}, got ${m.actual} (score ${m.score}, confidence ${m.confidence})${m.note ? ` — ${m.note}` : ''}`);
    lines.push(`      ${m.label_trail.join(' | ')}`);
  }
  return lines.join('\n');
}
