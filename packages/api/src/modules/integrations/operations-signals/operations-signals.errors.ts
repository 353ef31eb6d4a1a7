import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of operations signals, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const operationsSignalsErrors = defineErrors({
  'ops_signal.period_invalid': { status: 422, zh: '结束时间不能早于开始时间', en: 'The end must not be before the start' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof operationsSignalsErrors> {}
}
