import { businessMonth, startOfBusinessDay, type IsoMonth } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { serviceRecordsOpenedBetween } from '../../service/service-records/service-records.public.ts';
import { customerBindingsOverlapping } from '../sla-bindings/sla-bindings.public.ts';
import { slaVersionsById } from '../sla-policies/sla-policies.public.ts';
import { SERVICE_HOURS_7X24, type ServiceHours, tenantWorkingCalendar } from '../working-calendar/working-calendar.public.ts';
import { measureRecord, summarise, type RecordMeasure } from './sla-attainment.ts';

/** A measured record with the contract and SLA version it was measured against. */
export type AttributedMeasure = RecordMeasure & { opened_at: Date; contract_id: number; sla_version_id: number };

/**
 * Measures a customer's service records opened in `[from, to)` against the SLA in force when each opened:
 * among the bindings of the customer's contracts that contain the opening instant, the highest tier
 * (the same rule as the effective-SLA lookup). Records opened when no contract was in force are not
 * measured (no SLA was agreed then).
 * @example const measures = await measureCustomerRecords(scope, 12, jan1, feb1, new Date());
 */
export async function measureCustomerRecords(scope: RequestScope, customerId: number, from: Date, to: Date, now: Date): Promise<AttributedMeasure[]> {
  const bindings = await customerBindingsOverlapping(scope, customerId, from, to);
  if (bindings.length === 0) return [];
  const records = await serviceRecordsOpenedBetween(scope, [customerId], from, to);
  const versions = await slaVersionsById(scope, bindings.map((b) => b.sla_version_id));
  const needsCalendar = [...versions.values()].some((v) => v.service_hours === '5x8');
  const fiveByEight: ServiceHours | null = needsCalendar ? { kind: '5x8', calendar: await tenantWorkingCalendar(scope) } : null;
  const ranked = [...bindings].sort((a, b) => b.tier_rank - a.tier_rank);

  const measures: AttributedMeasure[] = [];
  for (const record of records) {
    const opened = record.opened_at.getTime();
    const binding = ranked.find((b) => b.effective.from.getTime() <= opened && (b.effective.to === null || opened < b.effective.to.getTime()));
    const version = binding && versions.get(binding.sla_version_id);
    if (!binding || !version) continue;
    const hours = version.service_hours === '5x8' ? fiveByEight! : SERVICE_HOURS_7X24;
    measures.push({ ...measureRecord(record, { targets: version.targets, hours }, now), opened_at: record.opened_at, contract_id: binding.contract_id, sla_version_id: version.id });
  }
  return measures;
}

/** `YYYY-MM` → the month's first instant in Asia/Shanghai. */
const monthStart = (month: IsoMonth): Date => startOfBusinessDay(`${month}-01`);
const nextMonth = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};


/** The longest range one request may ask for. */
export const MAX_ATTAINMENT_MONTHS = 36;

/**
 * Response and resolution attainment of one contract per month: the records of its customer whose SLA
 * came from this contract when they opened. Months run `from` to `to`, both `YYYY-MM` and inclusive.
 * @example await contractAttainment(scope, contract, '2026-01', '2026-03', new Date())
 * // { months: [{ month: '2026-01', records: 12, response: { met: 11, breached: 1, pending: 0, rate: 0.9167 }, … }, …] }
 */
export async function contractAttainment(
  scope: RequestScope,
  contract: { id: number; customer_id: number },
  from: string,
  to: string,
  now: Date,
) {
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) {
    months.push(month);
    if (months.length > MAX_ATTAINMENT_MONTHS) throw new ApiError('request.invalid', { issues: [{ path: 'to', message: `at most ${MAX_ATTAINMENT_MONTHS} months` }] });
  }
  if (months.length === 0) throw new ApiError('request.invalid', { issues: [{ path: 'to', message: 'to must not be before from' }] });
  const measures = (await measureCustomerRecords(scope, contract.customer_id, monthStart(from), monthStart(nextMonth(to)), now)).filter((m) => m.contract_id === contract.id);
  const total = summarise(measures);
  return {
    contract_id: contract.id,
    from,
    to,
    total: { records: total.records, response: total.response, resolution: total.resolution },
    months: months.map((month) => {
      const summary = summarise(measures.filter((m) => businessMonth(m.opened_at) === month));
      return { month, ...summary };
    }),
  };
}
