import { describe, expect, it } from 'vitest';
import { churnExamplesFromHistory, generateChurnHistory } from './churn-history.ts';

describe('generateChurnHistory', () => {
  const history = generateChurnHistory({ seed: 4, customers: 600 });

  it('is the same history for the same seed', () => {
    expect(generateChurnHistory({ seed: 4, customers: 600 })).toEqual(history);
    expect(generateChurnHistory({ seed: 5, customers: 600 })).not.toEqual(history);
  });

  it('has an MSP-like churn rate (12–20% a year) with a minority of late churners and recovering stayers', () => {
    const churners = history.customers.filter((c) => c.churned_on_day !== null);
    const perYear = churners.length / history.customers.length / (history.days / 360);
    expect(perYear).toBeGreaterThan(0.12);
    expect(perYear).toBeLessThan(0.2);
    const late = churners.filter((c) => c.profile === 'late-churner').length;
    expect(late).toBeGreaterThan(0);
    expect(late / churners.length).toBeLessThan(0.15);
    expect(history.customers.some((c) => c.profile === 'stayer-with-bad-spell')).toBe(true);
  });

  it('stops a churner’s snapshots before it leaves and leaves some data missing', () => {
    for (const c of history.customers.filter((x) => x.churned_on_day !== null)) {
      expect(c.snapshots.every((s) => s.day < c.churned_on_day!)).toBe(true);
    }
    const features = history.customers.flatMap((c) => c.snapshots.map((s) => s.features));
    expect(features.some((f) => f.overdue_ratio === null)).toBe(true);
    expect(features.some((f) => f.rating_90d === null)).toBe(true);
  });

  it('shows churners deteriorating: worse ratings and more breaches in their last 180 days than stayers', () => {
    const examples = churnExamplesFromHistory(history);
    const meanOf = (churned: boolean, pick: (e: (typeof examples)[number]) => number | null) => {
      const values = examples.filter((e) => e.churned === churned).map(pick).filter((v): v is number => v !== null);
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    expect(meanOf(true, (e) => e.features.rating_90d)).toBeLessThan(meanOf(false, (e) => e.features.rating_90d));
    expect(meanOf(true, (e) => e.features.breach_rate_90d)).toBeGreaterThan(meanOf(false, (e) => e.features.breach_rate_90d));
  });

  it('labels a snapshot churned only when the customer left within 180 days, and drops unknowable stayer snapshots', () => {
    const examples = churnExamplesFromHistory(history);
    expect(examples.every((e) => e.churned === (e.days_to_churn !== null && e.days_to_churn! <= 180))).toBe(true);
    const lastStayerDay = Math.max(...history.customers.filter((c) => c.churned_on_day === null).flatMap((c) => c.snapshots.map((s) => s.day)));
    expect(examples.filter((e) => !e.churned).length).toBeLessThan(history.customers.filter((c) => c.churned_on_day === null).length * (lastStayerDay / 30));
  });
});
