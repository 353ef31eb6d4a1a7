import { describe, expect, it } from 'vitest';
import { readEvalSet, SAMPLE_CATALOGUE } from './fixtures/eval-set.ts';
import { generateEvalSet } from './fixtures/generate-eval-set.ts';
import { evaluateSlaModel, formatEvaluation, type SlaEvalCase } from './sla-recommendation.evaluation.ts';
import { recommendSla } from './sla-recommendation.model.ts';

const committed = readEvalSet();
const evaluation = evaluateSlaModel(committed.cases, (profile) => recommendSla(profile, SAMPLE_CATALOGUE));

describe('the committed evaluation set', () => {
  it('holds at least 300 labelled cases, hard borderline ones among them, every tier represented', () => {
    expect(committed.cases.length).toBeGreaterThanOrEqual(300);
    expect(committed.cases.filter((c) => c.source === 'borderline').length).toBeGreaterThanOrEqual(30);
    expect(new Set(committed.cases.map((c) => c.expected_tier))).toEqual(new Set(['standard', 'premium', 'elite', 'strategic']));
    expect(new Set(committed.cases.map((c) => c.id)).size).toBe(committed.cases.length);
  });

  it('is what the generator and the written rules produce for its seed (the fixture is not stale)', () => {
    expect(generateEvalSet(committed.seed)).toEqual(committed);
  });

  it('the recommender matches the expert label on at least 95% of the cases (REQ-016-009)', () => {
    expect(evaluation.match_rate).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.service_hours_match_rate).toBeGreaterThanOrEqual(0.95);
  });
});

describe('evaluateSlaModel', () => {
  const someCase = (id: string, expected: SlaEvalCase['expected_tier'], level: 1 | 2 | 3 | 4): SlaEvalCase => ({
    id,
    source: 'sampled',
    profile: { customer_level: level, industry: '制造', scale: '中型企业', annual_contract_value: [100_000, 400_000, 1_500_000, 5_000_000][level - 1]!, covered_services: ['onsite_support'], history: null },
    expected_tier: expected,
    expected_service_hours: level >= 3 ? '7x24' : '5x8',
    label_trail: ['test'],
  });

  it('counts matches, the confusion matrix, precision and recall, and lists mismatches', () => {
    const cases = [someCase('a', 'standard', 1), someCase('b', 'premium', 2), someCase('c', 'premium', 3), someCase('d', 'strategic', 4)];
    const result = evaluateSlaModel(cases, (profile) => recommendSla(profile, SAMPLE_CATALOGUE));
    expect(result).toMatchObject({ cases: 4, matched: 3, match_rate: 0.75 });
    expect(result.confusion[1]).toEqual([0, 1, 1, 0]);
    expect(result.per_tier.premium).toEqual({ support: 2, predicted: 1, precision: 1, recall: 0.5 });
    expect(result.per_tier.elite).toEqual({ support: 0, predicted: 1, precision: 0, recall: 0 });
    expect(result.mismatches).toEqual([expect.objectContaining({ id: 'c', expected: 'premium', actual: 'elite' })]);
  });

  it('prints the report the sla:eval command shows', () => {
    const report = formatEvaluation(evaluation);
    expect(report).toContain(`cases: ${committed.cases.length}`);
    expect(report).toMatch(/tier match rate: \d+\.\d% \(\d+\/\d+, target ≥ 95%\)/);
    expect(report).toContain('confusion matrix');
    expect(report).toContain(`mismatches (${evaluation.mismatches.length})`);
  });
});
