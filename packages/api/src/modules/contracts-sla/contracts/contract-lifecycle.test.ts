import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  CONTRACT_EVENTS,
  CONTRACT_STATES,
  dueLifecycleEvent,
  transition,
  type ContractEvent,
  type ContractState,
  type LifecycleContract,
  type TransitionContext,
} from './contract-lifecycle.ts';

/** A 2025 calendar-year contract, signed, 30 days' notice. */
const contract = (overrides: Partial<LifecycleContract> = {}): LifecycleContract => ({
  id: 1,
  state: 'draft',
  start_date: '2025-01-01',
  end_date: '2025-12-31',
  signing_date: '2024-12-20',
  customer_signatory_id: 11,
  staff_signatory_id: 21,
  auto_renew: false,
  notice_period_days: 30,
  current_terms: { version: 1, effective_from: '2025-01-01' },
  ...overrides,
});

/** Noon in Shanghai on a business date. */
const at = (date: string) => new Date(`${date}T04:00:00Z`);

/** Everything every event could ask for, on a day past the end (so every date guard passes). */
const fullContext: TransitionContext<{ amount: string }> = {
  now: at('2026-01-05'),
  actor_id: 7,
  reason: '客户要求',
  successor_id: 99,
  effective_date: '2025-12-15',
  terms: { amount: '130000.00' },
};

const _ = null;
/**
 * Expected next state for each state (row) and event (column), written out by hand from the issue, not
 * derived from the implementation's table: `null` is an illegal transition (409).
 */
const matrix: Record<ContractState, Record<ContractEvent, ContractState | null>> = {
  draft: {            submit: 'pending_approval', approve: _,       reject: _,         cancel: 'cancelled', enter_notice_window: _,          renew: _,         expire: _,         terminate: _,            amend: _ },
  pending_approval: { submit: _,                  approve: 'active', reject: 'rejected', cancel: 'cancelled', enter_notice_window: _,        renew: _,         expire: _,         terminate: _,            amend: _ },
  active: {           submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: 'expiring', renew: 'renewed', expire: 'expired', terminate: 'terminated', amend: 'active' },
  expiring: {         submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: _,          renew: 'renewed', expire: 'expired', terminate: 'terminated', amend: 'expiring' },
  renewed: {          submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: _,          renew: _,         expire: _,         terminate: _,            amend: _ },
  expired: {          submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: _,          renew: _,         expire: _,         terminate: _,            amend: _ },
  terminated: {       submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: _,          renew: _,         expire: _,         terminate: _,            amend: _ },
  rejected: {         submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: _,          renew: _,         expire: _,         terminate: _,            amend: _ },
  cancelled: {        submit: _,                  approve: _,       reject: _,         cancel: _,         enter_notice_window: _,          renew: _,         expire: _,         terminate: _,            amend: _ },
};

const cells = CONTRACT_STATES.flatMap((state) => CONTRACT_EVENTS.map((event) => [state, event, matrix[state][event]] as const));

describe('every state × every event (81 cells)', () => {
  it.each(cells)('%s + %s → %s', (state, event, expected) => {
    const result = transition(contract({ state }), event, fullContext);
    if (expected === null) {
      expect(result).toMatchObject({ ok: false, error: 'contract.illegal_transition', reason: 'not_allowed_from_state' });
    } else {
      expect(result).toMatchObject({ ok: true, next: expected, record: { contract_id: 1, event, from: state, to: expected, actor_id: 7, at: fullContext.now, reason: '客户要求' } });
    }
  });

  it.each(CONTRACT_STATES)('an illegal event on %s answers with the events allowed now', (state) => {
    const illegal = CONTRACT_EVENTS.find((event) => matrix[state][event] === null)!;
    const result = transition(contract({ state }), illegal, fullContext);
    const legal = CONTRACT_EVENTS.filter((event) => matrix[state][event] !== null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.allowed).toEqual(legal);
  });
});

