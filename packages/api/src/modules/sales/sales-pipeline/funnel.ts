import type { StageKind } from './pipeline-stages.ts';

export type FunnelStageInput = { id: number; code: string; name: string; position: number; probability: number; kind: StageKind };
export type FunnelOpportunity = {
  id: number;
  status: 'open' | 'won' | 'lost';
  amount: number;
  owner_id: number | null;
  stage_id: number;
  expected_close_date: string | null;
  /** Business date (YYYY-MM-DD) it was won or lost. */
  closed_on: string | null;
  /** Business date it was created. */
  created_on: string;
};
export type StageEntry = { opportunity_id: number; to_stage_id: number; changed_at: Date };
export type Granularity = 'month' | 'quarter';
export type FunnelOptions = { from: string; to: string; granularity: Granularity };

export type FunnelStageRow = { stage_id: number; code: string; name: string; probability: number; kind: StageKind; entered: number; converted: number | null; conversion_rate: number | null; avg_days_in_stage: number | null };
export type ForecastRow = { committed: number; weighted: number; best_case: number };
export type FunnelResult = {
  stages: FunnelStageRow[];
  lost: number;
  win_rate: number | null;
  weighted_pipeline: number;
  forecast_by_period: (ForecastRow & { period: string })[];
  forecast_by_owner: (ForecastRow & { owner_id: number | null })[];
};

const DAY_MS = 86_400_000;
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const inRange = (date: string | null, options: FunnelOptions) => date !== null && date >= options.from && date <= options.to;

/** The period key of a date: 2027-03 by month, 2027-Q1 by quarter. */
export function periodOf(date: string, granularity: Granularity): string {
  if (granularity === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Funnel, velocity, weighted pipeline, forecast and win rate of one pipeline.
 * - The cohort is the opportunities created between `from` and `to`; an opportunity "entered" a stage when it
 *   reached it or any later open or won stage (skipping a stage passes through it), and "converted" when it got
 *   further; lost opportunities stop where they were lost.
 * - Days in stage average the completed stays (entry to the next stage change) in the history.
 * - Weighted pipeline: Σ amount × stage probability of every open opportunity now.
 * - Forecast per period (of the expected close date for open, the close date for won ones) and per owner:
 *   committed = won, weighted = committed + Σ open amount × probability, best case = committed + Σ open amount.
 * - Win rate: won / (won + lost) of the opportunities closed in the range.
 * @example computeFunnel(stages, opportunities, history, { from: '2026-01-01', to: '2026-12-31', granularity: 'quarter' }).stages[0].conversion_rate // 62.5
 */
export function computeFunnel(stages: readonly FunnelStageInput[], opportunities: readonly FunnelOpportunity[], history: readonly StageEntry[], options: FunnelOptions): FunnelResult {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const progress = stages.filter((s) => s.kind !== 'lost').sort((a, b) => a.position - b.position);
  const entriesOf = new Map<number, StageEntry[]>();
  for (const entry of [...history].sort((a, b) => a.changed_at.getTime() - b.changed_at.getTime())) {
    const list = entriesOf.get(entry.opportunity_id) ?? [];
    list.push(entry);
    entriesOf.set(entry.opportunity_id, list);
  }

  const cohort = opportunities.filter((o) => inRange(o.created_on, options));
  const furthest = new Map<number, number>();
  const stays = new Map<number, number[]>();
  for (const opportunity of cohort) {
    const entries = entriesOf.get(opportunity.id) ?? [];
    const positions = entries.map((e) => byId.get(e.to_stage_id)).filter((s) => s !== undefined && s.kind !== 'lost').map((s) => s!.position);
    furthest.set(opportunity.id, Math.max(-Infinity, ...positions));
    entries.forEach((entry, i) => {
      const next = entries[i + 1];
      if (!next) return;
      const list = stays.get(entry.to_stage_id) ?? [];
      list.push((next.changed_at.getTime() - entry.changed_at.getTime()) / DAY_MS);
      stays.set(entry.to_stage_id, list);
    });
  }

  const rows = progress.map((stage): FunnelStageRow => {
    const entered = cohort.filter((o) => furthest.get(o.id)! >= stage.position).length;
    const converted = stage.kind === 'won' ? null : cohort.filter((o) => furthest.get(o.id)! > stage.position).length;
    const durations = stays.get(stage.id) ?? [];
    return {
      stage_id: stage.id,
      code: stage.code,
      name: stage.name,
      probability: stage.probability,
      kind: stage.kind,
      entered,
      converted,
      conversion_rate: converted === null || entered === 0 ? null : round((converted / entered) * 100, 1),
      avg_days_in_stage: durations.length === 0 ? null : round(durations.reduce((a, b) => a + b, 0) / durations.length, 1),
    };
  });

  const probabilityOf = (o: FunnelOpportunity) => (byId.get(o.stage_id)?.probability ?? 0) / 100;
  const open = opportunities.filter((o) => o.status === 'open');
  const closedInRange = opportunities.filter((o) => o.status !== 'open' && inRange(o.closed_on, options));
  const won = closedInRange.filter((o) => o.status === 'won');
  const forecastRows = [...won, ...open.filter((o) => inRange(o.expected_close_date, options))];

  const accumulate = <K>(keyOf: (o: FunnelOpportunity) => K) => {
    const totals = new Map<K, ForecastRow>();
    for (const o of forecastRows) {
      const row = totals.get(keyOf(o)) ?? { committed: 0, weighted: 0, best_case: 0 };
      if (o.status === 'won') {
        row.committed += o.amount;
        row.weighted += o.amount;
        row.best_case += o.amount;
      } else {
        row.weighted += o.amount * probabilityOf(o);
        row.best_case += o.amount;
      }
      totals.set(keyOf(o), row);
    }
    const money = (r: ForecastRow) => ({ committed: round(r.committed, 2), weighted: round(r.weighted, 2), best_case: round(r.best_case, 2) });
    return [...totals.entries()].map(([key, r]) => [key, money(r)] as const);
  };

  return {
    stages: rows,
    lost: cohort.filter((o) => o.status === 'lost').length,
    win_rate: closedInRange.length === 0 ? null : round((won.length / closedInRange.length) * 100, 1),
    weighted_pipeline: round(open.reduce((sum, o) => sum + o.amount * probabilityOf(o), 0), 2),
    forecast_by_period: accumulate((o) => periodOf(o.status === 'won' ? o.closed_on! : o.expected_close_date!, options.granularity))
      .map(([period, r]) => ({ period, ...r }))
      .sort((a, b) => a.period.localeCompare(b.period)),
    forecast_by_owner: accumulate((o) => o.owner_id)
      .map(([owner_id, r]) => ({ owner_id, ...r }))
      .sort((a, b) => b.weighted - a.weighted),
  };
}
