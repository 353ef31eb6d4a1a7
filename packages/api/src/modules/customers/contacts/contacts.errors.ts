import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of contacts, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const contactsErrors = defineErrors({
  'contact.not_found': { status: 404, zh: '联系人不存在', en: 'Contact not found' },
  'contact.primary_conflict': {
    status: 409,
    zh: '该客户已有主要联系人',
    en: 'This customer already has a primary contact',
  },
  'contact.reports_to_invalid': { status: 422, zh: '汇报对象无效', en: 'The reporting line is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof contactsErrors> {}
}
