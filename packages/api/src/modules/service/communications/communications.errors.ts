import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of communications, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const communicationsErrors = defineErrors({
  'communication.not_found': { status: 404, zh: '沟通记录不存在', en: 'Communication not found' },
  'communication.body_too_large': { status: 422, zh: '沟通内容过长（最多 100,000 字）', en: 'The communication text is too long (at most 100,000 characters)' },
  'communication.times_invalid': { status: 422, zh: '结束时间不能早于开始时间', en: 'The end time must not be before the start time' },
  'communication.participant_invalid': { status: 422, zh: '参与人无效：联系人须属于该客户，员工须属于本租户', en: 'A participant is invalid: contacts must belong to the customer, users to the tenant' },
  'communication.not_meeting': { status: 422, zh: '该沟通记录不是会议', en: 'The communication is not a meeting' },
  'communication.action_item_invalid': { status: 422, zh: '行动项引用的任务不属于该会议', en: 'An action item refers to a task that is not of this meeting' },
  'communication.message_id_missing': { status: 422, zh: '邮件缺少 Message-ID', en: 'The message has no Message-ID' },
  'communication.message_id_conflict': { status: 409, zh: '相同 Message-ID 的消息已存在且内容不同', en: 'A message with this id exists with different content' },
  'communication.mime_invalid': { status: 422, zh: '无法解析该邮件', en: 'The message cannot be parsed' },
  'communication.customer_unknown': { status: 422, zh: '找不到消息对应的客户', en: 'No customer matches the message' },
  'communication.customer_ambiguous': { status: 409, zh: '消息联系人对应多个客户，请指定客户', en: 'The message contacts match several customers; name the customer' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof communicationsErrors> {}
}
