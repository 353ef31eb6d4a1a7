import type { CrmLocale } from '../i18n/i18n.js';
import type { AnswerProblem } from './survey-form.validation.js';

/**
 * The survey form's texts; the English catalogue is typed against this one, so a missing key fails the build.
 * The questions themselves come from the template, in both languages.
 */
const zhCN = {
  loading: '正在加载问卷…',
  required: '必填',
  requiredNote: '带 * 的问题为必填项。',
  optional: '选填',
  progress: (answered: number, total: number) => `已回答 ${answered} / ${total} 题`,
  scaleEnds: {
    nps: ['完全不可能', '非常可能'],
    csat: ['非常不满意', '非常满意'],
    ces: ['非常费力', '非常轻松'],
    rating: ['最低', '最高'],
  } as Record<'nps' | 'csat' | 'ces' | 'rating', [string, string]>,
  scaleHint: (low: string, high: string, min: number, max: number) => `${min} 分表示“${low}”，${max} 分表示“${high}”。`,
  stars: (n: number) => `${n} 星`,
  chooseUpTo: (max: number) => `最多选择 ${max} 项。`,
  chooseBetween: (min: number, max: number) => (min === max ? `请选择 ${min} 项。` : `请选择 ${min} 至 ${max} 项。`),
  chooseAtLeast: (min: number) => `至少选择 ${min} 项。`,
  characters: (count: number, max: number) => `${count} / ${max} 字`,
  problem: (problem: AnswerProblem): string => {
    switch (problem.code) {
      case 'required':
        return '请回答此问题。';
      case 'out_of_range':
        return `请选择不超过 ${problem.limit} 的分数。`;
      case 'too_many':
        return `最多只能选择 ${problem.limit} 项。`;
      case 'too_few':
        return `请至少选择 ${problem.limit} 项。`;
      case 'too_long':
        return `回答过长：最多 ${problem.limit} 字。`;
      case 'unknown_option':
        return '所选选项已不存在，请重新选择。';
      default:
        return '此回答的格式不正确，请重新作答。';
    }
  },
  summaryTitle: (n: number) => `提交前请修正 ${n} 个问题：`,
  unplaced: '问卷已更新，部分回答无法保存。请刷新页面后重试。',
  submit: '提交',
  submitting: '正在提交…',
  submitFailed: '提交失败，请检查网络后重试。',
  saving: '正在保存…',
  saved: (time: string) => `已自动保存（${time}）`,
  restored: (time: string) => `已恢复您 ${time} 保存的回答。`,
  saveFailed: '暂时无法保存草稿，您的回答仍在本页，稍后会再次尝试。',
  expires: (date: string) => `请在 ${date} 前完成。`,
  thanksTitle: '感谢您的反馈！',
  thanksText: '您的回答已提交。我们会认真阅读每一条意见，用于改进服务。',
  notFoundTitle: '找不到这份问卷',
  notFoundText: '链接可能不完整或有误。请检查邮件中的链接，或联系您的客户经理。',
  expiredTitle: '问卷已过期',
  expiredText: '这份问卷的填写期限已过，或调查已经结束。感谢您的关注。',
  submittedTitle: '您已提交过这份问卷',
  submittedText: '每个链接只能提交一次。感谢您抽出时间反馈！',
  networkTitle: '网络连接出现问题',
  networkText: '暂时无法加载问卷，请检查网络后重试。',
  forbiddenText: '请以客户门户账号登录后填写这份问卷。',
  unauthorizedText: '登录已失效，请重新登录后再填写。',
  notConfigured: '组件尚未配置：请设置 token 或 survey-id，并在需要登录时使用 <crm-provider>。',
  empty: '未指定问卷：请设置 token 或 survey-id 属性。',
  retry: '重试',
};

export type SurveyFormMessages = typeof zhCN;

const en: SurveyFormMessages = {
  loading: 'Loading the survey…',
  required: 'required',
  requiredNote: 'Questions marked * are required.',
  optional: 'optional',
  progress: (answered: number, total: number) => `${answered} of ${total} questions answered`,
  scaleEnds: {
    nps: ['Not at all likely', 'Extremely likely'],
    csat: ['Very dissatisfied', 'Very satisfied'],
    ces: ['Very difficult', 'Very easy'],
    rating: ['Lowest', 'Highest'],
  },
  scaleHint: (low: string, high: string, min: number, max: number) => `${min} means “${low}”, ${max} means “${high}”.`,
  stars: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
  chooseUpTo: (max: number) => `Choose up to ${max}.`,
  chooseBetween: (min: number, max: number) => (min === max ? `Choose ${min}.` : `Choose ${min} to ${max}.`),
  chooseAtLeast: (min: number) => `Choose at least ${min}.`,
  characters: (count: number, max: number) => `${count} / ${max} characters`,
  problem: (problem: AnswerProblem): string => {
    switch (problem.code) {
      case 'required':
        return 'Please answer this question.';
      case 'out_of_range':
        return `Choose a score of at most ${problem.limit}.`;
      case 'too_many':
        return `Choose at most ${problem.limit}.`;
      case 'too_few':
        return `Choose at least ${problem.limit}.`;
      case 'too_long':
        return `Too long: at most ${problem.limit} characters.`;
      case 'unknown_option':
        return 'The chosen option no longer exists. Please choose again.';
      default:
        return 'This answer is not in the expected form. Please answer again.';
    }
  },
  summaryTitle: (n: number) => (n === 1 ? 'Please fix 1 problem before submitting:' : `Please fix ${n} problems before submitting:`),
  unplaced: 'The survey has changed and some answers could not be saved. Please reload the page and try again.',
  submit: 'Submit',
  submitting: 'Submitting…',
  submitFailed: 'Could not submit. Please check your connection and try again.',
  saving: 'Saving…',
  saved: (time: string) => `Saved automatically (${time})`,
  restored: (time: string) => `Restored the answers you saved at ${time}.`,
  saveFailed: 'Could not save a draft just now. Your answers are still here; saving will be tried again.',
  expires: (date: string) => `Please answer by ${date}.`,
  thanksTitle: 'Thank you for your feedback!',
  thanksText: 'Your answers have been submitted. We read every comment and use it to improve our service.',
  notFoundTitle: 'Survey not found',
  notFoundText: 'The link may be incomplete or wrong. Please check the link in your e-mail, or contact your account manager.',
  expiredTitle: 'This survey has expired',
  expiredText: 'The time to answer this survey has passed, or the survey has ended. Thank you for your interest.',
  submittedTitle: 'You have already answered this survey',
  submittedText: 'Each link can be submitted once. Thank you for taking the time to give feedback!',
  networkTitle: 'Connection problem',
  networkText: 'The survey could not be loaded. Please check your connection and try again.',
  forbiddenText: 'Please sign in with a customer portal account to answer this survey.',
  unauthorizedText: 'Your session has expired. Please sign in again to answer.',
  notConfigured: 'Widget not configured: set token or survey-id, and use <crm-provider> where signing in is needed.',
  empty: 'No survey given: set the token or survey-id attribute.',
  retry: 'Retry',
};

/** The survey form's catalogue for a locale. */
export function surveyFormMessages(locale: CrmLocale): SurveyFormMessages {
  return locale === 'en' ? en : zhCN;
}
