import { describe, expect, it } from 'vitest';
import { identifyOpportunities, opportunityDescription, type OpportunityFacts } from './opportunity-rules.ts';

const features = { logins_30d: 60, login_trend: 1.5, critical_incidents_90d: 0, availability_90d: 99.9, overdue_ratio: 0, max_days_overdue: 0 };
const contract = { id: 3, contract_no: 'HT-2026-001', end_date: '2026-08-01', days_to_end: 90 };
const facts = (patch: Partial<OpportunityFacts> = {}): OpportunityFacts => ({ customer_id: 7, band: 'green', score: 82, contract, features, ...patch });

describe('identifyOpportunities', () => {
  it('a green, growing customer whose contract ends in 90 days: early multi-year renewal with an SLA upgrade, and an upsell', () => {
    const [renewal, expansion] = identifyOpportunities(facts());
    expect(renewal).toMatchObject({ kind: 'renewal', play: 'early_renewal', priority: 'normal', contract_id: 3 });
    expect(renewal!.strategy.zh).toContain('多年期续约');
    expect(renewal!.strategy.zh).toContain('升级 SLA');
    expect(renewal!.reasons.map((r) => r.fact)).toEqual(['days_to_contract_end', 'health_band', 'login_trend']);
    expect(expansion).toMatchObject({ kind: 'expansion', play: 'upsell', priority: 'high' });
    expect(expansion!.strategy.en).toContain('higher SLA tier');
    expect(opportunityDescription(renewal!)).toBe(`${renewal!.strategy.zh}\n依据：合同 HT-2026-001 将于 2026-08-01 到期（90 天后）；健康度 82 分（健康）；近 30 天登录 60 次，较前 30 天增长 50%`);
  });

  it('a yellow or red customer gets a retention plan, more urgent when red or close to the end', () => {
    expect(identifyOpportunities(facts({ band: 'yellow', score: 55 }))).toEqual([expect.objectContaining({ kind: 'renewal', play: 'retention_plan', priority: 'high' })]);
    expect(identifyOpportunities(facts({ band: 'red', score: 30 }))[0]).toMatchObject({ play: 'retention_plan', priority: 'urgent' });
    expect(identifyOpportunities(facts({ band: null, score: null }))[0]!.reasons[1]).toMatchObject({ zh: '暂无健康度评分' });
    expect(identifyOpportunities(facts({ contract: { ...contract, days_to_end: 20 }, features: null }))[0]).toMatchObject({ play: 'early_renewal', priority: 'urgent' });
  });

  it('no renewal beyond 120 days or without a contract in force; the window is a parameter', () => {
    expect(identifyOpportunities(facts({ contract: { ...contract, days_to_end: 121 } })).map((o) => o.kind)).toEqual(['expansion']);
    expect(identifyOpportunities(facts({ contract: null })).map((o) => o.kind)).toEqual(['expansion']);
    expect(identifyOpportunities(facts({ contract: { ...contract, days_to_end: 150 } }), { renewal_within_days: 180, growth_ratio: 1.2, min_availability: 99.5 }).map((o) => o.kind)).toEqual(['renewal', 'expansion']);
  });

  it.each([
    ['usage grew less than 20%', { features: { ...features, login_trend: 1.1 } }],
    ['no usage data', { features: { ...features, login_trend: null } }],
    ['a critical incident', { features: { ...features, critical_incidents_90d: 1 } }],
    ['availability below 99.5%', { features: { ...features, availability_90d: 98 } }],
    ['an overdue invoice', { features: { ...features, max_days_overdue: 12, overdue_ratio: 0.1 } }],
    ['not green', { band: 'yellow' as const }],
  ])('no expansion when %s', (_, patch) => {
    expect(identifyOpportunities(facts({ contract: null, ...patch }))).toEqual([]);
  });
});
