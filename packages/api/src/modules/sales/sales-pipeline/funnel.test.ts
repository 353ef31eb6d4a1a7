import { describe, expect, it } from 'vitest';
import { computeFunnel, periodOf, type FunnelOpportunity, type FunnelStageInput, type StageEntry } from './funnel.ts';

const stages: FunnelStageInput[] = [
  { id: 1, code: 'a', name: 'A', position: 1, probability: 10, kind: 'open' },
  { id: 2, code: 'b', name: 'B', position: 2, probability: 50, kind: 'open' },
  { id: 3, code: 'won', name: 'Won', position: 3, probability: 100, kind: 'won' },
  { id: 4, code: 'lost', name: 'Lost', position: 4, probability: 0, kind: 'lost' },
];
const day = (d: string) => new Date(`${d}T10:00:00+08:00`);
const opp = (id: number, o: Partial<FunnelOpportunity>): FunnelOpportunity => ({ id, status: 'open', amount: 1000, owner_id: 7, stage_id: 1, expected_close_date: null, closed_on: null, created_on: '2026-01-05', ...o });
const path = (id: number, steps: [number, string][]): StageEntry[] => steps.map(([to, d]) => ({ opportunity_id: id, to_stage_id: to, changed_at: day(d) }));

// Four opportunities: 1 won through A→B→Won, 2 won skipping B, 3 lost in B, 4 still open in A.
const opportunities = [
  opp(1, { status: 'won', stage_id: 3, amount: 5000, closed_on: '2026-02-20', created_on: '2026-01-01' }),
  opp(2, { status: 'won', stage_id: 3, amount: 3000, closed_on: '2026-04-02', owner_id: 8 }),
  opp(3, { status: 'lost', stage_id: 4, closed_on: '2026-03-01' }),
  opp(4, { stage_id: 1, amount: 2000, expected_close_date: '2026-05-15' }),
  opp(5, { stage_id: 2, amount: 4000, expected_close_date: '2026-05-20', created_on: '2025-12-01' }),
];
const history = [
  ...path(1, [[1, '2026-01-01'], [2, '2026-01-11'], [3, '2026-02-20']]),
  ...path(2, [[1, '2026-01-05'], [3, '2026-01-25']]),
  ...path(3, [[1, '2026-01-05'], [2, '2026-01-09'], [4, '2026-03-01']]),
  ...path(4, [[1, '2026-01-05']]),
  ...path(5, [[2, '2025-12-01']]),
];

describe('computeFunnel', () => {
  const result = computeFunnel(stages, opportunities, history, { from: '2026-01-01', to: '2026-06-30', granularity: 'quarter' });

  it('counts entered and converted per stage, passing through skipped stages', () => {
    expect(result.stages.map((s) => [s.code, s.entered, s.converted, s.conversion_rate])).toEqual([
      ['a', 4, 3, 75],
      ['b', 3, 2, 66.7],
      ['won', 2, null, null],
    ]);
    expect(result.lost).toBe(1);
  });

  it('averages the completed stays per stage', () => {
    // A: 10, 20 and 4 days; B: 40 and 51 days.
    expect(result.stages.map((s) => s.avg_days_in_stage)).toEqual([11.3, 45.5, null]);
  });

  it('weighs the open pipeline, forecasts per period and owner, and computes the win rate', () => {
    expect(result.weighted_pipeline).toBe(2000 * 0.1 + 4000 * 0.5);
    expect(result.win_rate).toBe(66.7);
    expect(result.forecast_by_period).toEqual([
      { period: '2026-Q1', committed: 5000, weighted: 5000, best_case: 5000 },
      { period: '2026-Q2', committed: 3000, weighted: 3000 + 200 + 2000, best_case: 3000 + 2000 + 4000 },
    ]);
    expect(result.forecast_by_owner).toEqual([
      { owner_id: 7, committed: 5000, weighted: 7200, best_case: 11000 },
      { owner_id: 8, committed: 3000, weighted: 3000, best_case: 3000 },
    ]);
  });

  it('keys periods by month or quarter', () => {
    expect(periodOf('2026-11-26', 'month')).toBe('2026-11');
    expect(periodOf('2026-11-26', 'quarter')).toBe('2026-Q4');
  });
});
