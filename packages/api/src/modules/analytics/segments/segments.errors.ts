import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of segments and value tiers, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const segmentsErrors = defineErrors({
  'segment.not_found': { status: 404, zh: '客户分群不存在', en: 'Segment not found' },
  'segment.rule_invalid': { status: 422, zh: '分群规则无效', en: 'The segment rule is invalid' },
  'value_tier.not_found': { status: 404, zh: '该客户尚未计算价值分层', en: 'No value tier has been computed for this customer yet' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof segmentsErrors> {}
}
