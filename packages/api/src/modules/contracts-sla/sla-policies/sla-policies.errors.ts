import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of SLA tiers and versions, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 * Other modules throw them too: `sla-policies.public.ts` re-exports this catalogue, so its importers register them.
 */
export const slaPoliciesErrors = defineErrors({
  'sla.tier_not_found': { status: 404, zh: 'SLA 等级不存在', en: 'SLA tier not found' },
  'sla.tier_exists': { status: 409, zh: '该 SLA 等级编码已存在', en: 'An SLA tier with this code exists' },
  'sla.version_not_found': { status: 404, zh: 'SLA 版本不存在', en: 'SLA version not found' },
  'sla.version_immutable': { status: 409, zh: '已发布的 SLA 版本不可修改', en: 'A published SLA version cannot be changed' },
  'sla.version_not_bindable': { status: 422, zh: '该 SLA 版本未发布或已停用，不能绑定', en: 'The SLA version is not published or is retired and cannot be bound' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof slaPoliciesErrors> {}
}
