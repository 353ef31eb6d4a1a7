/**
 * # Binding plan
 *
 * A contract in force is bound to SLA versions over half-open periods of instants that tile its term: from
 * its first day 00:00 to the day after its last day 00:00 (Asia/Shanghai), cut at the termination date.
 * This file plans every change of those periods as pure code — what to shorten, what to delete, what to
 * insert — so that the tiling holds after each plan; migration 0009 checks the same at commit.
 */
import { addDays, startOfBusinessDay, type IsoDate } from '../../../platform/time/calendar-date.ts';
import type { InstantRange } from '../../../db/range-columns.ts';

export { startOfBusinessDay };

/** What the plan reads from a contract. */
export type TermSource = { state: string; start_date: IsoDate; end_date: IsoDate; terminated_on: IsoDate | null };

/** States in which a contract never was in force: no bindings at all. */
const NEVER_IN_FORCE = ['draft', 'pending_approval', 'rejected', 'cancelled'];

/**
 * The instants a contract is (or was) in force, or `null` when it never was. Mirrors `crm_contract_term`.
 * @example contractTerm({ state: 'active', start_date: '2026-01-01', end_date: '2026-12-31', terminated_on: null })
 * // { from: 2025-12-31T16:00:00Z, to: 2026-12-31T16:00:00Z }
 */
export function contractTerm(contract: TermSource): InstantRange | null {
  if (NEVER_IN_FORCE.includes(contract.state)) return null;
  const last = contract.terminated_on && contract.terminated_on < contract.end_date ? contract.terminated_on : contract.end_date;
  return { from: startOfBusinessDay(contract.start_date), to: startOfBusinessDay(addDays(last, 1)) };
}

/** A stored binding period. `to` is never null for bindings (the database refuses unbounded ones). */
export type Segment = { id: number; from: Date; to: Date };

/** The changes that keep the tiling: shorten some bindings, delete others, insert one. */
export type BindingPlan = {
  shorten: { id: number; to: Date }[];
  remove: number[];
  insert: { from: Date; to: Date } | null;
};

const t = (date: Date) => date.getTime();

/**
 * Re-binds from `at` to the end of the term: bindings that start at or after `at` go, the one running at
 * `at` ends there, and one new binding covers `[at, term end)`.
 * @example planRebind([{ id: 1, from: jan1, to: jan1next }], term, jul1) // { shorten: [{ id: 1, to: jul1 }], remove: [], insert: { from: jul1, to: jan1next } }
 */
export function planRebind(segments: readonly Segment[], term: InstantRange & { to: Date }, at: Date): BindingPlan {
  if (t(at) < t(term.from) || t(at) >= t(term.to)) throw new RangeError('the re-binding instant lies outside the contract term');
  const shorten: BindingPlan['shorten'] = [];
  const remove: number[] = [];
  for (const segment of segments) {
    if (t(segment.from) >= t(at)) remove.push(segment.id);
    else if (t(segment.to) > t(at)) shorten.push({ id: segment.id, to: at });
  }
  return { shorten, remove, insert: { from: at, to: term.to } };
}

/**
 * Cuts the bindings at the new end of the term (a termination): what starts at or after it goes, what runs
 * across it ends there.
 */
export function planTruncate(segments: readonly Segment[], end: Date): BindingPlan {
  const shorten: BindingPlan['shorten'] = [];
  const remove: number[] = [];
  for (const segment of segments) {
    if (t(segment.from) >= t(end)) remove.push(segment.id);
    else if (t(segment.to) > t(end)) shorten.push({ id: segment.id, to: end });
  }
  return { shorten, remove, insert: null };
}

/** Applies a plan to segments in memory (what the database will hold afterwards); the new segment gets id 0. */
export function applyPlan(segments: readonly Segment[], plan: BindingPlan): Segment[] {
  const cut = new Map(plan.shorten.map((s) => [s.id, s.to]));
  const kept = segments.filter((s) => !plan.remove.includes(s.id)).map((s) => ({ ...s, to: cut.get(s.id) ?? s.to }));
  if (plan.insert) kept.push({ id: 0, ...plan.insert });
  return kept.sort((a, b) => t(a.from) - t(b.from));
}

/** Why a set of bindings does not tile a term. */
export type TilingProblem = { kind: 'gap' | 'overlap' | 'outside' | 'empty' | 'unexpected'; at: Date };

/**
 * Whether the bindings tile the term exactly: the first starts at its start, each starts where the one
 * before ended, the last ends at its end; for a contract never in force, that there are none.
 * @example tilingProblems([{ id: 1, from: a, to: b }], { from: a, to: c }) // [{ kind: 'gap', at: b }]
 */
export function tilingProblems(segments: readonly Segment[], term: InstantRange | null): TilingProblem[] {
  const sorted = [...segments].sort((a, b) => t(a.from) - t(b.from));
  if (term === null) return sorted.map((s) => ({ kind: 'unexpected', at: s.from }));
  if (sorted.length === 0) return [{ kind: 'empty', at: term.from }];
  const problems: TilingProblem[] = [];
  if (t(sorted[0]!.from) !== t(term.from)) problems.push({ kind: t(sorted[0]!.from) < t(term.from) ? 'outside' : 'gap', at: term.from });
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (t(current.from) > t(previous.to)) problems.push({ kind: 'gap', at: previous.to });
    if (t(current.from) < t(previous.to)) problems.push({ kind: 'overlap', at: current.from });
  }
  const last = sorted[sorted.length - 1]!;
  if (term.to && t(last.to) !== t(term.to)) problems.push({ kind: t(last.to) > t(term.to) ? 'outside' : 'gap', at: last.to });
  return problems;
}
