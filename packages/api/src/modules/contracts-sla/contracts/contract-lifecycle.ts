import { addDays, businessDate, dayNumber, type IsoDate } from '../../../platform/time/calendar-date.ts';
import './contracts.errors.ts';

/** Every state a contract can be in. `expiring` is `active` inside the notice window before its end. */
export const CONTRACT_STATES = ['draft', 'pending_approval', 'active', 'expiring', 'renewed', 'expired', 'terminated', 'rejected', 'cancelled'] as const;
/** One of `CONTRACT_STATES`. */
export type ContractState = (typeof CONTRACT_STATES)[number];

/** Every event that moves a contract. `amend` keeps the state and adds a terms version. */
export const CONTRACT_EVENTS = ['submit', 'approve', 'reject', 'cancel', 'enter_notice_window', 'renew', 'expire', 'terminate', 'amend'] as const;
/** One of `CONTRACT_EVENTS`. */
export type ContractEvent = (typeof CONTRACT_EVENTS)[number];

/** States no event leaves. */
export const TERMINAL_STATES: readonly ContractState[] = ['renewed', 'expired', 'terminated', 'rejected', 'cancelled'];

/**
 * The transition table: from which states each event may fire and where it leads (`'same'`: the state
 * does not change). Guards come on top of this table; an event not listed for a state is illegal there.
 */
export const CONTRACT_TRANSITIONS: Readonly<Record<ContractEvent, { from: readonly ContractState[]; to: ContractState | 'same' }>> = {
  submit: { from: ['draft'], to: 'pending_approval' },
  approve: { from: ['pending_approval'], to: 'active' },
  reject: { from: ['pending_approval'], to: 'rejected' },
  cancel: { from: ['draft', 'pending_approval'], to: 'cancelled' },
  enter_notice_window: { from: ['active'], to: 'expiring' },
  renew: { from: ['active', 'expiring'], to: 'renewed' },
  expire: { from: ['active', 'expiring'], to: 'expired' },
  terminate: { from: ['active', 'expiring'], to: 'terminated' },
  amend: { from: ['active', 'expiring'], to: 'same' },
};

/** The current terms version of a contract: amendments number on from it. */
export type TermsVersionRef = { version: number; effective_from: IsoDate };

/** What the state machine reads from a contract. Dates are business dates; the period is inclusive. */
export type LifecycleContract = {
  id: number;
  state: ContractState;
  start_date: IsoDate;
  end_date: IsoDate;
  signing_date: IsoDate | null;
  /** The customer contact who signed. */
  customer_signatory_id: number | null;
  /** Our staff member who signed. */
  staff_signatory_id: number | null;
  auto_renew: boolean;
  notice_period_days: number;
  /** The terms version in force; `null` before the first version is written (drafts). */
  current_terms: TermsVersionRef | null;
};

/** Who fires an event and what comes with it. Fields an event does not use are ignored. */
export type TransitionContext<Terms = unknown> = {
  /** When the event fires; its Asia/Shanghai date is "today" for every date guard. */
  now: Date;
  /** The user who fires it; `null` for the scheduler (notice window, expiry, auto-renewal). */
  actor_id: number | null;
  /** Required by `reject` and `terminate`; stored for every event when given. */
  reason?: string | null;
  /** `renew`: the successor contract, already created (see `successorDraft`). */
  successor_id?: number | null;
  /** `terminate`: the day the contract ends; `amend`: the day the new terms take effect. */
  effective_date?: IsoDate | null;
  /** `amend`: the new terms. */
  terms?: Terms | null;
};

/** Why a guard refused an event. */
export type GuardFailure =
  | 'signing_date_missing'
  | 'signing_date_in_future'
  | 'signatories_missing'
  | 'period_invalid'
  | 'reason_required'
  | 'not_in_notice_window'
  | 'not_past_end'
  | 'auto_renews'
  | 'successor_missing'
  | 'successor_is_self'
  | 'effective_date_missing'
  | 'effective_date_outside_period'
  | 'effective_date_not_after_current_terms'
  | 'terms_missing';

