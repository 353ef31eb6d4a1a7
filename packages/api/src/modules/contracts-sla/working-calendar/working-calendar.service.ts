import { and, eq, sql } from 'drizzle-orm';
import { TZDate } from '@date-fns/tz';
import { LRUCache } from 'lru-cache';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './working-calendar.errors.ts';
import { etagOf } from '../../../platform/http/etag.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime, localDateKey } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { addServiceMinutes, serviceMinutesBetween, SERVICE_HOURS_7X24, type ServiceHours } from './business-time.ts';
import { chinaCalendar, hasChinaCalendarYear } from './china-calendar.ts';
import type { CalendarYearInput, WorkingCalendarView } from './working-calendar.contract.ts';
import { workingCalendars, type WorkingCalendarRow } from './working-calendar.schema.ts';
import { overrideCalendar, validateWorkingCalendar, type CalendarIssue, type CalendarOverride, type CalendarYear, type WorkingCalendar } from './working-calendar.ts';

/** The first year the bundled data (chinese-days) knows. */
const FIRST_BUNDLED_YEAR = 2004;

const currentYear = (): number => Number(localDateKey(new Date()).slice(0, 4));

/** Freezes a calendar all the way down: cached calendars are shared by every request of a tenant. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let bundled: { year: number; calendar: WorkingCalendar } | null = null;

/** Mainland China's calendar for every year the bundled data knows, rebuilt when the year turns. */
function bundledCalendar(): WorkingCalendar {
  const year = currentYear();
  if (bundled?.year !== year) {
    const years = Array.from({ length: year + 2 - FIRST_BUNDLED_YEAR }, (_, i) => FIRST_BUNDLED_YEAR + i).filter(hasChinaCalendarYear);
    bundled = { year, calendar: deepFreeze(chinaCalendar(years)) };
  }
  return bundled.calendar;
}

/**
 * Compiled calendars per (tenant, version, bundled base): the ticket and SLA code ask for the calendar on
 * every request, and handing back the same frozen object also keeps `compileCalendar`'s index of it warm.
 * The version in the key means a write is seen at once by this process and by every other one.
 */
const calendarCache = new LRUCache<string, WorkingCalendar>({ max: 500 });

const NO_OVERRIDE: CalendarOverride = Object.freeze({});

