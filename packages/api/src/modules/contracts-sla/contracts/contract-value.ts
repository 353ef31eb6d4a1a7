import type { IsoDate } from '../../../platform/time/calendar-date.ts';
import { contractTerm } from './contract-dates.ts';

/** How often the contract amount is billed; `one_off` is a single amount for the whole term. */
export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly', 'one_off'] as const;
/** One of `BILLING_CYCLES`. */
export type BillingCycle = (typeof BILLING_CYCLES)[number];

const MONTHS_PER_PERIOD: Record<Exclude<BillingCycle, 'one_off'>, bigint> = { monthly: 1n, quarterly: 3n, yearly: 12n };
const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** An amount as a `numeric(15,2)` column reads: `'120000.00'`. */
export type MoneyString = string;

/** A decimal amount in fen (hundredths), exact: money never passes through a float. */
function toFen(amount: MoneyString): bigint {
  const match = MONEY.exec(amount);
  if (!match) throw new RangeError(`Not a non-negative amount with at most two decimals: ${amount}`);
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

const fromFen = (fen: bigint): MoneyString => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

/** `numerator / denominator` rounded half up (both non-negative): 0.005 yuan becomes 0.01. */
const divideRounded = (numerator: bigint, denominator: bigint): bigint => (numerator * 2n + denominator) / (2n * denominator);

/** A contract's value: the amount per billing period, per year, and over its whole term. */
export type ContractValue = { per_period: MoneyString; annual: MoneyString; total: MoneyString };

/**
 * The value of a contract from its amount (per billing period, or for the whole term when `one_off`) and
 * its period. Terms of whole months count in months (a 12-month contract is worth one year whatever the
 * leap days); other terms prorate by days over a 365-day year. Rounded half up to the fen.
 * @example contractValue({ amount: '10000.00', billing_cycle: 'monthly', start_date: '2025-01-01', end_date: '2025-06-30' })
 * // { per_period: '10000.00', annual: '120000.00', total: '60000.00' }
 */
export function contractValue(input: { amount: MoneyString; billing_cycle: BillingCycle; start_date: IsoDate; end_date: IsoDate }): ContractValue {
  const amount = toFen(input.amount);
  const term = contractTerm(input.start_date, input.end_date);
  // The term as a fraction of a year: months/12 or days/365.
  const [termNumerator, yearDenominator] = term.unit === 'months' ? [BigInt(term.count), 12n] : [BigInt(term.count), 365n];
  if (input.billing_cycle === 'one_off') {
    return { per_period: fromFen(amount), annual: fromFen(divideRounded(amount * yearDenominator, termNumerator)), total: fromFen(amount) };
  }
  const monthsPerPeriod = MONTHS_PER_PERIOD[input.billing_cycle];
  const annual = amount * (12n / monthsPerPeriod);
  const total = term.unit === 'months' ? divideRounded(amount * termNumerator, monthsPerPeriod) : divideRounded(annual * termNumerator, yearDenominator);
  return { per_period: fromFen(amount), annual: fromFen(annual), total: fromFen(total) };
}

/**
 * The exact sum of amounts.
 * @example sumMoney(['0.10', '0.20']) // '0.30'
 */
export const sumMoney = (amounts: readonly MoneyString[]): MoneyString => fromFen(amounts.reduce((sum, amount) => sum + toFen(amount), 0n));
