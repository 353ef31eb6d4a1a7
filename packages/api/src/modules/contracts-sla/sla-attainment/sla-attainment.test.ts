import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../working-calendar/china-calendar.ts';
import { SERVICE_HOURS_7X24 } from '../working-calendar/business-time.ts';
import { DEFAULT_SLA_CATALOGUE } from '../sla-policies/default-catalogue.ts';
import { measureRecord, summarise, type RecordTiming } from './sla-attainment.ts';

const standard = DEFAULT_SLA_CATALOGUE[0]!.version.targets; // P1: respond 60, resolve 480 business minutes
const premium = DEFAULT_SLA_CATALOGUE[1]!.version.targets; // P1: respond 30, resolve 240 minutes, 7x24
const fiveByEight = { kind: '5x8' as const, calendar: chinaCalendar([2025, 2026]) };
const at = (local: string) => new Date(`${local}+08:00`);
const record = (fields: Partial<RecordTiming>): RecordTiming => ({ id: 1, priority: 'P1', opened_at: at('2026-03-02T10:00:00'), first_response_at: null, resolved_at: null, ...fields });

describe('measureRecord', () => {
  it.each([
    // [case, opened, responded, hours, targets, expected response outcome, due]
    ['responded inside the hour on a working day', '2026-03-02T10:00:00', '2026-03-02T10:59:00', 'met', '2026-03-02T11:00:00'],
    ['responded exactly at the deadline', '2026-03-02T10:00:00', '2026-03-02T11:00:00', 'met', '2026-03-02T11:00:00'],
    ['responded one minute late', '2026-03-02T10:00:00', '2026-03-02T11:01:00', 'breached', '2026-03-02T11:00:00'],
    ['opened Friday 17:30, the clock runs over the weekend only in office hours', '2026-03-06T17:30:00', '2026-03-09T09:20:00', 'met', '2026-03-09T09:30:00'],
    ['opened on 春节 (2026-02-17), the clock starts after the holiday', '2026-02-17T10:00:00', '2026-02-24T09:59:00', 'met', '2026-02-24T10:00:00'],
  ])('5×8 %s', (_case, opened, responded, expected, due) => {
    const measure = measureRecord(record({ opened_at: at(opened), first_response_at: at(responded) }), { targets: standard, hours: fiveByEight }, at('2026-12-01T00:00:00'));
    expect(measure.response).toBe(expected);
    expect(measure.response_due).toEqual(at(due));
  });

  it.each([
    ['at 18:00 is met', '2026-03-02T18:00:00', 'met'],
    ['at 19:00, after closing, is breached though no service minute passed since 18:00', '2026-03-02T19:00:00', 'breached'],
    ['at 09:00 next morning is breached', '2026-03-03T09:00:00', 'breached'],
  ])('5×8 a resolution due at closing time (opened 10:00, 480 minutes: due 18:00 that day), resolved %s', (_case, resolved, expected) => {
    const measure = measureRecord(record({ resolved_at: at(resolved) }), { targets: standard, hours: fiveByEight }, at('2026-12-01T00:00:00'));
    expect(measure.resolution_due).toEqual(at('2026-03-02T18:00:00'));
    expect(measure.resolution).toBe(expected);
  });

  it('counts every minute for 7×24', () => {
    const measure = measureRecord(
      record({ opened_at: at('2026-03-07T23:50:00'), first_response_at: at('2026-03-08T00:25:00'), resolved_at: at('2026-03-08T03:00:00') }),
      { targets: premium, hours: SERVICE_HOURS_7X24 },
      at('2026-12-01T00:00:00'),
    );
    expect(measure).toMatchObject({ response: 'breached', resolution: 'met', response_minutes: 35, resolution_minutes: 190 });
  });

  it('is pending until the deadline passes, then breached', () => {
    const open = record({ opened_at: at('2026-03-02T10:00:00') });
    const sla = { targets: standard, hours: fiveByEight };
    expect(measureRecord(open, sla, at('2026-03-02T10:30:00')).response).toBe('pending');
    expect(measureRecord(open, sla, at('2026-03-02T11:00:01')).response).toBe('breached');
    expect(measureRecord(open, sla, at('2026-03-02T11:00:01')).resolution).toBe('pending');
  });
});

describe('summarise', () => {
  it('rates met over decided, per target and priority, leaving pending out', () => {
    const sla = { targets: premium, hours: SERVICE_HOURS_7X24 };
    const now = at('2026-03-02T12:00:00');
    const measures = [
      measureRecord(record({ id: 1, first_response_at: at('2026-03-02T10:10:00'), resolved_at: at('2026-03-02T11:00:00') }), sla, now),
      measureRecord(record({ id: 2, first_response_at: at('2026-03-02T10:45:00') }), sla, now),
      measureRecord(record({ id: 3, priority: 'P3', opened_at: at('2026-03-02T11:00:00') }), sla, now),
    ];
    const summary = summarise(measures);
    expect(summary.records).toBe(3);
    expect(summary.response).toEqual({ met: 1, breached: 1, pending: 1, rate: 0.5 });
    expect(summary.resolution).toEqual({ met: 1, breached: 0, pending: 2, rate: 1 });
    expect(summary.by_priority.P1?.records).toBe(2);
    expect(summary.by_priority.P3?.response.rate).toBeNull();
    expect(summarise([]).response.rate).toBeNull();
  });
});
