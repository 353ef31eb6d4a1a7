import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of health policies and churn models, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const healthErrors = defineErrors({
  'health.policy_invalid': { status: 422, zh: '健康度策略无效（阈值、权重或预警规则）', en: 'The health policy is invalid (thresholds, weights or alert rules)' },
  'churn_model.not_found': { status: 404, zh: '流失模型不存在', en: 'Churn model not found' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof healthErrors> {}
}
