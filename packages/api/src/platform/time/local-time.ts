/** The portal's business time zone; per-tenant zones can come later with the working calendar. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * `2024-08-11 14:30:00` in business time, the format of the requirement's examples.
 * @example formatLocalDateTime(new Date('2024-08-11T06:30:00Z')) // '2024-08-11 14:30:00'
 */
export const formatLocalDateTime = (date: Date): string => dateTime.format(date);

/** `20240811`: the business-time date, for daily document numbers. */
export const localDateKey = (date: Date): string => formatLocalDateTime(date).slice(0, 10).replaceAll('-', '');
