import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CATALOGUE } from './fixtures/eval-set.ts';
import { compareWithBinding, recommendSla, selectVersion } from './sla-recommendation.model.ts';
import { COVERED_SERVICES, tierIndex, type ServiceHistory, type SlaProfile } from './sla-recommendation.types.ts';

const profile = (overrides: Partial<SlaProfile> = {}): SlaProfile => ({
  customer_level: 2,
  industry: '制造',
  scale: '中型企业',
  annual_contract_value: 400_000,
  covered_services: ['onsite_support'],
  history: { tickets_per_month: 20, p1_share: 0.03, after_hours_share: 0.1, breaches_12m: 0 },
  ...overrides,
});
const recommend = (p: SlaProfile) => recommendSla(p, SAMPLE_CATALOGUE);

const historyArb: fc.Arbitrary<ServiceHistory | null> = fc.option(
  fc.record({
    tickets_per_month: fc.double({ min: 0, max: 400, noNaN: true }),
    p1_share: fc.double({ min: 0, max: 0.5, noNaN: true }),
    after_hours_share: fc.double({ min: 0, max: 0.9, noNaN: true }),
    breaches_12m: fc.integer({ min: 0, max: 20 }),
  }),
);
const profileArb: fc.Arbitrary<SlaProfile> = fc.record({
  customer_level: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
  industry: fc.constantFrom('金融', '医疗', '政府', '能源', '电信', '制造', '软件开发', '物流', '教育', '零售', null),
  scale: fc.constantFrom('小型企业', '中型企业', '大型企业', '集团', null),
  annual_contract_value: fc.integer({ min: 0, max: 20_000_000 }),
  covered_services: fc.subarray([...COVERED_SERVICES]),
  history: historyArb,
});

describe('recommendSla: absolute rules', () => {
  it.each([
    ['tiny quiet school contract', profile({ customer_level: 4, industry: '教育', scale: '小型企业', annual_contract_value: 30_000, covered_services: [], history: { tickets_per_month: 2, p1_share: 0, after_hours_share: 0, breaches_12m: 0 } })],
    ['small retail, no history', profile({ customer_level: 4, industry: '零售', scale: '小型企业', annual_contract_value: 80_000, covered_services: [], history: null })],
    ['no industry or scale, zero value', profile({ customer_level: 4, industry: null, scale: null, annual_contract_value: 0, covered_services: [] })],
  ])('a strategic customer never gets less than 尊享: %s', (_label, p) => {
    const recommendation = recommend(p);
    expect(tierIndex(recommendation.tier)).toBeGreaterThanOrEqual(tierIndex('elite'));
    expect(recommendation.service_hours).toBe('7x24');
  });

  it('strategic customers never below 尊享, whatever the profile', () => {
    fc.assert(fc.property(profileArb, (p) => tierIndex(recommend({ ...p, customer_level: 4 }).tier) >= tierIndex('elite')));
  });

  it('战略 is only recommended to strategic customers', () => {
    fc.assert(fc.property(profileArb, (p) => p.customer_level === 4 || recommend(p).tier !== 'strategic'));
    const vipGiant = profile({ customer_level: 3, industry: '电信', scale: '集团', annual_contract_value: 9_000_000, covered_services: [...COVERED_SERVICES], history: { tickets_per_month: 300, p1_share: 0.1, after_hours_share: 0.5, breaches_12m: 6 } });
    expect(recommend(vipGiant)).toMatchObject({ tier: 'elite', score_tier: 'strategic' });
    expect(recommend(vipGiant).reasons.map((r) => r.factor)).toContain('strategic_only');
  });

  it.each([
    ['small retail shop on 6万, P1 15%, after hours 50%', profile({ customer_level: 1, industry: '零售', scale: '小型企业', annual_contract_value: 60_000, covered_services: [], history: { tickets_per_month: 12, p1_share: 0.15, after_hours_share: 0.5, breaches_12m: 0 } })],
    ['P1 exactly 10%, after hours exactly 40%', profile({ customer_level: 1, industry: '物流', scale: '小型企业', annual_contract_value: 80_000, covered_services: [], history: { tickets_per_month: 10, p1_share: 0.1, after_hours_share: 0.4, breaches_12m: 0 } })],
  ])('a P1-heavy after-hours profile forces 7×24 and at least 高级: %s', (_label, p) => {
    const recommendation = recommend(p);
    expect(recommendation).toMatchObject({ tier: 'premium', score_tier: 'standard', service_hours: '7x24', confidence: 0.9 });
    expect(recommendation.reasons.find((r) => r.factor === 'round_the_clock_floor')?.zh).toContain('7×24');
  });

  it('the same shares on too few tickets are noise, not a 7×24 need', () => {
    const recommendation = recommend(profile({ customer_level: 1, industry: '零售', scale: '小型企业', annual_contract_value: 60_000, covered_services: [], history: { tickets_per_month: 4, p1_share: 0.15, after_hours_share: 0.5, breaches_12m: 0 } }));
    expect(recommendation).toMatchObject({ tier: 'standard', service_hours: '5x8' });
  });

  it('P1-heavy after-hours always means 7×24, whatever the profile', () => {
    const heavy = fc.record({ tickets_per_month: fc.double({ min: 5, max: 400, noNaN: true }), p1_share: fc.double({ min: 0.1, max: 0.5, noNaN: true }), after_hours_share: fc.double({ min: 0.4, max: 0.9, noNaN: true }), breaches_12m: fc.integer({ min: 0, max: 20 }) });
    fc.assert(fc.property(profileArb, heavy, (p, history) => {
      const recommendation = recommend({ ...p, history });
      return recommendation.service_hours === '7x24' && recommendation.tier !== 'standard';
    }));
  });

  it('a low-value contract caps the tier unless the customer is strategic', () => {
    const needy = { industry: '金融', scale: '集团', covered_services: [...COVERED_SERVICES], history: { tickets_per_month: 200, p1_share: 0.12, after_hours_share: 0.5, breaches_12m: 5 } };
    expect(recommend(profile({ customer_level: 3, annual_contract_value: 99_999, ...needy })).tier).toBe('premium');
    expect(recommend(profile({ customer_level: 3, annual_contract_value: 300_000, ...needy })).tier).toBe('elite');
    expect(recommend(profile({ customer_level: 4, annual_contract_value: 99_999, ...needy })).tier).toBe('strategic');
  });
});

