import { createRoute, z } from '@hono/zod-openapi';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { MAX_SERVICE_SPAN_DAYS } from './business-time.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

// Shapes only: whether dates exist, intervals are ordered and holidays clash with 调休 days is checked on
// the whole resulting calendar by `validateWorkingCalendar` (422 `calendar.invalid`, every issue at once).
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').openapi({ format: 'date', example: '2026-02-15' });
const wallTime = z.string().regex(/^\d{2}:\d{2}$/, 'a time HH:MM').openapi({ example: '09:00' });
const calendarYearNumber = z.number().int().min(1970).max(9999);

export const CalendarHoliday = z
  .strictObject({ name: z.string().trim().min(1).max(100).openapi({ example: '春节' }), start: isoDate, end: isoDate })
  .openapi('CalendarHoliday', { description: '法定节假日: the local dates from start to end, both inclusive, are not worked' });

export const AdjustedWorkday = z
  .strictObject({ date: isoDate, name: z.string().trim().min(1).max(100).openapi({ example: '春节' }) })
  .openapi('AdjustedWorkday', { description: '调休上班日: a rest day that is worked, named after the holiday it pays for' });

/** One year's holidays and adjusted working days, without the year (it is in the path). */
export const CalendarYearInput = z
  .strictObject({
    holidays: z.array(CalendarHoliday).max(100),
    adjusted_workdays: z.array(AdjustedWorkday).max(100),
  })
  .openapi('CalendarYearInput');
export type CalendarYearInput = z.infer<typeof CalendarYearInput>;

export const CalendarYear = z
  .strictObject({ year: calendarYearNumber.openapi({ example: 2026 }), holidays: CalendarYearInput.shape.holidays, adjusted_workdays: CalendarYearInput.shape.adjusted_workdays })
  .openapi('CalendarYear');

export const WorkingInterval = z
  .strictObject({ start: wallTime, end: wallTime.openapi({ example: '18:00' }) })
  .openapi('WorkingInterval', { description: '[start, end) in local wall-clock time; 24:00 may end a day' });

const calendarFields = {
  time_zone: z.string().min(1).max(64).openapi({ example: 'Asia/Shanghai', description: 'IANA time zone' }),
  working_hours: z.array(WorkingInterval).max(12).openapi({ description: 'Ascending, not overlapping; a lunch break is a gap' }),
  rest_weekdays: z.array(z.number().int()).max(7).openapi({ example: [6, 7], description: 'ISO weekdays (1 = Monday … 7 = Sunday) that are rest days unless adjusted' }),
};

/** A tenant's edits: any field, and whole years (a year given replaces the bundled one). */
export const CalendarOverride = z
  .strictObject({
    time_zone: calendarFields.time_zone.optional(),
    working_hours: calendarFields.working_hours.optional(),
    rest_weekdays: calendarFields.rest_weekdays.optional(),
    years: z.array(CalendarYear).max(200).optional(),
  })
  .openapi('CalendarOverride');
export type CalendarOverrideInput = z.infer<typeof CalendarOverride>;

export const WorkingCalendar = z
  .object({ ...calendarFields, years: z.array(CalendarYear) })
  .openapi('WorkingCalendar');

export const WorkingCalendarView = z
  .object({
    calendar: WorkingCalendar.openapi({ description: "What the SLA clocks use: mainland China's published arrangements with the tenant's override applied" }),
    override: CalendarOverride.openapi({ description: 'What the tenant changed ({} when nothing)' }),
    version: z.number().int().openapi({ description: '0 while the tenant has changed nothing' }),
    known_years: z.array(z.number().int()).openapi({ description: 'Years the calendar has holidays and 调休 days for' }),
    missing_years: z.array(z.number().int()).openapi({
      description: 'This year or next year when the calendar has no entry for it yet (the State Council publishes next year around November): enter it with PUT /years/{year}, or it counts as plain Monday–Friday',
    }),
    updated_by: z.string().nullable(),
    updated_at: z.string().nullable().openapi({ description: 'Tenant local time (Asia/Shanghai)' }),
  })
  .openapi('WorkingCalendarView');
export type WorkingCalendarView = z.infer<typeof WorkingCalendarView>;

export const SERVICE_HOURS_KINDS = ['5x8', '7x24'] as const;

const instant = isoInstant;
const serviceHoursQuery = z.enum(SERVICE_HOURS_KINDS).default('5x8').openapi({ description: "`5x8`: the tenant's working calendar; `7x24`: every minute" });

export const BusinessTimeQuery = z.strictObject({
  from: instant,
  minutes: z.coerce.number().int().min(0).max(MAX_SERVICE_SPAN_DAYS * 1440).openapi({ type: 'integer', example: 60, description: 'Service minutes to add' }),
  hours: serviceHoursQuery,
});

