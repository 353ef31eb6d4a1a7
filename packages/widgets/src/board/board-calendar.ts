/** The calendar's time zone: due and close dates are Beijing days, as the API counts them. */
export const BOARD_TIME_ZONE = 'Asia/Shanghai';

/**
 * Today's date (`YYYY-MM-DD`) in Beijing.
 *
 * @example beijingDay(new Date('2026-11-25T17:30:00Z')) // '2026-11-26'
 */
export function beijingDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BOARD_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
