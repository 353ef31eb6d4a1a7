import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of contracts, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const contractsErrors = defineErrors({
  'contract.not_found': { status: 404, zh: '合同不存在', en: 'Contract not found' },
  'contract.illegal_transition': {
    status: 409,
    zh: '合同当前状态不允许该操作',
    en: 'This event is not allowed in the contract\'s current state',
  },
  'contract.guard_failed': { status: 422, zh: '合同不满足该操作的条件', en: 'The contract does not meet the conditions for this event' },
  'contract.transition_conflict': {
    status: 409,
    zh: '合同状态已被他人更改，请刷新后重试',
    en: 'The contract changed state concurrently; reload and retry',
  },
  'contract.renewal_exists': { status: 409, zh: '该合同已有进行中的续约合同', en: 'The contract already has a renewal in progress' },
  'contract.reference_invalid': { status: 422, zh: '合同引用的记录无效', en: 'A record the contract refers to is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof contractsErrors> {}
}