export const BusinessTimeBetweenQuery = z.strictObject({ from: instant, to: instant.openapi({ example: '2026-02-24T10:30:00+08:00' }), hours: serviceHoursQuery });

export const ServiceDeadline = z
  .object({
    from: z.string(),
    minutes: z.number().int(),
    hours: z.enum(SERVICE_HOURS_KINDS),
    deadline: z.string().openapi({ example: '2026-02-24T09:30:00.000+08:00', description: "ISO 8601 in the calendar's time zone" }),
  })
  .openapi('ServiceDeadline');

export const ServiceMinutes = z
  .object({
    from: z.string(),
    to: z.string(),
    hours: z.enum(SERVICE_HOURS_KINDS),
    minutes: z.number().openapi({ description: 'Service minutes from `from` to `to`; negative when `to` is earlier' }),
  })
  .openapi('ServiceMinutes');

export const YearParam = z.object({
  year: z.coerce.number().int().min(1970).max(9999).openapi({ param: { name: 'year', in: 'path' }, example: 2027 }),
});

// ---- routes -------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Calendar version, for If-Match', schema: { type: 'string' as const } } };

export const getWorkingCalendarRoute = createRoute({
  method: 'get',
  path: '/api/v1/working-calendar',
  operationId: 'getWorkingCalendar',
  ...permission('customer:read'),
  tags: ['working-calendar'],
  summary: "The tenant's working calendar",
  description: "REQ-016-009. Mainland China's 法定节假日 and 调休 days (bundled) with the tenant's override applied, the override itself, and the years the tenant still has to enter. Takes `customer:read`.",
  responses: { 200: { ...jsonResponse(WorkingCalendarView, 'WorkingCalendarView', 'The calendar'), headers: etagHeader }, ...errorResponses },
});

export const replaceWorkingCalendarRoute = createRoute({
  method: 'put',
  path: '/api/v1/working-calendar',
  operationId: 'replaceWorkingCalendarOverride',
  ...permission('settings:write'),
  tags: ['working-calendar'],
  summary: "Replace the tenant's override (admin)",
  description:
    'Takes `settings:write`. The body replaces the whole override: fields given replace the bundled ones, each year given replaces that year whole; `{}` goes back to the bundled calendar. A calendar that would not be usable answers 422 `calendar.invalid` with every issue in `details.issues`, and nothing changes. If-Match is optional; a stale one answers 412. Audited.',
  request: { headers: ifMatchHeader, body: json(CalendarOverride) },
  responses: { 200: { ...jsonResponse(WorkingCalendarView, 'WorkingCalendarView', 'The calendar after the change'), headers: etagHeader }, ...writeErrorResponses },
});

export const putWorkingCalendarYearRoute = createRoute({
  method: 'put',
  path: '/api/v1/working-calendar/years/{year}',
  operationId: 'putWorkingCalendarYear',
  ...permission('settings:write'),
  tags: ['working-calendar'],
  summary: "Set one year's holidays and 调休 days (admin)",
  description: 'Takes `settings:write`. Replaces that year of the override (the rest of it is kept), e.g. to enter next year before the bundled data knows it. Same validation, If-Match and audit as replacing the override.',
  request: { params: YearParam, headers: ifMatchHeader, body: json(CalendarYearInput) },
  responses: { 200: { ...jsonResponse(WorkingCalendarView, 'WorkingCalendarView', 'The calendar after the change'), headers: etagHeader }, ...writeErrorResponses },
});

export const addBusinessTimeRoute = createRoute({
  method: 'get',
  path: '/api/v1/working-calendar/business-time',
  operationId: 'addServiceMinutes',
  ...permission('customer:read'),
  tags: ['working-calendar'],
  summary: 'The deadline `minutes` service minutes after `from`',
  description:
    "For checking SLA arithmetic. With `5x8` only the working hours of the tenant's working days count; a start outside them counts from the next opening. The deadline is the first instant the minutes are used up: a deadline that uses up the last minute of a day is that day's closing time (18:00, not the next morning), and `minutes=0` answers `from` itself. Takes `customer:read`.",
  request: { query: BusinessTimeQuery },
  responses: { 200: jsonResponse(ServiceDeadline, 'ServiceDeadline', 'The deadline'), ...errorResponses },
});

export const businessTimeBetweenRoute = createRoute({
  method: 'get',
  path: '/api/v1/working-calendar/business-time/between',
  operationId: 'serviceMinutesBetween',
  ...permission('customer:read'),
  tags: ['working-calendar'],
  summary: 'Service minutes between two instants',
  description: `The inverse of the deadline endpoint. Spans longer than ${MAX_SERVICE_SPAN_DAYS} days answer 400. Takes \`customer:read\`.`,
  request: { query: BusinessTimeBetweenQuery },
  responses: { 200: jsonResponse(ServiceMinutes, 'ServiceMinutes', 'The service minutes'), ...errorResponses },
});
