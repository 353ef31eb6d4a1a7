import { describe, expect, it } from 'vitest';
import { assignCustomerCodes, shanghaiDay } from './customer-codes.ts';

describe('customer codes', () => {
  it.each([
    ['2024-08-10T15:59:59Z', '20240810'],
    ['2024-08-10T16:00:00Z', '20240811'],
    ['2024-12-31T23:00:00Z', '20250101'],
  ])('%s is %s in Shanghai', (instant, day) => {
    expect(shanghaiDay(new Date(instant))).toBe(day);
  });

  it('numbers each Shanghai day from 0001 in creation order and reports the last value per day', () => {
    const at = ['2024-08-11T06:30:00Z', '2024-08-11T02:00:00Z', '2024-08-11T17:00:00Z', '2024-08-11T06:30:00Z'].map((s) => new Date(s));
    const { codes, sequences } = assignCustomerCodes(at);
    expect(codes).toEqual(['CUST202408110002', 'CUST202408110001', 'CUST202408120001', 'CUST202408110003']);
    expect([...sequences]).toEqual([['CUST20240811', 3], ['CUST20240812', 1]]);
  });
});
