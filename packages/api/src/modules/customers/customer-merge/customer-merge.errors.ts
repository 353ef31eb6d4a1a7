import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of customer merges, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const customerMergeErrors = defineErrors({
  'customer.merge_invalid': { status: 409, zh: '无法合并这两个客户', en: 'These customers cannot be merged' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof customerMergeErrors> {}
}
