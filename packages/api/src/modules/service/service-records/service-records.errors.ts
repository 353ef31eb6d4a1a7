import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of ticket ingest, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const serviceRecordsErrors = defineErrors({
  'ticket.customer_unknown': { status: 422, zh: '找不到工单对应的客户', en: 'No customer matches the ticket' },
  'ticket.customer_ambiguous': { status: 409, zh: '工单联系人对应多个客户，请改用客户编号或编码', en: 'The ticket contact matches several customers; send the customer id or code' },
  'ticket.rejected': { status: 422, zh: '数据库拒绝了该工单（例如包含非法字符）', en: 'The database refused the ticket (an invalid character, say)' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof serviceRecordsErrors> {}
}