describe('guards', () => {
  type Case = [label: string, state: ContractState, event: ContractEvent, overrides: Partial<LifecycleContract>, context: Partial<TransitionContext>, failures: string[]];
  const cases: Case[] = [
    ['approve without a signing date', 'pending_approval', 'approve', { signing_date: null }, {}, ['signing_date_missing']],
    ['approve with a signing date after today', 'pending_approval', 'approve', { signing_date: '2026-02-01' }, {}, ['signing_date_in_future']],
    ['approve without the customer signatory', 'pending_approval', 'approve', { customer_signatory_id: null }, {}, ['signatories_missing']],
    ['approve without our signatory', 'pending_approval', 'approve', { staff_signatory_id: null }, {}, ['signatories_missing']],
    ['approve with the end before the start', 'pending_approval', 'approve', { start_date: '2026-01-01' }, {}, ['period_invalid']],
    ['approve with everything missing lists every failure', 'pending_approval', 'approve', { signing_date: null, customer_signatory_id: null, end_date: '2024-12-31' }, {}, ['signing_date_missing', 'signatories_missing', 'period_invalid']],
    ['reject without a reason', 'pending_approval', 'reject', {}, { reason: null }, ['reason_required']],
    ['reject with a blank reason', 'pending_approval', 'reject', {}, { reason: '   ' }, ['reason_required']],
    ['notice window not yet reached (day before it opens)', 'active', 'enter_notice_window', {}, { now: at('2025-11-30') }, ['not_in_notice_window']],
    ['renew without a successor', 'active', 'renew', {}, { successor_id: null }, ['successor_missing']],
    ['renew with itself as successor', 'expiring', 'renew', {}, { successor_id: 1 }, ['successor_is_self']],
    ['expire on the end date itself', 'expiring', 'expire', {}, { now: at('2025-12-31') }, ['not_past_end']],
    ['expire an auto-renewing contract', 'expiring', 'expire', { auto_renew: true }, {}, ['auto_renews']],
    ['terminate without a reason', 'active', 'terminate', {}, { reason: '' }, ['reason_required']],
    ['terminate without an effective date', 'active', 'terminate', {}, { effective_date: null }, ['effective_date_missing']],
    ['terminate effective before the start', 'active', 'terminate', {}, { effective_date: '2024-12-31' }, ['effective_date_outside_period']],
    ['terminate effective after the end', 'expiring', 'terminate', {}, { effective_date: '2026-01-01' }, ['effective_date_outside_period']],
    ['amend without terms', 'active', 'amend', {}, { terms: null }, ['terms_missing']],
    ['amend without an effective date', 'active', 'amend', {}, { effective_date: undefined }, ['effective_date_missing']],
    ['amend effective after the end', 'active', 'amend', {}, { effective_date: '2026-01-01' }, ['effective_date_outside_period']],
    ['amend effective the same day as the current terms', 'active', 'amend', { current_terms: { version: 2, effective_from: '2025-12-15' } }, {}, ['effective_date_not_after_current_terms']],
  ];

  it.each(cases)('%s', (_label, state, event, overrides, context, failures) => {
    const result = transition(contract({ state, ...overrides }), event, { ...fullContext, ...context });
    expect(result).toMatchObject({ ok: false, error: 'contract.guard_failed', reason: failures[0], failures });
  });

  it.each([
    ['approve signed today', 'pending_approval', 'approve', { signing_date: '2026-01-05' }, {}],
    ['approve a one-day contract', 'pending_approval', 'approve', { start_date: '2025-06-01', end_date: '2025-06-01' }, {}],
    ['notice window on its first day', 'active', 'enter_notice_window', {}, { now: at('2025-12-01') }],
    ['notice window of 0 days opens on the end date', 'active', 'enter_notice_window', { notice_period_days: 0 }, { now: at('2025-12-31') }],
    ['expire the day after the end', 'expiring', 'expire', {}, { now: at('2026-01-01') }],
    ['terminate effective on the start date', 'active', 'terminate', {}, { effective_date: '2025-01-01' }],
    ['terminate effective on the end date', 'active', 'terminate', {}, { effective_date: '2025-12-31' }],
    ['cancel a draft without a reason', 'draft', 'cancel', {}, { reason: null }],
    ['amend the day after the current terms', 'active', 'amend', { current_terms: { version: 2, effective_from: '2025-12-14' } }, {}],
  ] as [string, ContractState, ContractEvent, Partial<LifecycleContract>, Partial<TransitionContext>][])('passes: %s', (_label, state, event, overrides, context) => {
    expect(transition(contract({ state, ...overrides }), event, { ...fullContext, ...context }).ok).toBe(true);
  });

  it('the notice window boundary follows the business date in Shanghai, not UTC', () => {
    const active = contract({ state: 'active' });
    // 2025-11-30T16:00Z is already 1 December in Shanghai.
    expect(transition(active, 'enter_notice_window', { ...fullContext, now: new Date('2025-11-30T15:59:59Z') }).ok).toBe(false);
    expect(transition(active, 'enter_notice_window', { ...fullContext, now: new Date('2025-11-30T16:00:00Z') }).ok).toBe(true);
  });
});

