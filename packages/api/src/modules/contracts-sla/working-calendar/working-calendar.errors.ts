import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of the working calendar, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const workingCalendarErrors = defineErrors({
  'calendar.invalid': { status: 422, zh: '工作日历不合法', en: 'The working calendar is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof workingCalendarErrors> {}
}
