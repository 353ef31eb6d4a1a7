import { describe, expect, it } from 'vitest';
import type { HealthFeatures } from './health-features.ts';
import { DEFAULT_WEIGHTS, churnRisk, coldStartChurn, factorScores, healthBand, healthStage, scoreHealth } from './health-score.ts';

/** An established customer with every factor at its best. */
const healthy: HealthFeatures = {
  tickets_90d: 3, tickets_trend: 1, p1_share_90d: 0, breach_rate_90d: 0, rating_90d: 5, rating_trend: 0, open_complaints: 0, complaints_90d: 0,
  overdue_ratio: 0, max_days_overdue: 0, revenue_trend: 1.1, logins_30d: 40, login_trend: 1.2, days_since_contact: 5, days_to_contract_end: 300,
  amendments_12m: 0, incidents_90d: 0, critical_incidents_90d: 0, availability_90d: 99.95, level: 2, tenure_days: 700,
};
const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

describe('factor scores', () => {
  it.each([
    ['support_load', { tickets_90d: 5, tickets_trend: 1, p1_share_90d: 0 }, 100],
    ['support_load', { tickets_90d: 60, tickets_trend: 3, p1_share_90d: 0.5 }, 0],
    ['support_load', { tickets_90d: 32.5, tickets_trend: null, p1_share_90d: null }, 50],
    ['sla', { breach_rate_90d: 0 }, 100],
    ['sla', { breach_rate_90d: 0.25 }, 50],
    ['sla', { breach_rate_90d: 0.8 }, 0],
    ['finance', { overdue_ratio: 0, revenue_trend: 1 }, 100],
    ['finance', { overdue_ratio: 0.3, max_days_overdue: 0, revenue_trend: 1 }, 30],
    ['finance', { overdue_ratio: 0.15, max_days_overdue: 90, revenue_trend: 0.5 }, 7],
    ['satisfaction', { rating_90d: 3, rating_trend: 0 }, 50],
    ['satisfaction', { rating_90d: 4, rating_trend: -1, open_complaints: 1, complaints_90d: 2 }, 35],
    ['satisfaction', { rating_90d: null, rating_trend: null, open_complaints: 2, complaints_90d: 2 }, 40],
    ['engagement', { logins_30d: 10, login_trend: 1, days_since_contact: 75 }, 50],
    ['engagement', { logins_30d: 0, login_trend: 0, days_since_contact: null }, 0],
    ['contract', { days_to_contract_end: 180, amendments_12m: 0 }, 100],
    ['contract', { days_to_contract_end: 90, amendments_12m: 1 }, 60],
    ['contract', { days_to_contract_end: 0, amendments_12m: 5 }, 0],
    ['operations', { incidents_90d: 2, critical_incidents_90d: 1, availability_90d: 99.9 }, 87.5],
    ['operations', { incidents_90d: 0, critical_incidents_90d: 0, availability_90d: 97 }, 50],
  ] as const)('%s of %o is %d', (factor, overrides, expected) => {
    expect(factorScores({ ...healthy, ...overrides })[factor].score).toBeCloseTo(expected, 5);
  });

  it.each([
    ['sla', { breach_rate_90d: null }],
    ['finance', { overdue_ratio: null, revenue_trend: null }],
    ['satisfaction', { rating_90d: null, rating_trend: null, open_complaints: 0, complaints_90d: 0 }],
    ['engagement', { logins_30d: 0, login_trend: null, days_since_contact: null }],
    ['contract', { days_to_contract_end: null }],
    ['operations', { incidents_90d: 0, critical_incidents_90d: 0, availability_90d: null }],
  ] as const)('%s without data is missing', (factor, overrides) => {
    expect(factorScores({ ...healthy, ...overrides })[factor].score).toBeNull();
  });
});

describe('stage, band and score', () => {
  it.each([
    [{ days_to_contract_end: 60, tenure_days: 30 }, 'renewal'],
    [{ days_to_contract_end: 91, tenure_days: 30 }, 'onboarding'],
    [{ days_to_contract_end: null, tenure_days: null }, 'onboarding'],
    [{ days_to_contract_end: 200, tenure_days: 90 }, 'established'],
  ] as const)('stage of %o is %s', (features, stage) => {
    expect(healthStage(features)).toBe(stage);
  });

  it.each([
    [70, 'green'], [69, 'yellow'], [40, 'yellow'], [39, 'red'], [100, 'green'], [0, 'red'],
  ] as const)('score %d is %s with the default thresholds', (score, band) => {
    expect(healthBand(score, { green: 70, yellow: 40 })).toBe(band);
  });

  it('a healthy customer is green and its points add up to its score', () => {
    const result = scoreHealth(healthy);
    expect(result).toMatchObject({ stage: 'established', band: 'green' });
    expect(result.score).toBeGreaterThanOrEqual(95);
    expect(sum(result.contributions.map((c) => c.points))).toBe(result.score);
    expect(sum(result.contributions.map((c) => c.weight))).toBeCloseTo(1, 3);
    expect(result.contributions.map((c) => c.points)).toEqual([...result.contributions.map((c) => c.points)].sort((a, b) => b - a));
  });

  it('a troubled customer is red', () => {
    const result = scoreHealth({ ...healthy, tickets_90d: 40, tickets_trend: 2.5, p1_share_90d: 0.4, breach_rate_90d: 0.5, rating_90d: 1.5, rating_trend: -2, open_complaints: 2, overdue_ratio: 0.4, max_days_overdue: 60, logins_30d: 0, login_trend: 0 });
    expect(result.band).toBe('red');
    expect(sum(result.contributions.map((c) => c.points))).toBe(result.score);
  });

  it('leaves out factors without data, renormalises the others and says so', () => {
    const result = scoreHealth({ ...healthy, overdue_ratio: null, revenue_trend: null, availability_90d: null, breach_rate_90d: 0.5 });
    const finance = result.contributions.find((c) => c.factor === 'finance')!;
    expect(finance).toMatchObject({ missing: true, weight: 0, points: 0, score: null });
    const sla = result.contributions.find((c) => c.factor === 'sla')!;
    // established weights: sla 20 of the 75 left once finance (15) and operations (10) are out
    expect(sla.weight).toBeCloseTo(20 / 75, 3);
    expect(sum(result.contributions.map((c) => c.weight))).toBeCloseTo(1, 3);
    expect(sum(result.contributions.map((c) => c.points))).toBe(result.score);
  });

  it('uses the weights of the stage: engagement counts most while onboarding', () => {
    const quiet = { ...healthy, logins_30d: 0, login_trend: 0, days_since_contact: 200 };
    const onboarding = scoreHealth({ ...quiet, tenure_days: 20 });
    const established = scoreHealth(quiet);
    expect(onboarding.stage).toBe('onboarding');
    expect(onboarding.score).toBeLessThan(established.score);
    const custom = scoreHealth(quiet, { ...DEFAULT_WEIGHTS, established: { support_load: 0, sla: 0, finance: 0, satisfaction: 0, engagement: 1, contract: 0, operations: 0 } });
    expect(custom.score).toBe(0);
  });

  it('maps the score to a cold-start churn probability and a risk', () => {
    expect(coldStartChurn(55)).toBeCloseTo(0.5, 5);
    expect(coldStartChurn(90)).toBeLessThan(0.02);
    expect(coldStartChurn(20)).toBeGreaterThan(0.98);
    expect([churnRisk(0.7, 0.6), churnRisk(0.35, 0.6), churnRisk(0.1, 0.6)]).toEqual(['high', 'medium', 'low']);
  });
});
