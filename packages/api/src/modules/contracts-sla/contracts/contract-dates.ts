import { addDays, addMonths, businessDate, dayNumber, type IsoDate } from '../../../platform/time/calendar-date.ts';
import { noticeWindowStart, type ContractState } from './contract-lifecycle.ts';

/** A contract's dates as the derived facts need them. */
export type ContractDates = { state: ContractState; start_date: IsoDate; end_date: IsoDate; notice_period_days: number };

/** States in which a contract runs and can still be renewed: the renewals view and reminders look only at these. */
const RUNNING: readonly ContractState[] = ['active', 'expiring'];

/**
 * Days from today (business date) to the end date: 0 on the last day, negative once it has passed.
 * @example daysToEnd({ end_date: '2025-12-31' }, new Date('2025-12-01T04:00:00Z')) // 30
 */
export const daysToEnd = (contract: Pick<ContractDates, 'end_date'>, now: Date): number => dayNumber(contract.end_date) - dayNumber(businessDate(now));

/**
 * Whether today lies in the notice window: from `notice_period_days` before the end through the end date.
 * @example inNoticeWindow({ end_date: '2025-12-31', notice_period_days: 30 }, new Date('2025-12-01T04:00:00Z')) // true
 */
export function inNoticeWindow(contract: Pick<ContractDates, 'end_date' | 'notice_period_days'>, now: Date): boolean {
  const today = dayNumber(businessDate(now));
  return today >= dayNumber(noticeWindowStart(contract)) && today <= dayNumber(contract.end_date);
}

/** The renewals view's buckets: due within 30, 60 or 90 days. */
export const RENEWAL_BUCKETS = [30, 60, 90] as const;
/** One of `RENEWAL_BUCKETS`. */
export type RenewalBucket = (typeof RENEWAL_BUCKETS)[number];

/**
 * The renewals-view bucket of a running contract: the smallest of 30/60/90 that its days to end fit in,
 * or `null` when it is not running, has ended, or ends later than 90 days from now.
 * @example renewalBucket({ state: 'active', end_date: '2025-12-31' }, new Date('2025-11-15T04:00:00Z')) // 60
 */
export function renewalBucket(contract: Pick<ContractDates, 'state' | 'end_date'>, now: Date): RenewalBucket | null {
  if (!RUNNING.includes(contract.state)) return null;
  const days = daysToEnd(contract, now);
  if (days < 0) return null;
  return RENEWAL_BUCKETS.find((bucket) => days <= bucket) ?? null;
}

/** Reminder offsets (days before the end) when a tenant has not configured its own. */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [90, 60, 30, 7];

/**
 * Configured offsets as the reminder rule uses them: whole days from 1 to 366, without duplicates, largest
 * first. Anything else is dropped rather than thrown, so one bad setting cannot stop the scheduler; the
 * settings API refuses such values before they are stored.
 * @example normaliseReminderOffsets([7, 30, 30, 0, 90]) // [90, 30, 7]
 */
export const normaliseReminderOffsets = (offsets: readonly number[]): number[] =>
  [...new Set(offsets)].filter((offset) => Number.isInteger(offset) && offset >= 1 && offset <= 366).sort((a, b) => b - a);

/** What to do about one reminder offset now. */
export type ReminderDecision = {
  offset_days: number;
  /** The day the reminder became due: `offset_days` before the end. */
  due_date: IsoDate;
  /**
   * `send`: notify now. `superseded`: its day passed while a closer reminder is also due (the contract
   * was signed late, or the scheduler was down), so only the closer one is sent; recorded all the same,
   * so it never fires later.
   */
  outcome: 'send' | 'superseded';
};

/**
 * The reminders to record now for a running contract, given the offsets already recorded. At most one is
 * sent: the closest to the end among those whose day has come. Every decision is recorded (unique per
 * tenant, contract and offset), so repeated runs, restarts and concurrent replicas fire each offset at most
 * once; with a daily run that starts before the first offset, each fires exactly once.
 * @example remindersDue({ state: 'active', end_date: '2025-12-31' }, new Date('2025-12-01T04:00:00Z'), [90, 60])
 * // [{ offset_days: 30, due_date: '2025-12-01', outcome: 'send' }]
 */
