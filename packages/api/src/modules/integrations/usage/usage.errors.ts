import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of usage data, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const usageErrors = defineErrors({
  'usage.range_invalid': { status: 400, zh: '日期范围不合法（开始不能晚于结束，最长 366 天）', en: 'The date range is invalid (from after to, or longer than 366 days)' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof usageErrors> {}
}
