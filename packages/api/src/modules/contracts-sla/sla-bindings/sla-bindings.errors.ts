import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of SLA bindings and proposals, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const slaBindingsErrors = defineErrors({
  'sla.binding_invalid': { status: 422, zh: 'SLA 绑定无效', en: 'The SLA binding is invalid' },
  'sla.proposal_not_found': { status: 404, zh: 'SLA 调整建议不存在', en: 'SLA proposal not found' },
  'sla.proposal_decided': { status: 409, zh: '该 SLA 调整建议已处理', en: 'The SLA proposal has already been decided' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof slaBindingsErrors> {}
}
