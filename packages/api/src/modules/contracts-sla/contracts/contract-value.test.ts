import { describe, expect, it } from 'vitest';
import { contractValue, type BillingCycle } from './contract-value.ts';

describe('contractValue', () => {
  it.each([
    ['monthly over a year', '10000.00', 'monthly', '2025-01-01', '2025-12-31', '10000.00', '120000.00', '120000.00'],
    ['monthly over half a year', '10000', 'monthly', '2025-01-01', '2025-06-30', '10000.00', '120000.00', '60000.00'],
    ['quarterly over a year', '30000.00', 'quarterly', '2025-01-01', '2025-12-31', '30000.00', '120000.00', '120000.00'],
    ['quarterly over two months', '30000.00', 'quarterly', '2025-01-01', '2025-02-28', '30000.00', '120000.00', '20000.00'],
    ['yearly over three years', '120000.00', 'yearly', '2025-01-01', '2027-12-31', '120000.00', '120000.00', '360000.00'],
    ['yearly over a leap year counts one year', '120000.00', 'yearly', '2024-01-01', '2024-12-31', '120000.00', '120000.00', '120000.00'],
    ['yearly over 73 days prorates by days', '365000.00', 'yearly', '2025-01-01', '2025-03-14', '365000.00', '365000.00', '73000.00'],
    ['one-off over two years', '240000.00', 'one_off', '2025-01-01', '2026-12-31', '240000.00', '120000.00', '240000.00'],
    ['one-off over a quarter', '30000.00', 'one_off', '2025-04-01', '2025-06-30', '30000.00', '120000.00', '30000.00'],
    ['one-off over 146 days', '10000.00', 'one_off', '2025-01-01', '2025-05-26', '10000.00', '25000.00', '10000.00'],
    ['one-off rounds half up to the fen', '100.00', 'one_off', '2025-01-01', '2025-07-31', '100.00', '171.43', '100.00'],
    ['monthly rounding on a day-prorated term', '0.01', 'monthly', '2025-01-10', '2025-02-20', '0.01', '0.12', '0.01'],
    ['zero amount', '0', 'monthly', '2025-01-01', '2025-12-31', '0.00', '0.00', '0.00'],
    ['one decimal', '99.5', 'monthly', '2025-01-01', '2025-01-31', '99.50', '1194.00', '99.50'],
    ['large amounts stay exact', '9999999999999.99', 'quarterly', '2025-01-01', '2025-12-31', '9999999999999.99', '39999999999999.96', '39999999999999.96'],
  ] as [string, string, BillingCycle, string, string, string, string, string][])('%s', (_label, amount, billing_cycle, start_date, end_date, per_period, annual, total) => {
    expect(contractValue({ amount, billing_cycle, start_date, end_date })).toEqual({ per_period, annual, total });
  });

  it.each(['-1.00', '1.001', 'abc', '', '1e5', ' 100'])('refuses the amount %j', (amount) => {
    expect(() => contractValue({ amount, billing_cycle: 'monthly', start_date: '2025-01-01', end_date: '2025-12-31' })).toThrow(RangeError);
  });
});
