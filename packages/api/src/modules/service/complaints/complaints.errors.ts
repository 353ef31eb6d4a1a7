import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of complaints, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const complaintsErrors = defineErrors({
  'complaint.not_found': { status: 404, zh: '投诉不存在', en: 'Complaint not found' },
  'complaint.invalid_transition': { status: 409, zh: '投诉当前状态不允许该操作', en: 'This step is not possible in the complaint\'s current state' },
  'complaint.confirmation_required': { status: 409, zh: '客户尚未确认接受解决方案，不能关闭投诉', en: 'The complaint cannot be closed before the customer accepts the solution' },
  'complaint.text_invalid': { status: 422, zh: '投诉标题或描述为空或过长', en: 'The complaint title or description is empty or too long' },
  'complaint.reference_invalid': { status: 422, zh: '投诉引用的客户、联系人或工单无效', en: 'The customer, contact or ticket the complaint refers to is invalid' },
  'complaint.assignee_invalid': { status: 422, zh: '处理人必须是本租户的员工', en: 'The assignee must be a staff user of this tenant' },
  'complaint.policy_invalid': { status: 422, zh: '投诉升级策略不合法', en: 'The complaint escalation policy is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof complaintsErrors> {}
}
