import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../platform/time/calendar-date.ts';
import {
  allowedEvents,
  CONTRACT_EVENTS,
  CONTRACT_STATES,
  CONTRACT_TRANSITIONS,
  dueLifecycleEvent,
  TERMINAL_STATES,
  transition,
  type ContractState,
  type LifecycleContract,
  type TransitionContext,
} from './contract-lifecycle.ts';

const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-06-01', n));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

// Mostly well-formed contracts (end after start, signed), with some that are not, so guards fire too.
const contractArb: fc.Arbitrary<LifecycleContract> = fc.record({
  id: fc.integer({ min: 1, max: 5 }),
  state: fc.constant('draft' as const),
  start_date: day,
  length: fc.integer({ min: -10, max: 400 }),
  signingOffset: maybe(fc.integer({ min: -60, max: 30 })),
  customer_signatory_id: maybe(fc.integer({ min: 1, max: 9 })),
  staff_signatory_id: maybe(fc.integer({ min: 1, max: 9 })),
  auto_renew: fc.boolean(),
  notice_period_days: fc.integer({ min: 0, max: 120 }),
  termsVersion: maybe(fc.record({ version: fc.integer({ min: 1, max: 4 }), offset: fc.integer({ min: 0, max: 200 }) })),
}).map(({ length, signingOffset, termsVersion, ...contract }) => ({
  ...contract,
  end_date: addDays(contract.start_date, length),
  signing_date: signingOffset === null ? null : addDays(contract.start_date, signingOffset),
  current_terms: termsVersion === null ? null : { version: termsVersion.version, effective_from: addDays(contract.start_date, termsVersion.offset) },
}));

// Each step fires either any event at all (mostly illegal ones) or, three times in four, one allowed now; in
// draft and pending approval it prefers to move forward (submit, approve) over cancelling, so sequences go deep
// (active, expiring, renewed, expired, terminated) instead of dying early. Request dates are relative to the
// contract's start, so date guards pass and fail in about equal measure.
const step = fc.record({
  fromAllowed: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  nowOffset: fc.integer({ min: -30, max: 500 }),
  effectivePermille: maybe(fc.integer({ min: -100, max: 1_100 })),
  actor_id: maybe(fc.integer({ min: 1, max: 9 })),
  reason: fc.oneof({ arbitrary: fc.constantFrom(null, '', '  '), weight: 1 }, { arbitrary: fc.constantFrom('客户要求', 'budget', '续约谈判失败'), weight: 3 }),
  successor_id: maybe(fc.integer({ min: 1, max: 5 })),
  terms: maybe(fc.constant({ amount: '1.00' })),
});

/** States a contract can only be in once it has been approved. */
const ONLY_AFTER_APPROVAL: readonly ContractState[] = ['active', 'expiring', 'renewed', 'expired', 'terminated'];

describe('random event sequences', () => {
  it('never leave the known states, never reach active without approval, never leave a terminal state', () => {
    const reached = new Map<ContractState, number>();
    fc.assert(
      fc.property(contractArb, fc.array(step, { maxLength: 30 }), (initial, steps) => {
        let current = initial;
        let approved = false;
        const length = Math.max(0, daysBetween(initial.start_date, initial.end_date));
        for (const { fromAllowed, pick, nowOffset, effectivePermille, ...request } of steps) {
          const now = new Date(`${addDays(initial.start_date, nowOffset)}T04:00:00Z`);
          const allowed = allowedEvents(current, now);
          const forward = (current.state === 'draft' || current.state === 'pending_approval') && pick % 3 !== 0;
          const event = fromAllowed && allowed.length > 0 ? allowed[forward ? 0 : pick % allowed.length]! : CONTRACT_EVENTS[pick % CONTRACT_EVENTS.length]!;
          const effective_date = effectivePermille === null ? null : addDays(initial.start_date, Math.round((length * effectivePermille) / 1000));
          const context: TransitionContext = { ...request, now, effective_date };
          const result = transition(current, event, context);
          if (!result.ok) {
            expect(result.allowed).toEqual(allowed);
            expect(result.error).toBe(CONTRACT_TRANSITIONS[event].from.includes(current.state) ? 'contract.guard_failed' : 'contract.illegal_transition');
            continue;
          }
          expect(CONTRACT_STATES).toContain(result.next);
          expect(TERMINAL_STATES).not.toContain(current.state);
          expect(result.record).toMatchObject({ from: current.state, to: result.next, event });
          if (result.next === 'active' && current.state !== 'active') {
            expect(event).toBe('approve');
            approved = true;
          }
          current = { ...current, state: result.next };
          reached.set(current.state, (reached.get(current.state) ?? 0) + 1);
          if (ONLY_AFTER_APPROVAL.includes(current.state)) expect(approved).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
    // The property says nothing unless the sequences reach every state, and often (the rarest, expired, some
    // 80 times a run): a generator that stops going deep fails here instead of passing vacuously.
    for (const state of CONTRACT_STATES.filter((s) => s !== 'draft')) expect(reached.get(state) ?? 0, state).toBeGreaterThan(20);
  });

  it('an event is in allowedEvents exactly when it succeeds with a complete, valid request', () => {
    fc.assert(
      fc.property(contractArb, fc.constantFrom(...CONTRACT_STATES), day, (base, state, today) => {
        const contract = { ...base, state };
        const now = new Date(`${today}T04:00:00Z`);
        // A request that satisfies every payload guard: the effective date is the contract's end date, which
        // is inside the period and after the current terms whenever that is possible at all.
        const context: TransitionContext = { now, actor_id: 1, reason: '原因', successor_id: contract.id + 1, effective_date: contract.end_date, terms: {} };
        const allowed = allowedEvents(contract, now);
        for (const event of CONTRACT_EVENTS) {
          const result = transition(contract, event, context);
          const payloadImpossible = event === 'amend' && contract.current_terms !== null && contract.current_terms.effective_from >= contract.end_date;
          const periodImpossible = (event === 'amend' || event === 'terminate') && contract.start_date > contract.end_date;
          if (payloadImpossible || periodImpossible) continue;
          expect(result.ok).toBe(allowed.includes(event));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('what the scheduler fires is always allowed', () => {
    fc.assert(
      fc.property(contractArb, fc.constantFrom(...CONTRACT_STATES), day, (base, state, today) => {
        const contract = { ...base, state };
        const now = new Date(`${today}T04:00:00Z`);
        const due = dueLifecycleEvent(contract, now);
        if (due !== null) expect(allowedEvents(contract, now)).toContain(due);
      }),
      { numRuns: 1_000 },
    );
  });
});