async function storedRow(scope: RequestScope, options: { forUpdate?: boolean } = {}): Promise<WorkingCalendarRow | undefined> {
  const query = scope.tx.select().from(workingCalendars).where(eq(workingCalendars.tenant_id, scope.tenantId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The calendar of a stored row (none: the bundled calendar), from the cache when it is there. */
function calendarOf(tenantId: number, row: Pick<WorkingCalendarRow, 'version' | 'override' | 'updated_at'> | undefined): WorkingCalendar {
  // updated_at keeps two databases in one process (tests) from sharing a (tenant, version) entry.
  const key = `${tenantId}:${row?.version ?? 0}:${row?.updated_at.getTime() ?? 0}:${currentYear()}`;
  const override = row?.override ?? NO_OVERRIDE;
  let calendar = calendarCache.get(key);
  if (!calendar) {
    calendar = deepFreeze(overrideCalendar(bundledCalendar(), override));
    calendarCache.set(key, calendar);
  }
  return calendar;
}

/**
 * The working calendar the tenant's SLA clocks run on: mainland China's holidays and 调休 days for every
 * year the bundled data knows, with the tenant's override applied. Frozen and shared: do not mutate it
 * (build a changed copy with `overrideCalendar`).
 * @example addServiceMinutes(start, 240, { kind: '5x8', calendar: await tenantWorkingCalendar(scope) })
 */
export async function tenantWorkingCalendar(scope: RequestScope): Promise<WorkingCalendar> {
  const row = await storedRow(scope);
  return calendarOf(scope.tenantId, row);
}

function present(scope: RequestScope, row: WorkingCalendarRow | undefined): WorkingCalendarView {
  const calendar = calendarOf(scope.tenantId, row);
  const knownYears = calendar.years.map((entry) => entry.year);
  const thisYear = currentYear();
  return {
    calendar,
    override: row?.override ?? {},
    version: row?.version ?? 0,
    known_years: knownYears,
    missing_years: [thisYear, thisYear + 1].filter((year) => !knownYears.includes(year)),
    updated_by: row?.updated_by ?? null,
    updated_at: row ? formatLocalDateTime(row.updated_at) : null,
  };
}

/** The calendar with its override, version and the years the tenant still has to enter. */
export async function getCalendar(scope: RequestScope): Promise<WorkingCalendarView> {
  return present(scope, await storedRow(scope));
}

/**
 * Everything wrong with an override, in the override's own terms: a year given twice (the merge would
 * silently keep the last), then the issues of the calendar it would produce, tagged with their year.
 */
function overrideIssues(override: CalendarOverride): (CalendarIssue & { year?: number })[] {
  const issues: (CalendarIssue & { year?: number })[] = [];
  const seen = new Set<number>();
  (override.years ?? []).forEach((entry, index) => {
    if (seen.has(entry.year)) issues.push({ path: `years[${index}].year`, message: `year ${entry.year} appears twice`, year: entry.year });
    seen.add(entry.year);
  });
  const result = overrideCalendar(bundledCalendar(), override);
  for (const issue of validateWorkingCalendar(result)) {
    // Paths index the merged calendar's years; the year itself is what an editor can find.
    const yearIndex = /^years\[(\d+)\]/.exec(issue.path)?.[1];
    issues.push(yearIndex === undefined ? issue : { ...issue, year: result.years[Number(yearIndex)]?.year });
  }
  return issues;
}

/**
 * Stores a new override if the stored version is still `readVersion` (0: no row yet), or answers 412: the
 * compare-and-set also settles two first writes racing to insert the row.
 */
async function storeOverride(scope: RequestScope, override: CalendarOverride, readVersion: number): Promise<WorkingCalendarRow> {
  const values = { override, updated_by: scope.principal.subject, updated_at: new Date() };
  const [row] =
    readVersion === 0
      ? await scope.tx
          .insert(workingCalendars)
          .values({ tenant_id: scope.tenantId, ...values })
          .onConflictDoNothing()
          .returning()
      : await scope.tx
          .update(workingCalendars)
          .set({ ...values, version: sql`${workingCalendars.version} + 1` })
          .where(and(eq(workingCalendars.tenant_id, scope.tenantId), eq(workingCalendars.version, readVersion)))
          .returning();
  if (!row) throw new ApiError('precondition.failed', { reason: 'the working calendar changed concurrently' });
  return row;
}

/** Reads the stored row for a write and refuses a stale `expectedVersion` (null: whatever is current). */
async function rowForWrite(scope: RequestScope, expectedVersion: number | null) {
  const row = await storedRow(scope, { forUpdate: true });
  const version = row?.version ?? 0;
  if (expectedVersion !== null && expectedVersion !== version) throw new ApiError('precondition.failed', { etag: etagOf('working-calendar', scope.tenantId, version) });
  return { row, version, override: row?.override ?? {} };
}

async function writeOverride(scope: RequestScope, next: CalendarOverride, readVersion: number): Promise<WorkingCalendarRow> {
  const issues = overrideIssues(next);
  if (issues.length > 0) throw new ApiError('calendar.invalid', { issues });
  const row = await storeOverride(scope, next, readVersion);
  await emitEvent(scope, { type: 'working_calendar.updated', entity_type: 'working_calendar', entity_id: scope.tenantId, payload: { version: row.version } });
  return row;
}

/**
 * Replaces the tenant's whole override (`{}` returns to the bundled calendar), if the resulting calendar is
 * valid (else 422 `calendar.invalid` with every issue) and `expectedVersion` is current (else 412). Audited.
 */
export async function replaceOverride(scope: RequestScope, override: CalendarOverride, expectedVersion: number | null): Promise<WorkingCalendarView> {
  const current = await rowForWrite(scope, expectedVersion);
  const row = await writeOverride(scope, override, current.version);
  await audit(scope, { action: 'working_calendar.updated', entity_type: 'working_calendar', entity_id: scope.tenantId, before: current.override, after: override });
  return present(scope, row);
}

/**
 * Sets one year's holidays and adjusted working days in the override, keeping the rest of it — how a tenant
 * enters next year before the bundled data has it, or corrects a year. Same checks as `replaceOverride`.
 */
export async function putYear(scope: RequestScope, year: number, entry: CalendarYearInput, expectedVersion: number | null): Promise<WorkingCalendarView> {
  const current = await rowForWrite(scope, expectedVersion);
  const before = calendarOf(scope.tenantId, current.row).years.find((y) => y.year === year) ?? null;
  const yearEntry: CalendarYear = { year, holidays: entry.holidays, adjusted_workdays: entry.adjusted_workdays };
  const otherYears = (current.override.years ?? []).filter((y) => y.year !== year);
  const next: CalendarOverride = { ...current.override, years: [...otherYears, yearEntry].sort((a, b) => a.year - b.year) };
  const row = await writeOverride(scope, next, current.version);
  await audit(scope, { action: 'working_calendar.year_updated', entity_type: 'working_calendar', entity_id: scope.tenantId, before, after: yearEntry });
  return present(scope, row);
}

/** `7x24`, or `5x8` on the tenant's calendar. */
async function serviceHoursOf(scope: RequestScope, kind: '5x8' | '7x24'): Promise<{ hours: ServiceHours; timeZone: string }> {
  if (kind === '7x24') return { hours: SERVICE_HOURS_7X24, timeZone: bundledCalendar().time_zone };
  const calendar = await tenantWorkingCalendar(scope);
  return { hours: { kind: '5x8', calendar }, timeZone: calendar.time_zone };
}

/** The arithmetic refuses spans it cannot walk (RangeError); to a caller that is a bad request. */
function arithmetic<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) throw new ApiError('request.invalid', { reason: error.message });
    throw error;
  }
}

/**
 * The instant `minutes` service minutes after `from`, as ISO 8601 in the calendar's time zone.
 * @example await serviceDeadline(scope, '2026-02-13T17:30:00+08:00', 60, '5x8') // '2026-02-24T09:30:00.000+08:00'
 */
export async function serviceDeadline(scope: RequestScope, from: string, minutes: number, kind: '5x8' | '7x24'): Promise<string> {
  const { hours, timeZone } = await serviceHoursOf(scope, kind);
  const deadline = arithmetic(() => addServiceMinutes(new Date(from), minutes, hours));
  return new TZDate(deadline.getTime(), timeZone).toISOString();
}

/** Service minutes from `from` to `to` (negative when `to` is earlier). */
export async function serviceMinutes(scope: RequestScope, from: string, to: string, kind: '5x8' | '7x24'): Promise<number> {
  const { hours } = await serviceHoursOf(scope, kind);
  return arithmetic(() => serviceMinutesBetween(new Date(from), new Date(to), hours));
}
