import { describe, expect, it } from 'vitest';
import { analysisFigures, expectedLifetimeMonths, ratingTrend, type AnalysisInputs } from './analysis-figures.ts';
import { analysisPeriod } from './analysis-period.ts';

const now = new Date('2026-11-26T02:00:00Z');

describe('analysisPeriod', () => {
  it.each([
    ['3m', undefined, undefined, { from: '2026-08-27', to: '2026-11-26', days: 92, months: 3 }],
    ['12m', undefined, undefined, { from: '2025-11-27', to: '2026-11-26', days: 365, months: 12 }],
    ['24m', undefined, undefined, { from: '2024-11-27', to: '2026-11-26', days: 730, months: 24 }],
    ['custom', '2026-01-01', '2026-03-31', { from: '2026-01-01', to: '2026-03-31', days: 90, months: 3 }],
  ] as const)('%s %s–%s', (name, from, to, expected) => {
    expect(analysisPeriod(name, from, to, now)).toMatchObject(expected);
  });

  it.each([
    ['custom', undefined, '2026-01-01', 'period=custom needs from and to as YYYY-MM-DD'],
    ['custom', '2026-03-01', '2026-01-01', 'from is after to'],
    ['custom', '2018-01-01', '2026-01-01', 'a custom period is at most 1830 days'],
    ['12m', '2026-01-01', undefined, 'from and to go with period=custom'],
  ] as const)('refuses %s %s–%s', (name, from, to, problem) => {
    expect(analysisPeriod(name, from, to, now)).toEqual({ problem });
  });
});

const inputs: AnalysisInputs = {
  period: { days: 365, months: 12 },
  service: {
    total: 156, resolved: 148, average_resolution_minutes: 252, satisfaction_average: 4.6,
    by_priority: { P1: 4, P2: 20, P3: 100, P4: 32 }, channels: [{ channel: 'chat', tickets: 90 }, { channel: 'phone', tickets: 66 }],
    rating_first_half: 4.3, rating_second_half: 4.8,
  },
  revenue: 120_000,
  usage: { logins: 156, active_days: 100, feature_days: { 工单管理: 95, 知识库: 78, 报表分析: 45 } },
  health: { churn_probability: 0.08, churn_risk: 'low', band: 'green' },
  contractInForce: true,
};

describe('analysisFigures', () => {
  it('gives the example of REQ-016 §8 from its inputs, in zh-CN', () => {
    const figures = analysisFigures(inputs, 'zh-CN');
    expect(figures.service_statistics).toEqual({ total_tickets: 156, resolved_tickets: 148, average_resolution_time: '4.2小时', average_resolution_hours: 4.2, satisfaction_score: 4.6 });
    expect(figures.behavior_analysis).toMatchObject({ login_frequency: '每周3次', feature_usage: { 工单管理: 0.95, 知识库: 0.78, 报表分析: 0.45 }, support_channel_preference: '在线客服' });
    expect(figures.risk_assessment).toMatchObject({ churn_risk: '低', satisfaction_trend: '上升', renewal_probability: 0.92 });
    expect(figures.financial_analysis).toMatchObject({ total_revenue: 120_000, monthly_revenue: 10_000, profit_margin_basis: 'estimated' });
    // 4×6 + 20×4 + 100×2 + 32×1 = 336 engineer hours at 300 CNY.
    expect(figures.financial_analysis.service_cost_estimate).toBe(100_800);
    expect(figures.financial_analysis.profit_margin).toBe(0.16);
    expect(figures.financial_analysis.ltv).toBe(10_000 * expectedLifetimeMonths(0.08));
  });

  it('speaks English when asked', () => {
    const figures = analysisFigures(inputs, 'en');
    expect(figures.service_statistics.average_resolution_time).toBe('4.2 hours');
    expect(figures.behavior_analysis.login_frequency).toBe('3 times a week');
    expect(figures.risk_assessment).toMatchObject({ churn_risk: 'low', satisfaction_trend: 'rising' });
  });

  it('says when there is nothing to measure rather than inventing it', () => {
    const empty = analysisFigures({ ...inputs, service: { ...inputs.service, total: 0, resolved: 0, average_resolution_minutes: null, satisfaction_average: null, by_priority: {}, channels: [], rating_first_half: null, rating_second_half: null }, revenue: 0, health: null }, 'zh-CN');
    expect(empty.service_statistics.average_resolution_time).toBeNull();
    expect(empty.financial_analysis.profit_margin).toBeNull();
    expect(empty.risk_assessment).toMatchObject({ churn_risk: null, satisfaction_trend: '数据不足', renewal_probability: null });
    expect(empty.behavior_analysis.support_channel_preference).toBeNull();
  });

  it('reads the rating trend and the lifetime sensibly', () => {
    expect([ratingTrend(4, 4.3), ratingTrend(4.3, 4), ratingTrend(4, 4.1), ratingTrend(null, 4)]).toEqual(['up', 'down', 'flat', 'unknown']);
    expect(expectedLifetimeMonths(0.5)).toBeLessThan(expectedLifetimeMonths(0.1));
    expect(expectedLifetimeMonths(0.0001)).toBe(120);
  });
});
