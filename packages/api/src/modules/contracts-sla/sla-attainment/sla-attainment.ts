/**
 * # SLA attainment
 *
 * Whether each service record met the response and resolution targets of the SLA in force when it was
 * opened, in service time (business minutes on the working calendar for 5×8, every minute for 7×24), and
 * the attainment rates per month. Pure: the caller passes the records, the SLA of each and the clock.
 * A target whose deadline has not passed yet and that is not met yet is `pending` and counts in no rate.
 */
import { addServiceMinutes, type ServiceHours, serviceMinutesBetween } from '../working-calendar/working-calendar.public.ts';
import type { Priority } from '../../service/service-records/service-records.public.ts';
import type { SlaTargets } from '../sla-policies/sla-policies.public.ts';

/** The times of a service record that attainment reads. */
export type RecordTiming = { id: number; priority: Priority; opened_at: Date; first_response_at: Date | null; resolved_at: Date | null };

/** The SLA a record is measured against: its targets and when its clock runs. */
export type AppliedSla = { targets: SlaTargets; hours: ServiceHours };

/** The state of one target. */
export type TargetOutcome = 'met' | 'breached' | 'pending';

/** One record measured against its SLA. */
export type RecordMeasure = {
  id: number;
  priority: Priority;
  response: TargetOutcome;
  resolution: TargetOutcome;
  response_due: Date;
  resolution_due: Date;
  /** Service minutes to the first response / to resolution; `null` while it has not happened. */
  response_minutes: number | null;
  resolution_minutes: number | null;
};

function outcome(done: Date | null, due: Date, now: Date): TargetOutcome {
  if (done !== null) return done.getTime() <= due.getTime() ? 'met' : 'breached';
  return now.getTime() > due.getTime() ? 'breached' : 'pending';
}

/**
 * Measures one record: deadlines from the opening time in service time, met when the event happened at or
 * before its deadline, breached when after it or when the deadline passed without it.
 * @example measureRecord({ id: 1, priority: 'P1', opened_at: fri1730, first_response_at: mon0920, resolved_at: null }, { targets, hours: fiveByEight }, now)
 * // { response: 'met', response_due: Monday 09:30, … }
 */
export function measureRecord(record: RecordTiming, sla: AppliedSla, now: Date): RecordMeasure {
  const target = sla.targets[record.priority];
  const responseDue = addServiceMinutes(record.opened_at, target.response_minutes, sla.hours);
  const resolutionDue = addServiceMinutes(record.opened_at, target.resolution_minutes, sla.hours);
  return {
    id: record.id,
    priority: record.priority,
    response: outcome(record.first_response_at, responseDue, now),
    resolution: outcome(record.resolved_at, resolutionDue, now),
    response_due: responseDue,
    resolution_due: resolutionDue,
    response_minutes: record.first_response_at ? serviceMinutesBetween(record.opened_at, record.first_response_at, sla.hours) : null,
    resolution_minutes: record.resolved_at ? serviceMinutesBetween(record.opened_at, record.resolved_at, sla.hours) : null,
  };
}

/** Counts of one target over a set of records, and its attainment rate (met / decided; `null` when none is decided). */
export type TargetAttainment = { met: number; breached: number; pending: number; rate: number | null };

/** Attainment of a set of records. */
export type Attainment = { records: number; response: TargetAttainment; resolution: TargetAttainment };

const tally = (outcomes: TargetOutcome[]): TargetAttainment => {
  const met = outcomes.filter((o) => o === 'met').length;
  const breached = outcomes.filter((o) => o === 'breached').length;
  const decided = met + breached;
  return { met, breached, pending: outcomes.length - decided, rate: decided === 0 ? null : Math.round((met / decided) * 10_000) / 10_000 };
};

/**
 * Response and resolution attainment of measured records, overall and per priority.
 * @example summarise([m1, m2]).response // { met: 1, breached: 1, pending: 0, rate: 0.5 }
 */
export function summarise(measures: readonly RecordMeasure[]): Attainment & { by_priority: Partial<Record<Priority, Attainment>> } {
  const of = (list: readonly RecordMeasure[]): Attainment => ({ records: list.length, response: tally(list.map((m) => m.response)), resolution: tally(list.map((m) => m.resolution)) });
  const byPriority: Partial<Record<Priority, Attainment>> = {};
  for (const priority of ['P1', 'P2', 'P3', 'P4'] as const) {
    const list = measures.filter((m) => m.priority === priority);
    if (list.length > 0) byPriority[priority] = of(list);
  }
  return { ...of(measures), by_priority: byPriority };
}
