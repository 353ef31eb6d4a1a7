import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of surveys, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const surveysErrors = defineErrors({
  'survey_template.not_found': { status: 404, zh: '调查模板不存在', en: 'Survey template not found' },
  'survey_template.in_use': { status: 409, zh: '调查模板已在使用（已有答卷或活动），请归档后新建', en: 'The survey template is in use (responses or campaigns); archive it and create a new one' },
  'survey_template.not_active': { status: 409, zh: '调查模板未启用', en: 'The survey template is not active' },
  'survey_campaign.not_found': { status: 404, zh: '调查活动不存在', en: 'Survey campaign not found' },
  'survey_campaign.not_editable': { status: 409, zh: '调查活动已启动或已结束，不能修改该项', en: 'The survey campaign has started or ended; this cannot change' },
  'survey_campaign.invalid_state': { status: 409, zh: '调查活动当前状态不允许此操作', en: 'The survey campaign is not in a state that allows this' },
  'survey_campaign.target_invalid': { status: 422, zh: '调查对象无效（客户、分群或模板不存在）', en: 'The survey target is invalid (unknown customers, segment or template)' },
  'survey.not_found': { status: 404, zh: '调查链接无效', en: 'This survey link is not valid' },
  'survey.token_expired': { status: 410, zh: '调查链接已过期', en: 'This survey link has expired' },
  'survey.already_submitted': { status: 409, zh: '该调查已提交，感谢您的反馈', en: 'This survey has already been submitted; thank you' },
  'survey.answers_invalid': { status: 422, zh: '答案不合法', en: 'Some answers are not valid' },
  'improvement_action.not_found': { status: 404, zh: '改进措施不存在', en: 'Improvement action not found' },
  'improvement_action.link_invalid': { status: 422, zh: '关联的答卷、客户或活动无效', en: 'A linked response, customer or campaign is not valid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof surveysErrors> {}
}