describe('recommendSla: monotonicity and shape', () => {
  it('raising the contract value never lowers the tier', () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 0, max: 10_000_000 }), (p, raise) => {
        return tierIndex(recommend({ ...p, annual_contract_value: p.annual_contract_value + raise }).tier) >= tierIndex(recommend(p).tier);
      }),
      { numRuns: 500 },
    );
  });

  it('raising the customer level never lowers the tier', () => {
    fc.assert(fc.property(profileArb, (p) => p.customer_level === 4 || tierIndex(recommend({ ...p, customer_level: (p.customer_level + 1) as 2 | 3 | 4 }).tier) >= tierIndex(recommend(p).tier)));
  });

  it('reasons explain the score in both languages, and confidence stays in 0–1', () => {
    fc.assert(fc.property(profileArb, (p) => {
      const recommendation = recommend(p);
      const points = recommendation.reasons.reduce((sum, r) => sum + r.points, 0);
      return points === recommendation.score && recommendation.confidence >= 0 && recommendation.confidence <= 1 && recommendation.reasons.every((r) => r.zh.length > 0 && r.en.length > 0);
    }));
  });

  it('says which factors pushed up and down, with their points', () => {
    const recommendation = recommend(profile({ customer_level: 2, industry: '能源', scale: '大型企业', annual_contract_value: 600_000, covered_services: ['disaster_recovery'] }));
    expect(recommendation).toMatchObject({ tier: 'elite', tier_name: '尊享', version_id: 'elite-v3', service_hours: '7x24', score: 32 });
    expect(recommendation.reasons.filter((r) => r.effect === 'up').map((r) => [r.factor, r.points])).toEqual([['customer_level', 20], ['industry', 4], ['size', 4], ['resilience', 4]]);
    expect(recommendation.reasons.find((r) => r.factor === 'industry')).toMatchObject({ zh: '高关键行业：能源：+4分', en: 'critical industry: 能源: +4 points' });
    expect(recommendation.confidence).toBe(0.6);
  });

  it('is surer far from a threshold than next to one, and sure when an absolute rule decided', () => {
    const middle = recommend(profile({ customer_level: 2 }));
    const edge = recommend(profile({ customer_level: 2, industry: '能源', scale: '大型企业', annual_contract_value: 600_000, covered_services: ['disaster_recovery'] }));
    expect(middle).toMatchObject({ score: 21, confidence: 0.95 });
    expect(edge.confidence).toBeLessThan(middle.confidence);
    expect(recommend(profile({ customer_level: 4, industry: '教育', scale: '小型企业', covered_services: [], history: null, annual_contract_value: 50_000 })).confidence).toBe(0.9);
  });
});

describe('selectVersion', () => {
  it('takes the newest published, unretired version of the tier', () => {
    expect(selectVersion(SAMPLE_CATALOGUE, 'premium', null).id).toBe('premium-v2');
    expect(selectVersion(SAMPLE_CATALOGUE, 'elite', null).id).toBe('elite-v3');
  });

  it('ignores versions published after the given instant', () => {
    expect(selectVersion(SAMPLE_CATALOGUE, 'elite', null, '2026-11-26T00:00:00Z').id).toBe('elite-v2');
    expect(selectVersion(SAMPLE_CATALOGUE, 'premium', null, '2025-06-01T00:00:00Z').id).toBe('premium-v1');
  });

  it('keeps a pinned version of the tier, but never a retired one or one of another tier', () => {
    expect(selectVersion(SAMPLE_CATALOGUE, 'premium', 'premium-v1')).toMatchObject({ id: 'premium-v1', reason: { factor: 'pinned_version' } });
    expect(selectVersion(SAMPLE_CATALOGUE, 'elite', 'elite-v1').id).toBe('elite-v3');
    expect(selectVersion(SAMPLE_CATALOGUE, 'elite', 'premium-v1').id).toBe('elite-v3');
  });

  it('answers null with a reason when the catalogue has no usable version', () => {
    const recommendation = recommendSla(profile(), []);
    expect(recommendation).toMatchObject({ tier: 'premium', tier_name: '高级', version_id: null });
    expect(recommendation.reasons.at(-1)).toMatchObject({ factor: 'no_version', en: 'the catalogue has no usable version of premium' });
  });
});

describe('compareWithBinding', () => {
  const recommendation = recommend(profile({ customer_level: 3, annual_contract_value: 1_500_000 }));

  it.each([
    ['elite', 'same', '当前绑定的尊享与推荐一致'],
    ['premium', 'upgrade', '建议从高级升级到尊享（置信度95%）'],
    ['strategic', 'downgrade', '建议从战略降级到尊享（置信度95%）'],
  ] as const)('bound to %s → %s', (current, change, zh) => {
    const comparison = compareWithBinding(recommendation, current);
    expect(comparison.change).toBe(change);
    expect(comparison.message.zh).toBe(zh);
    expect(comparison.message.en.length).toBeGreaterThan(0);
  });
});
