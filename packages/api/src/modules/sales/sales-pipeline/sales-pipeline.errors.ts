import { defineErrors, type ErrorCodesOf } from '../../../platform/errors.ts';

/**
 * The error codes of leads, pipelines and opportunities, with their HTTP status and messages; registered when this file is imported.
 * Every file of this module that names one of them imports this file, so they are registered before any is thrown.
 */
export const salesPipelineErrors = defineErrors({
  'lead.not_found': { status: 404, zh: '线索不存在', en: 'Lead not found' },
  'lead.duplicate': { status: 409, zh: '疑似重复线索或已有客户', en: 'This looks like an existing lead or customer' },
  'lead.already_converted': { status: 409, zh: '线索已转化', en: 'The lead has already been converted' },
  'lead.invalid_transition': { status: 409, zh: '线索当前状态不允许该变更', en: 'The lead cannot move to this status from its current one' },
  'pipeline.not_found': { status: 404, zh: '销售管道不存在', en: 'Pipeline not found' },
  'pipeline.invalid': { status: 422, zh: '销售管道阶段无效（位置须唯一，且恰有一个赢单和一个输单阶段）', en: 'The pipeline stages are invalid (unique positions, exactly one won and one lost stage)' },
  'opportunity.not_found': { status: 404, zh: '商机不存在', en: 'Opportunity not found' },
  'opportunity.closed': { status: 409, zh: '商机已关闭（赢单或输单）', en: 'The opportunity is closed (won or lost)' },
  'opportunity.stage_invalid': { status: 422, zh: '阶段不属于该商机的销售管道', en: 'The stage is not a stage of the opportunity\'s pipeline' },
  'opportunity.lost_reason_required': { status: 422, zh: '输单须填写原因', en: 'A lost opportunity needs a reason' },
});

// Adds these codes to `ErrorCode`, so that `new ApiError(code)` checks them at compile time.
declare module '../../../platform/errors.ts' {
  interface ErrorCodes extends ErrorCodesOf<typeof salesPipelineErrors> {}
}