describe('what a transition stores', () => {
  it('terminate records the reason and the effective date, trimmed', () => {
    const result = transition(contract({ state: 'active' }), 'terminate', { now: at('2025-06-10'), actor_id: 3, reason: ' 客户破产 ', effective_date: '2025-06-30' });
    expect(result).toEqual({
      ok: true,
      next: 'terminated',
      amendment: null,
      record: { contract_id: 1, event: 'terminate', from: 'active', to: 'terminated', actor_id: 3, at: at('2025-06-10'), reason: '客户破产', successor_id: null, effective_date: '2025-06-30' },
    });
  });

  it('renew records the successor; a scheduler transition has no actor', () => {
    const result = transition(contract({ state: 'expiring', auto_renew: true }), 'renew', { now: at('2026-01-01'), actor_id: null, successor_id: 42 });
    expect(result).toMatchObject({ ok: true, next: 'renewed', record: { actor_id: null, successor_id: 42, reason: null, effective_date: null } });
  });

  it('fields an event does not use are not stored', () => {
    const result = transition(contract({ state: 'draft' }), 'submit', fullContext);
    expect(result).toMatchObject({ ok: true, record: { successor_id: null, effective_date: null } });
  });

  it('amend keeps the state, writes the next terms version and closes the old one the day before', () => {
    const result = transition(contract({ state: 'expiring', current_terms: { version: 3, effective_from: '2025-07-01' } }), 'amend', { now: at('2025-12-10'), actor_id: 5, effective_date: '2025-12-15', terms: { amount: '130000.00' } });
    expect(result).toMatchObject({
      ok: true,
      next: 'expiring',
      record: { event: 'amend', from: 'expiring', to: 'expiring', effective_date: '2025-12-15' },
      amendment: { version: 4, effective_from: '2025-12-15', terms: { amount: '130000.00' }, supersedes: { version: 3, effective_to: '2025-12-14' } },
    });
  });

  it('amend on a contract without a terms version yet writes version 1', () => {
    const result = transition(contract({ state: 'active', current_terms: null }), 'amend', { now: at('2025-03-01'), actor_id: 5, effective_date: '2025-03-01', terms: { amount: '1' } });
    expect(result).toMatchObject({ ok: true, amendment: { version: 1, supersedes: null } });
  });
});

describe('allowedEvents', () => {
  it.each([
    ['draft', {}, '2025-06-01', ['submit', 'cancel']],
    ['pending_approval', {}, '2025-06-01', ['approve', 'reject', 'cancel']],
    ['pending_approval', { signing_date: null }, '2025-06-01', ['reject', 'cancel']],
    ['active', {}, '2025-06-01', ['renew', 'terminate', 'amend']],
    ['active', {}, '2025-12-01', ['enter_notice_window', 'renew', 'terminate', 'amend']],
    ['active', {}, '2026-01-01', ['enter_notice_window', 'renew', 'expire', 'terminate', 'amend']],
    ['expiring', {}, '2025-12-31', ['renew', 'terminate', 'amend']],
    ['expiring', {}, '2026-01-01', ['renew', 'expire', 'terminate', 'amend']],
    ['expiring', { auto_renew: true }, '2026-01-01', ['renew', 'terminate', 'amend']],
    ['renewed', {}, '2026-01-01', []],
    ['expired', {}, '2026-01-01', []],
    ['terminated', {}, '2025-06-01', []],
    ['rejected', {}, '2025-06-01', []],
    ['cancelled', {}, '2025-06-01', []],
  ] as [ContractState, Partial<LifecycleContract>, string, ContractEvent[]][])('%s %o on %s → %o', (state, overrides, today, expected) => {
    expect(allowedEvents(contract({ state, ...overrides }), at(today))).toEqual(expected);
  });
});

describe('dueLifecycleEvent (what the scheduler fires)', () => {
  it.each([
    ['active', {}, '2025-11-30', null],
    ['active', {}, '2025-12-01', 'enter_notice_window'],
    ['expiring', {}, '2025-12-15', null],
    ['expiring', {}, '2025-12-31', null],
    ['expiring', {}, '2026-01-01', 'expire'],
    ['active', {}, '2026-03-01', 'expire'],
    ['expiring', { auto_renew: true }, '2026-01-01', 'renew'],
    ['draft', {}, '2026-01-01', null],
    ['pending_approval', {}, '2026-01-01', null],
    ['renewed', {}, '2026-01-01', null],
    ['expired', {}, '2026-01-01', null],
    ['terminated', {}, '2026-01-01', null],
  ] as [ContractState, Partial<LifecycleContract>, string, string | null][])('%s %o on %s → %s', (state, overrides, today, expected) => {
    expect(dueLifecycleEvent(contract({ state, ...overrides }), at(today))).toBe(expected);
  });
});