/** One row of the contract's transition history, as the service stores it. */
export type TransitionRecord = {
  contract_id: number;
  event: ContractEvent;
  from: ContractState;
  to: ContractState;
  actor_id: number | null;
  at: Date;
  reason: string | null;
  successor_id: number | null;
  effective_date: IsoDate | null;
};

/** The terms version an amendment writes, and the end it gives the version it supersedes (kept, not changed). */
export type TermsAmendment<Terms = unknown> = {
  version: number;
  effective_from: IsoDate;
  terms: Terms;
  supersedes: { version: number; effective_to: IsoDate } | null;
};

/** A transition that may happen: the next state and what to store. */
export type TransitionOk<Terms = unknown> = { ok: true; next: ContractState; record: TransitionRecord; amendment: TermsAmendment<Terms> | null };
/** A refused transition: 409 with the events that are allowed now (`illegal_transition`) or 422 (`guard_failed`). */
export type TransitionRefused = {
  ok: false;
  error: 'contract.illegal_transition' | 'contract.guard_failed';
  allowed: ContractEvent[];
  /** The first reason; `failures` holds all of them so a form can mark every missing field at once. */
  reason: GuardFailure | 'not_allowed_from_state';
  failures: (GuardFailure | 'not_allowed_from_state')[];
};
/** The answer of `transition`. */
export type TransitionResult<Terms = unknown> = TransitionOk<Terms> | TransitionRefused;

const blank = (text: string | null | undefined): boolean => !text || text.trim() === '';
const within = (date: IsoDate, from: IsoDate, to: IsoDate): boolean => dayNumber(from) <= dayNumber(date) && dayNumber(date) <= dayNumber(to);

/** The first day of the notice window: `notice_period_days` before the end date. */
export const noticeWindowStart = (contract: Pick<LifecycleContract, 'end_date' | 'notice_period_days'>): IsoDate => addDays(contract.end_date, -contract.notice_period_days);

/**
 * Guards that depend only on the contract and today, so `allowedEvents` can tell the user what is
 * possible before they fill in a form.
 */
function contractGuards(contract: LifecycleContract, event: ContractEvent, today: IsoDate): GuardFailure[] {
  const failures: GuardFailure[] = [];
  const todayNumber = dayNumber(today);
  switch (event) {
    case 'approve':
      if (contract.signing_date === null) failures.push('signing_date_missing');
      else if (dayNumber(contract.signing_date) > todayNumber) failures.push('signing_date_in_future');
      if (contract.customer_signatory_id === null || contract.staff_signatory_id === null) failures.push('signatories_missing');
      if (dayNumber(contract.start_date) > dayNumber(contract.end_date)) failures.push('period_invalid');
      break;
    case 'enter_notice_window':
      if (todayNumber < dayNumber(noticeWindowStart(contract))) failures.push('not_in_notice_window');
      break;
    case 'expire':
      if (todayNumber <= dayNumber(contract.end_date)) failures.push('not_past_end');
      // An auto-renewing contract does not lapse: the scheduler renews it instead (see dueLifecycleEvent).
      if (contract.auto_renew) failures.push('auto_renews');
      break;
    default:
      break;
  }
  return failures;
}

/** Guards on what the caller sends with the event (reason, successor, effective date, terms). */
function payloadGuards(contract: LifecycleContract, event: ContractEvent, context: TransitionContext): GuardFailure[] {
  const failures: GuardFailure[] = [];
  const effective = context.effective_date ?? null;
  switch (event) {
    case 'reject':
      if (blank(context.reason)) failures.push('reason_required');
      break;
    case 'renew':
      if (context.successor_id === null || context.successor_id === undefined) failures.push('successor_missing');
      else if (context.successor_id === contract.id) failures.push('successor_is_self');
      break;
    case 'terminate':
      if (blank(context.reason)) failures.push('reason_required');
      if (effective === null) failures.push('effective_date_missing');
      else if (!within(effective, contract.start_date, contract.end_date)) failures.push('effective_date_outside_period');
      break;
    case 'amend':
      if (context.terms === null || context.terms === undefined) failures.push('terms_missing');
      if (effective === null) failures.push('effective_date_missing');
      else if (!within(effective, contract.start_date, contract.end_date)) failures.push('effective_date_outside_period');
      // Same-day or earlier would leave the superseded version with an empty or negative validity.
      else if (contract.current_terms && dayNumber(effective) <= dayNumber(contract.current_terms.effective_from)) failures.push('effective_date_not_after_current_terms');
      break;
    default:
      break;
  }
  return failures;
}

