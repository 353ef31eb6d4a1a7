import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of risk alerts, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const riskAlertsErrors = defineErrors({
  'risk_alert.not_found': { status: 404, zh: '风险预警不存在', en: 'Risk alert not found' },
  'risk_alert.invalid_transition': { status: 409, zh: '风险预警当前状态不允许此操作', en: 'The risk alert is not in a state that allows this' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof riskAlertsErrors> {}
}