export function remindersDue(
  contract: Pick<ContractDates, 'state' | 'end_date'>,
  now: Date,
  recorded: readonly number[],
  offsets: readonly number[] = DEFAULT_REMINDER_OFFSETS,
): ReminderDecision[] {
  if (!RUNNING.includes(contract.state)) return [];
  const days = daysToEnd(contract, now);
  if (days < 0) return [];
  const done = new Set(recorded);
  const due = normaliseReminderOffsets(offsets).filter((offset) => offset >= days && !done.has(offset));
  const closest = due.at(-1);
  return due.map((offset) => ({ offset_days: offset, due_date: addDays(contract.end_date, -offset), outcome: offset === closest ? 'send' : 'superseded' }));
}

/** A contract's length: whole calendar months when it runs from a day to the day before the same day months later, else days. */
export type ContractTerm = { unit: 'months'; count: number } | { unit: 'days'; count: number };

/**
 * The length of an inclusive period. 2025-01-01..2025-12-31 is 12 months; 2024-03-01..2025-02-28 is
 * 12 months (the end clamps to the month's last day); 2025-01-10..2025-02-20 is 42 days.
 * @example contractTerm('2025-01-01', '2025-12-31') // { unit: 'months', count: 12 }
 */
export function contractTerm(start: IsoDate, end: IsoDate): ContractTerm {
  const after = addDays(end, 1);
  const months = (Number(after.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(after.slice(5, 7)) - Number(start.slice(5, 7));
  if (months > 0 && addMonths(start, months) === after) return { unit: 'months', count: months };
  return { unit: 'days', count: dayNumber(end) - dayNumber(start) + 1 };
}

/** The end date of a term that starts on `start`. */
const termEnd = (start: IsoDate, term: ContractTerm): IsoDate =>
  term.unit === 'months' ? addDays(addMonths(start, term.count), -1) : addDays(start, term.count - 1);

/** What a renewal copies from its predecessor. */
export type SuccessorSource<Terms> = {
  id: number;
  customer_id: number;
  title: string;
  start_date: IsoDate;
  end_date: IsoDate;
  auto_renew: boolean;
  notice_period_days: number;
  owner_id: number | null;
  terms: Terms;
};

/** The pre-filled successor: a draft renewal linked to its predecessor, to be signed and approved like any contract. */
export type SuccessorDraft<Terms> = Omit<SuccessorSource<Terms>, 'id'> & {
  kind: 'renewal';
  state: 'draft';
  predecessor_id: number;
  signing_date: null;
  customer_signatory_id: null;
  staff_signatory_id: null;
};

/**
 * The successor a renewal creates: it starts the day after the predecessor ends and runs as long (in whole
 * months when the predecessor did, so a calendar year renews to the next calendar year, leap day or not),
 * with a copy of the same terms. Signing date and signatories stay empty: the renewal is signed anew.
 * @example successorDraft({ id: 7, start_date: '2024-01-01', end_date: '2024-12-31', … }).end_date // '2025-12-31'
 */
export function successorDraft<Terms>(predecessor: SuccessorSource<Terms>): SuccessorDraft<Terms> {
  const { id, start_date, end_date, terms, ...copied } = predecessor;
  const start = addDays(end_date, 1);
  return {
    ...copied,
    kind: 'renewal',
    state: 'draft',
    predecessor_id: id,
    start_date: start,
    end_date: termEnd(start, contractTerm(start_date, end_date)),
    // A deep copy: editing the draft's service lines must never reach the predecessor's stored terms.
    terms: structuredClone(terms),
    signing_date: null,
    customer_signatory_id: null,
    staff_signatory_id: null,
  };
}