/**
 * The events that may fire on this contract now: legal from its state and passing the guards that
 * depend on the contract and the date. What the request must carry (reason, successor, effective date)
 * is checked by `transition`.
 * @example allowedEvents({ ...contract, state: 'draft' }, new Date()) // ['submit', 'cancel']
 */
export function allowedEvents(contract: LifecycleContract, now: Date): ContractEvent[] {
  const today = businessDate(now);
  return CONTRACT_EVENTS.filter((event) => CONTRACT_TRANSITIONS[event].from.includes(contract.state) && contractGuards(contract, event, today).length === 0);
}

/**
 * Fires `event` on `contract`: the next state and the history row to store, or why not. Pure: the
 * service persists the answer (with a compare-and-set on the old state, so two concurrent transitions
 * cannot both win).
 * @example transition(draft, 'submit', { now: new Date(), actor_id: 7 })
 * // { ok: true, next: 'pending_approval', record: { event: 'submit', from: 'draft', to: 'pending_approval', … }, amendment: null }
 */
export function transition<Terms>(contract: LifecycleContract, event: ContractEvent, context: TransitionContext<Terms>): TransitionResult<Terms> {
  const rule = CONTRACT_TRANSITIONS[event];
  if (!rule.from.includes(contract.state)) {
    return { ok: false, error: 'contract.illegal_transition', allowed: allowedEvents(contract, context.now), reason: 'not_allowed_from_state', failures: ['not_allowed_from_state'] };
  }
  const failures = [...contractGuards(contract, event, businessDate(context.now)), ...payloadGuards(contract, event, context)];
  if (failures.length > 0) {
    return { ok: false, error: 'contract.guard_failed', allowed: allowedEvents(contract, context.now), reason: failures[0]!, failures };
  }
  const next = rule.to === 'same' ? contract.state : rule.to;
  const effective = event === 'terminate' || event === 'amend' ? (context.effective_date ?? null) : null;
  const record: TransitionRecord = {
    contract_id: contract.id,
    event,
    from: contract.state,
    to: next,
    actor_id: context.actor_id,
    at: context.now,
    reason: blank(context.reason) ? null : context.reason!.trim(),
    successor_id: event === 'renew' ? (context.successor_id ?? null) : null,
    effective_date: effective,
  };
  const amendment: TermsAmendment<Terms> | null =
    event === 'amend'
      ? {
          version: (contract.current_terms?.version ?? 0) + 1,
          effective_from: effective!,
          terms: context.terms!,
          supersedes: contract.current_terms ? { version: contract.current_terms.version, effective_to: addDays(effective!, -1) } : null,
        }
      : null;
  return { ok: true, next, record, amendment };
}

/**
 * The event the scheduler should fire on this contract today, if any: past its end an active contract
 * expires (or renews, when it auto-renews — the service creates the successor first); inside the notice
 * window an active contract becomes expiring.
 * @example dueLifecycleEvent({ ...contract, state: 'active', end_date: '2025-12-31', auto_renew: false }, new Date('2026-01-01T02:00:00Z')) // 'expire'
 */
export function dueLifecycleEvent(contract: LifecycleContract, now: Date): 'enter_notice_window' | 'expire' | 'renew' | null {
  if (contract.state !== 'active' && contract.state !== 'expiring') return null;
  const today = dayNumber(businessDate(now));
  if (today > dayNumber(contract.end_date)) return contract.auto_renew ? 'renew' : 'expire';
  if (contract.state === 'active' && today >= dayNumber(noticeWindowStart(contract))) return 'enter_notice_window';
  return null;
}
