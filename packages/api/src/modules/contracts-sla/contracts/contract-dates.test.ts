import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../platform/time/calendar-date.ts';
import {
  contractTerm,
  daysToEnd,
  inNoticeWindow,
  normaliseReminderOffsets,
  remindersDue,
  renewalBucket,
  successorDraft,
  type SuccessorSource,
} from './contract-dates.ts';
import type { ContractState } from './contract-lifecycle.ts';

/** Noon in Shanghai on a business date. */
const at = (date: string) => new Date(`${date}T04:00:00Z`);

describe('daysToEnd', () => {
  it.each([
    ['2025-12-31', '2025-12-01', 30],
    ['2025-12-31', '2025-12-31', 0],
    ['2025-12-31', '2026-01-01', -1],
    ['2024-03-01', '2024-02-28', 2],
    ['2025-03-01', '2025-02-28', 1],
    ['2026-01-01', '2025-01-01', 365],
  ])('ending %s, on %s: %i', (end, today, expected) => {
    expect(daysToEnd({ end_date: end }, at(today))).toBe(expected);
  });

  it('counts from the Shanghai date: 23:30 UTC on 30 Dec is already 31 Dec', () => {
    expect(daysToEnd({ end_date: '2025-12-31' }, new Date('2025-12-30T23:30:00Z'))).toBe(0);
  });
});

describe('inNoticeWindow', () => {
  it.each([
    [30, '2025-11-30', false],
    [30, '2025-12-01', true],
    [30, '2025-12-31', true],
    [30, '2026-01-01', false],
    [0, '2025-12-30', false],
    [0, '2025-12-31', true],
    [90, '2025-10-02', true],
    [90, '2025-10-01', false],
  ])('ending 2025-12-31 with %i days notice, on %s: %s', (notice, today, expected) => {
    expect(inNoticeWindow({ end_date: '2025-12-31', notice_period_days: notice }, at(today))).toBe(expected);
  });

  it('a notice window across February of a leap year', () => {
    // 30 days before 2024-03-15 is 2024-02-14 (29 days in February 2024).
    expect(inNoticeWindow({ end_date: '2024-03-15', notice_period_days: 30 }, at('2024-02-13'))).toBe(false);
    expect(inNoticeWindow({ end_date: '2024-03-15', notice_period_days: 30 }, at('2024-02-14'))).toBe(true);
  });
});

describe('renewalBucket', () => {
  it.each([
    ['active', '2025-12-31', 0, 30],
    ['active', '2025-12-31', 30, 30],
    ['expiring', '2025-12-31', 31, 60],
    ['active', '2025-12-31', 60, 60],
    ['active', '2025-12-31', 61, 90],
    ['active', '2025-12-31', 90, 90],
    ['active', '2025-12-31', 91, null],
    ['active', '2025-12-31', -1, null],
    ['renewed', '2025-12-31', 10, null],
    ['draft', '2025-12-31', 10, null],
    ['expired', '2025-12-31', 10, null],
  ] as [ContractState, string, number, number | null][])('%s ending %s with %i days left → %s', (state, end, daysLeft, expected) => {
    expect(renewalBucket({ state, end_date: end }, at(addDays(end, -daysLeft)))).toBe(expected);
  });
});

describe('normaliseReminderOffsets', () => {
  it.each([
    [[90, 60, 30, 7], [90, 60, 30, 7]],
    [[7, 30, 30, 90], [90, 30, 7]],
    [[0, -5, 1.5, 400, 14], [14]],
    [[], []],
  ])('%o → %o', (input, expected) => {
    expect(normaliseReminderOffsets(input)).toEqual(expected);
  });
});

