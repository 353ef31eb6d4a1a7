import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of finance pushes, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const financeErrors = defineErrors({
  'integration.customer_unknown': { status: 422, zh: '找不到推送数据对应的客户', en: 'No customer matches the pushed data' },
  'finance.due_before_issue': { status: 422, zh: '到期日不能早于开票日', en: 'The due date must not be before the issue date' },
  'finance.invoice_unknown': { status: 422, zh: '付款对应的发票不存在', en: 'The invoice of the payment does not exist' },
  'finance.invoice_customer_mismatch': { status: 422, zh: '付款对应的发票属于其他客户', en: 'The invoice of the payment belongs to another customer' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof financeErrors> {}
}
