import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of customer records, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 * Other modules throw them too: `customers.public.ts` re-exports this catalogue, so its importers register them.
 */
export const customersErrors = defineErrors({
  'customer.not_found': { status: 404, zh: '客户不存在', en: 'Customer not found' },
  'customer.duplicate': { status: 409, zh: '疑似重复客户', en: 'This looks like an existing customer' },
  'customer.archived': { status: 409, zh: '客户已归档', en: 'The customer is archived' },
  'customer.parent_invalid': { status: 422, zh: '上级客户无效', en: 'The parent customer is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof customersErrors> {}
}