describe('remindersDue', () => {
  const running = { state: 'active' as const, end_date: '2025-12-31' };
  type Row = [label: string, today: string, recorded: number[], expected: [number, 'send' | 'superseded'][]];
  const rows: Row[] = [
    ['nothing before the first offset', '2025-10-01', [], []],
    ['the 90-day reminder on its day', '2025-10-02', [], [[90, 'send']]],
    ['not again once recorded', '2025-10-03', [90], []],
    ['the 60-day reminder on its day', '2025-11-01', [90], [[60, 'send']]],
    ['the 30-day reminder on its day', '2025-12-01', [90, 60], [[30, 'send']]],
    ['the 7-day reminder on its day', '2025-12-24', [90, 60, 30], [[7, 'send']]],
    ['nothing on the end date once all are recorded', '2025-12-31', [90, 60, 30, 7], []],
    ['signed with 20 days left: the 30-day one is sent, 90 and 60 are superseded', '2025-12-11', [], [[90, 'superseded'], [60, 'superseded'], [30, 'send']]],
    ['scheduler down across the 60-day mark: only 30 is sent', '2025-12-05', [90], [[60, 'superseded'], [30, 'send']]],
    ['a late 7-day reminder is still sent on the end date', '2025-12-31', [90, 60, 30], [[7, 'send']]],
    ['nothing after the end', '2026-01-01', [90, 60, 30], []],
  ];

  it.each(rows)('%s', (_label, today, recorded, expected) => {
    const decisions = remindersDue(running, at(today), recorded);
    expect(decisions.map((d) => [d.offset_days, d.outcome])).toEqual(expected);
  });

  it('states each reminder’s due date', () => {
    expect(remindersDue(running, at('2025-12-01'), [90, 60])).toEqual([{ offset_days: 30, due_date: '2025-12-01', outcome: 'send' }]);
  });

  it.each(['draft', 'pending_approval', 'renewed', 'expired', 'terminated', 'cancelled', 'rejected'] as ContractState[])('no reminders for a %s contract', (state) => {
    expect(remindersDue({ state, end_date: '2025-12-31' }, at('2025-12-24'), [])).toEqual([]);
  });

  it('uses configured offsets instead of the default', () => {
    expect(remindersDue(running, at('2025-12-17'), [], [14, 45])).toEqual([
      { offset_days: 45, due_date: '2025-11-16', outcome: 'superseded' },
      { offset_days: 14, due_date: '2025-12-17', outcome: 'send' },
    ]);
  });

  it('across repeated and irregular evaluations, each offset is recorded at most once and sends at most once', () => {
    // Runs on random days (several a day, gaps of days) from 120 days before the end to past it.
    const runs = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 150 });
    fc.assert(
      fc.property(runs, fc.subarray([120, 90, 60, 30, 14, 7, 1]), (gaps, offsets) => {
        const recorded: number[] = [];
        const sent: number[] = [];
        let day = -120;
        for (const [gap, repeats] of gaps) {
          day += gap;
          for (let r = 0; r < repeats; r += 1) {
            for (const decision of remindersDue(running, at(addDays('2025-12-31', day)), recorded, offsets)) {
              recorded.push(decision.offset_days);
              if (decision.outcome === 'send') sent.push(decision.offset_days);
            }
          }
        }
        expect(new Set(recorded).size).toBe(recorded.length);
        expect(new Set(sent).size).toBe(sent.length);
        // Every offset whose day was reached while the contract ran is decided.
        const lastRunDay = Math.min(day, 0);
        expect([...recorded].sort()).toEqual(offsets.filter((o) => -o <= lastRunDay).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('with one run a day, every offset is sent exactly once, on its own day', () => {
    const sentOn: [number, string][] = [];
    const recorded: number[] = [];
    for (let day = -100; day <= 5; day += 1) {
      for (let replica = 0; replica < 2; replica += 1) {
        const today = addDays('2025-12-31', day);
        for (const decision of remindersDue(running, at(today), recorded)) {
          recorded.push(decision.offset_days);
          if (decision.outcome === 'send') sentOn.push([decision.offset_days, today]);
        }
      }
    }
    expect(sentOn).toEqual([
      [90, '2025-10-02'],
      [60, '2025-11-01'],
      [30, '2025-12-01'],
      [7, '2025-12-24'],
    ]);
  });
});

describe('contractTerm', () => {
  it.each([
    ['2025-01-01', '2025-12-31', { unit: 'months', count: 12 }],
    ['2024-01-01', '2024-12-31', { unit: 'months', count: 12 }],
    ['2024-03-01', '2025-02-28', { unit: 'months', count: 12 }],
    ['2023-03-01', '2024-02-29', { unit: 'months', count: 12 }],
    ['2025-01-15', '2025-04-14', { unit: 'months', count: 3 }],
    ['2025-01-31', '2025-02-27', { unit: 'months', count: 1 }],
    ['2025-01-01', '2027-12-31', { unit: 'months', count: 36 }],
    ['2025-01-10', '2025-02-20', { unit: 'days', count: 42 }],
    ['2025-06-01', '2025-06-01', { unit: 'days', count: 1 }],
  ])('%s..%s is %o', (start, end, expected) => {
    expect(contractTerm(start, end)).toEqual(expected);
  });
});

describe('successorDraft', () => {
  const predecessor = (start_date: string, end_date: string): SuccessorSource<{ amount: string; covered_services: { service_id: number; quantity: number }[] }> => ({
    id: 7,
    customer_id: 12345,
    title: '2025 年度运维服务合同',
    start_date,
    end_date,
    auto_renew: true,
    notice_period_days: 60,
    owner_id: 1001,
    terms: { amount: '120000.00', covered_services: [{ service_id: 3, quantity: 20 }] },
  });

  it.each([
    ['a calendar year', '2025-01-01', '2025-12-31', '2026-01-01', '2026-12-31'],
    ['a calendar year into a leap year', '2023-01-01', '2023-12-31', '2024-01-01', '2024-12-31'],
    ['a leap calendar year', '2024-01-01', '2024-12-31', '2025-01-01', '2025-12-31'],
    ['a year ending on a leap day', '2023-03-01', '2024-02-29', '2024-03-01', '2025-02-28'],
    ['a year ending before a leap day', '2023-02-28', '2024-02-27', '2024-02-28', '2025-02-27'],
    ['a quarter from mid-month', '2025-01-15', '2025-04-14', '2025-04-15', '2025-07-14'],
    ['a month ending on 30 November', '2025-11-01', '2025-11-30', '2025-12-01', '2025-12-31'],
    ['42 days', '2025-01-10', '2025-02-20', '2025-02-21', '2025-04-03'],
  ])('%s: %s..%s → %s..%s', (_label, start, end, nextStart, nextEnd) => {
    expect(successorDraft(predecessor(start, end))).toMatchObject({ start_date: nextStart, end_date: nextEnd });
  });

  it('is a draft renewal linked to its predecessor with the same terms, to be signed anew', () => {
    expect(successorDraft(predecessor('2025-01-01', '2025-12-31'))).toEqual({
      kind: 'renewal',
      state: 'draft',
      predecessor_id: 7,
      customer_id: 12345,
      title: '2025 年度运维服务合同',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      auto_renew: true,
      notice_period_days: 60,
      owner_id: 1001,
      terms: { amount: '120000.00', covered_services: [{ service_id: 3, quantity: 20 }] },
      signing_date: null,
      customer_signatory_id: null,
      staff_signatory_id: null,
    });
  });

  it('copies the terms: editing the draft leaves the predecessor untouched', () => {
    const source = predecessor('2025-01-01', '2025-12-31');
    successorDraft(source).terms.covered_services[0]!.quantity = 99;
    expect(source.terms.covered_services[0]!.quantity).toBe(20);
  });
});
