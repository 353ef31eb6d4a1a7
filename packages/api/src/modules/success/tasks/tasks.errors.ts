import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of tasks and playbooks, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const tasksErrors = defineErrors({
  'task.not_found': { status: 404, zh: '任务不存在', en: 'Task not found' },
  'task.assignee_invalid': { status: 422, zh: '负责人须为本租户员工', en: 'The assignee must be a member of staff of the tenant' },
  'task.link_invalid': { status: 422, zh: '关联的投诉、合同或风险预警不存在或不属于该客户', en: 'The linked complaint, contract or risk alert does not exist or concerns another customer' },
  'task.neighbour_invalid': { status: 409, zh: '相邻任务不在目标列中', en: 'A neighbour task is not in the target column' },
  'playbook.not_found': { status: 404, zh: '剧本不存在', en: 'Playbook not found' },
  'playbook.duplicate': { status: 409, zh: '剧本编码已存在', en: 'A playbook with this code exists' },
  'playbook.invalid': { status: 422, zh: '剧本内容不合法', en: 'The playbook is invalid' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof tasksErrors> {}
}
