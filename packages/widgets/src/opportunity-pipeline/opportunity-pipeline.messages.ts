import type { CrmLocale } from '../i18n/i18n.js';
import type { PipelineStage } from './opportunity-pipeline.format.js';

/**
 * The pipeline's texts, beside the widget like the task board's; the English catalogue is typed against this
 * one, so a missing key fails the build.
 */
const zhCN = {
  title: '销售管道',
  loading: '正在加载销售管道…',
  notConfigured: '组件尚未配置：请使用 <crm-provider> 或调用 configure()。',
  notFound: '销售管道不存在。',
  badOwner: '负责人筛选无效：owner 应为 mine 或用户编号。',
  forbidden: '销售管道仅对销售人员开放，您当前的账号没有查看商机的权限。',
  unauthorized: '登录已失效，请重新登录。',
  loadFailed: '销售管道加载失败。',
  retry: '重试',
  empty: '此管道暂无商机。新建商机或转化线索后，会出现在第一个阶段。',
  stagesRegion: (pipeline: string) => `${pipeline}：各阶段`,
  /** Stage names by code in the other language; zh-CN shows the API's own names. */
  stageNames: {} as Record<string, string>,
  probability: (percent: string) => `赢率 ${percent}`,
  count: (count: number) => `${count} 个商机`,
  amount: '金额',
  weighted: '加权金额',
  totals: '进行中合计',
  totalsLine: (count: number) => `${count} 个进行中商机`,
  emptyColumn: '暂无商机',
  moreInColumn: (shown: number, count: number) => `显示最近变动的 ${shown} / ${count} 个`,
  customer: '客户',
  owner: '负责人',
  me: '我',
  unassigned: '未分配',
  closeDate: '预计成交',
  noCloseDate: '未定',
  overdue: '已逾期',
  nextStep: '下一步',
  closedWon: '已赢单',
  closedLost: '已输单',
  lostReason: (reason: string) => `输单原因：${reason}`,
  instructions: '点击商机卡片或按 Enter 打开；按空格键拿起，用左右方向键（或 Home/End）在阶段间移动，再按空格键放下，按 Esc 取消。',
  readOnly: '您只能查看商机，不能移动。',
  closedCannotMove: (name: string) => `“${name}”已结单，不能再移动。`,
  grabbed: (name: string, stage: string) => `已拿起“${name}”，位于“${stage}”。左右方向键移动，空格键放下，Esc 取消。`,
  movedTo: (name: string, stage: string) => `“${name}”：移到“${stage}”。`,
  dropped: (name: string, stage: string) => `已将“${name}”移到“${stage}”。`,
  stayed: (name: string, stage: string) => `已放下“${name}”，仍在“${stage}”。`,
  cancelled: (name: string) => `已取消移动“${name}”，回到原阶段。`,
  moveFailed: (name: string) => `“${name}”移动失败，已恢复原阶段。`,
  staleMove: (name: string) => `“${name}”已被他人更新，本次移动未保存，已刷新看板。`,
  stillSaving: (name: string) => `“${name}”的移动正在保存，请稍候。`,
  won: (name: string) => `“${name}”已赢单。`,
  contractDraft: (id: number) => `已创建合同草稿 #${id}`,
  openContract: (id: number) => `查看合同草稿 #${id}`,
  lostDialogTitle: '标记为输单',
  lostDialogText: (name: string) => `请填写“${name}”的输单原因，便于复盘。`,
  lostReasonLabel: '输单原因',
  lostReasonRequired: '请填写输单原因。',
  confirmLost: '确认输单',
  cancel: '取消',
  dismiss: '关闭',
};

export type OpportunityPipelineMessages = typeof zhCN;

