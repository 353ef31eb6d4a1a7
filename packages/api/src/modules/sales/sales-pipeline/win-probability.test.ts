import { describe, expect, it } from 'vitest';
import { trainWinModel, winProbability, type WinExample, type WinFeatures } from './win-probability.ts';

const base: WinFeatures = { amount: 100_000, stage_probability: 50, days_open: 30, days_in_stage: 10, has_next_step: true, customer_level: 2, source: 'website' };

/** Won when late in the pipeline with a next step; referrals win more often. Deterministic. */
function history(count: number): WinExample[] {
  return Array.from({ length: count }, (_, i) => {
    const stage = [10, 25, 50, 75][i % 4]!;
    const hasNext = i % 3 !== 0;
    const source = i % 5 === 0 ? 'referral' : 'website';
    const won = stage >= 50 && hasNext ? i % 7 !== 0 : source === 'referral' && i % 2 === 0;
    return { won, features: { ...base, stage_probability: stage, has_next_step: hasNext, source, days_in_stage: 5 + (i % 11) * 3, amount: 20_000 + (i % 13) * 15_000 } };
  });
}

describe('win probability', () => {
  const model = trainWinModel(history(60));

  it('learns that later stages with a next step win more often', () => {
    const strong = winProbability(model, { ...base, stage_probability: 75, has_next_step: true });
    const weak = winProbability(model, { ...base, stage_probability: 10, has_next_step: false });
    expect(strong.probability).toBeGreaterThan(0.6);
    expect(weak.probability).toBeLessThan(0.3);
    expect(model.training_size).toBe(60);
  });

  it('explains the probability by its factors, largest first', () => {
    const { factors } = winProbability(model, { ...base, stage_probability: 75 });
    expect(factors).toHaveLength(7);
    expect(factors.map((f) => f.feature)).toContain('source_win_rate');
    expect(Math.abs(factors[0]!.contribution)).toBeGreaterThanOrEqual(Math.abs(factors[6]!.contribution));
    expect(factors.find((f) => f.feature === 'stage_probability')!.contribution).toBeGreaterThan(0);
  });

  it('is deterministic and falls back to the overall rate for an unknown source', () => {
    expect(trainWinModel(history(60))).toEqual(model);
    const unknown = winProbability(model, { ...base, source: 'trade-fair' }).factors.find((f) => f.feature === 'source_win_rate')!;
    expect(unknown.value).toBeCloseTo(model.base_rate, 3);
  });
});
