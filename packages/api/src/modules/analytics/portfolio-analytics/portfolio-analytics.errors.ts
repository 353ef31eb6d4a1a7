import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of portfolio analytics, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 * Other modules throw them too: `portfolio-analytics.public.ts` re-exports this catalogue, so its importers register them.
 */
export const portfolioAnalyticsErrors = defineErrors({
  'analytics.range_invalid': { status: 422, zh: '报表周期无效（开始晚于结束，或超过 36 个周期）', en: 'The report range is invalid (from after to, or more than 36 periods)' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof portfolioAnalyticsErrors> {}
}
