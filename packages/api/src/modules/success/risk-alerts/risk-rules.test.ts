import { describe, expect, it } from 'vitest';
import { detectRiskSignals, type HealthChange } from './risk-rules.ts';

const rules = { fall_points: 15, churn_probability: 0.6 };
const change = (overrides: Partial<HealthChange>): HealthChange => ({
  customerId: 7,
  previous: { score: 75, band: 'green' },
  current: { score: 74, band: 'green', churn_probability: 0.1 },
  score30dAgo: 76,
  ...overrides,
});
const causes = (c: HealthChange) => detectRiskSignals(c, rules).map((s) => s.cause);

describe('detectRiskSignals', () => {
  it.each([
    ['a stable green customer', change({}), []],
    ['green → yellow', change({ current: { score: 65, band: 'yellow', churn_probability: 0.2 } }), ['band_drop']],
    ['yellow → red', change({ previous: { score: 45, band: 'yellow' }, current: { score: 38, band: 'red', churn_probability: 0.3 }, score30dAgo: 46 }), ['band_drop']],
    ['green → red, 40 points in 30 days, likely to churn', change({ current: { score: 35, band: 'red', churn_probability: 0.8 }, score30dAgo: 75 }), ['band_drop', 'score_fall', 'churn_probability']],
    ['a fall of exactly the threshold within the band', change({ previous: { score: 98, band: 'green' }, current: { score: 85, band: 'green', churn_probability: 0.1 }, score30dAgo: 100 }), ['score_fall']],
    ['a fall just under the threshold', change({ current: { score: 62, band: 'green', churn_probability: 0.1 }, score30dAgo: 76 }), []],
    ['a rise (red → yellow) opens nothing', change({ previous: { score: 35, band: 'red' }, current: { score: 45, band: 'yellow', churn_probability: 0.4 }, score30dAgo: 30 }), []],
    ['the first score ever: no previous band, no history', change({ previous: null, score30dAgo: null, current: { score: 30, band: 'red', churn_probability: 0.7 } }), ['churn_probability']],
    ['no churn model or cold start value', change({ current: { score: 74, band: 'green', churn_probability: null } }), []],
  ])('%s', (_label, input, expected) => {
    expect(causes(input)).toEqual(expected);
  });

  it('says what fired in the trigger', () => {
    const [fall] = detectRiskSignals(change({ current: { score: 50, band: 'yellow', churn_probability: 0.1 }, score30dAgo: 80, previous: { score: 52, band: 'yellow' } }), rules);
    expect(fall).toEqual({ customerId: 7, cause: 'score_fall', trigger: { score_30d_ago: 80, score: 50, fall: 30, threshold: 15 } });
  });
});