const en: OpportunityPipelineMessages = {
  title: 'Sales pipeline',
  loading: 'Loading the sales pipeline…',
  notConfigured: 'Widget not configured: wrap it in <crm-provider> or call configure().',
  notFound: 'Pipeline not found.',
  badOwner: 'Invalid owner filter: owner must be "mine" or a user id.',
  forbidden: 'The sales pipeline is for sales staff; your account may not view opportunities.',
  unauthorized: 'Your session has expired. Please sign in again.',
  loadFailed: 'Could not load the sales pipeline.',
  retry: 'Retry',
  empty: 'No opportunities in this pipeline yet. New and converted ones appear in the first stage.',
  stagesRegion: (pipeline: string) => `${pipeline}: stages`,
  stageNames: {
    qualification: 'Qualification',
    needs_analysis: 'Needs analysis',
    proposal: 'Proposal',
    negotiation: 'Negotiation',
    won: 'Won',
    lost: 'Lost',
  },
  probability: (percent: string) => `Win rate ${percent}`,
  count: (count: number) => (count === 1 ? '1 opportunity' : `${count} opportunities`),
  amount: 'Amount',
  weighted: 'Weighted',
  totals: 'Open pipeline',
  totalsLine: (count: number) => (count === 1 ? '1 open opportunity' : `${count} open opportunities`),
  emptyColumn: 'No opportunities',
  moreInColumn: (shown: number, count: number) => `Showing the ${shown} most recently moved of ${count}`,
  customer: 'Customer',
  owner: 'Owner',
  me: 'Me',
  unassigned: 'Unassigned',
  closeDate: 'Expected close',
  noCloseDate: 'Not set',
  overdue: 'Overdue',
  nextStep: 'Next step',
  closedWon: 'Won',
  closedLost: 'Lost',
  lostReason: (reason: string) => `Lost because: ${reason}`,
  instructions: 'Click an opportunity or press Enter to open it; press Space to pick it up, Left/Right (or Home/End) to move it between stages, Space to drop it, Escape to cancel.',
  readOnly: 'You may view opportunities but not move them.',
  closedCannotMove: (name: string) => `"${name}" is closed and cannot move.`,
  grabbed: (name: string, stage: string) => `Picked up "${name}" in "${stage}". Left/Right move, Space drops, Escape cancels.`,
  movedTo: (name: string, stage: string) => `"${name}": to "${stage}".`,
  dropped: (name: string, stage: string) => `Moved "${name}" to "${stage}".`,
  stayed: (name: string, stage: string) => `Dropped "${name}"; still in "${stage}".`,
  cancelled: (name: string) => `Move of "${name}" cancelled; it is back in its stage.`,
  moveFailed: (name: string) => `Could not move "${name}"; it is back in its stage.`,
  staleMove: (name: string) => `Someone else changed "${name}"; the move was not saved and the board was refreshed.`,
  stillSaving: (name: string) => `The move of "${name}" is still being saved; one moment.`,
  won: (name: string) => `"${name}" is won.`,
  contractDraft: (id: number) => `Contract draft #${id} created`,
  openContract: (id: number) => `Open contract draft #${id}`,
  lostDialogTitle: 'Mark as lost',
  lostDialogText: (name: string) => `Why was "${name}" lost? The reason helps the review.`,
  lostReasonLabel: 'Reason for the loss',
  lostReasonRequired: 'Please give a reason.',
  confirmLost: 'Mark as lost',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
};

/** The pipeline's catalogue for a locale. */
export function opportunityPipelineMessages(locale: CrmLocale): OpportunityPipelineMessages {
  return locale === 'en' ? en : zhCN;
}

/**
 * A stage's name in the board's language: the API's name (Chinese, or the tenant's own for a custom pipeline), in
 * English the standard stages' English names by code.
 *
 * @example stageLabel({ code: 'proposal', name: '方案报价' }, opportunityPipelineMessages('en')) // 'Proposal'
 */
export function stageLabel(stage: Pick<PipelineStage, 'code' | 'name'>, t: OpportunityPipelineMessages): string {
  return t.stageNames[stage.code] ?? stage.name;
}
