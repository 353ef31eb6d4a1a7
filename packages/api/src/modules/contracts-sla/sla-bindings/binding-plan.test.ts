import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan, contractTerm, planRebind, planTruncate, startOfBusinessDay, tilingProblems, type Segment } from './binding-plan.ts';

const day = startOfBusinessDay;
const term = { from: day('2026-01-01'), to: day('2027-01-01') };

describe('contractTerm', () => {
  it.each([
    ['active', null, '2026-01-01', '2027-01-01'],
    ['expiring', null, '2026-01-01', '2027-01-01'],
    ['expired', null, '2026-01-01', '2027-01-01'],
    ['renewed', null, '2026-01-01', '2027-01-01'],
    ['terminated', '2026-06-30', '2026-01-01', '2026-07-01'],
    // A termination date after the end changes nothing.
    ['terminated', '2027-03-01', '2026-01-01', '2027-01-01'],
  ])('%s (terminated on %s) is in force from %s 00:00 to %s 00:00 Beijing time', (state, terminated, from, to) => {
    expect(contractTerm({ state, start_date: '2026-01-01', end_date: '2026-12-31', terminated_on: terminated })).toEqual({ from: day(from), to: day(to) });
  });

  it.each(['draft', 'pending_approval', 'rejected', 'cancelled'])('a %s contract was never in force', (state) => {
    expect(contractTerm({ state, start_date: '2026-01-01', end_date: '2026-12-31', terminated_on: null })).toBeNull();
  });

  it('starts at 16:00 UTC the day before (Asia/Shanghai midnight)', () => {
    expect(day('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});

describe('planRebind', () => {
  const whole: Segment[] = [{ id: 1, ...term }];

  it('splits the running binding at the instant and adds one to the end', () => {
    const plan = planRebind(whole, term, day('2026-07-01'));
    expect(plan).toEqual({ shorten: [{ id: 1, to: day('2026-07-01') }], remove: [], insert: { from: day('2026-07-01'), to: term.to } });
    expect(tilingProblems(applyPlan(whole, plan), term)).toEqual([]);
  });

  it('replaces a binding that starts exactly at the instant, and every later one', () => {
    const split: Segment[] = [
      { id: 1, from: term.from, to: day('2026-04-01') },
      { id: 2, from: day('2026-04-01'), to: day('2026-08-01') },
      { id: 3, from: day('2026-08-01'), to: term.to },
    ];
    const plan = planRebind(split, term, day('2026-04-01'));
    expect(plan.remove).toEqual([2, 3]);
    expect(plan.shorten).toEqual([]);
    expect(tilingProblems(applyPlan(split, plan), term)).toEqual([]);
  });

  it('binds a contract without bindings over its whole term when the instant is its start', () => {
    expect(applyPlan([], planRebind([], term, term.from))).toEqual([{ id: 0, ...term }]);
  });

  it('refuses an instant outside the term', () => {
    expect(() => planRebind(whole, term, day('2027-01-01'))).toThrow(RangeError);
    expect(() => planRebind(whole, term, day('2025-12-31'))).toThrow(RangeError);
  });
});

describe('planTruncate', () => {
  it('cuts the running binding and drops later ones', () => {
    const split: Segment[] = [
      { id: 1, from: term.from, to: day('2026-04-01') },
      { id: 2, from: day('2026-04-01'), to: term.to },
    ];
    const plan = planTruncate(split, day('2026-03-01'));
    expect(plan).toEqual({ shorten: [{ id: 1, to: day('2026-03-01') }], remove: [2], insert: null });
    expect(tilingProblems(applyPlan(split, plan), { from: term.from, to: day('2026-03-01') })).toEqual([]);
  });
});

describe('tilingProblems', () => {
  it('finds gaps, overlaps, bindings outside the term and bindings of a contract never in force', () => {
    expect(tilingProblems([], term)).toEqual([{ kind: 'empty', at: term.from }]);
    expect(tilingProblems([{ id: 1, from: term.from, to: day('2026-05-01') }, { id: 2, from: day('2026-05-02'), to: term.to }], term)).toEqual([{ kind: 'gap', at: day('2026-05-01') }]);
    expect(tilingProblems([{ id: 1, from: term.from, to: day('2026-05-02') }, { id: 2, from: day('2026-05-01'), to: term.to }], term)).toEqual([{ kind: 'overlap', at: day('2026-05-01') }]);
    expect(tilingProblems([{ id: 1, from: day('2025-12-01'), to: term.to }], term)).toEqual([{ kind: 'outside', at: term.from }]);
    expect(tilingProblems([{ id: 1, ...term }], null)).toEqual([{ kind: 'unexpected', at: term.from }]);
  });
});

describe('any sequence of re-bindings and a termination keeps the term tiled', () => {
  it('holds for random instants (property)', () => {
    const span = term.to.getTime() - term.from.getTime();
    const instant = fc.integer({ min: 0, max: span - 1 }).map((offset) => new Date(term.from.getTime() + offset));
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 12 }), fc.option(instant), (rebinds, terminateAt) => {
        let segments: Segment[] = applyPlan([], planRebind([], term, term.from)).map((s, i) => ({ ...s, id: i + 1 }));
        let nextId = 2;
        for (const at of rebinds) {
          segments = applyPlan(segments, planRebind(segments, term, at)).map((s) => (s.id === 0 ? { ...s, id: nextId++ } : s));
          expect(tilingProblems(segments, term)).toEqual([]);
        }
        if (terminateAt && terminateAt.getTime() > term.from.getTime()) {
          segments = applyPlan(segments, planTruncate(segments, terminateAt));
          expect(tilingProblems(segments, { from: term.from, to: terminateAt })).toEqual([]);
        }
      }),
    );
  });
});
