import { localDateKey } from '../../../platform/time/local-time.ts';
import { isIsoDate, type IsoDate } from '../../../platform/time/calendar-date.ts';

/** The prefix of contract numbers (合同). */
export const CONTRACT_NUMBER_PREFIX = 'HT';

// Four digits, zero-padded; nextDailyCode keeps counting past 9999 without padding, so longer ones are valid too.
const CONTRACT_NUMBER = /^HT(\d{4})(\d{2})(\d{2})(\d{4}|[1-9]\d{4,})$/;

/**
 * The contract number for a day's sequence value: `HT` + the Asia/Shanghai business date + the sequence
 * padded to four digits — exactly what `nextDailyCode(scope, CONTRACT_NUMBER_PREFIX, now)`
 * (platform/code-sequence.ts) returns, which is how the service allocates them: one counter row per tenant
 * and day, so concurrent creates never share a number. This function is for tests, imports and previews.
 * @example formatContractNumber(new Date('2026-11-25T16:30:00Z'), 1) // 'HT202611260001'
 */
export function formatContractNumber(now: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`A contract sequence starts at 1: ${sequence}`);
  return `${CONTRACT_NUMBER_PREFIX}${localDateKey(now)}${String(sequence).padStart(4, '0')}`;
}

/** A contract number read back: its business date and the day's sequence value. */
export type ParsedContractNumber = { business_date: IsoDate; sequence: number };

/**
 * Reads a contract number, or `null` when it is not one (wrong prefix, impossible date, sequence 0,
 * lower case, spaces).
 * @example parseContractNumber('HT202402290012') // { business_date: '2024-02-29', sequence: 12 }
 */
export function parseContractNumber(value: string): ParsedContractNumber | null {
  const match = CONTRACT_NUMBER.exec(value);
  if (!match) return null;
  const [, year, month, day, sequence] = match as unknown as [string, string, string, string, string];
  const business_date = `${year}-${month}-${day}`;
  const n = Number(sequence);
  if (!isIsoDate(business_date) || n < 1) return null;
  return { business_date, sequence: n };
}

/**
 * Whether `value` is a well-formed contract number.
 * @example isContractNumber('HT202611260001') // true
 */
export const isContractNumber = (value: string): boolean => parseContractNumber(value) !== null;
