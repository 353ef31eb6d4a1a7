import type { PlaybookTaskTemplate } from './tasks.schema.ts';

/** The playbooks every tenant has (a code the tenant lacks is seeded on its next read, so new defaults reach existing tenants). */
export const DEFAULT_PLAYBOOKS: readonly { code: string; name: string; description: string; tasks: PlaybookTaskTemplate[] }[] = [
  {
    code: 'risk_mitigation',
    name: '风险客户挽留',
    description: '健康度下降或出现流失信号时的挽留动作',
    tasks: [
      { title: '流失风险电话关怀', type: 'care_call', priority: 'urgent', due_in_days: 1, checklist: ['了解不满原因', '确认关键联系人态度', '记录客户诉求'] },
      { title: '制定挽留方案', type: 'risk_mitigation', priority: 'high', due_in_days: 3, checklist: ['分析服务数据与 SLA 达成', '拟定补偿或改进措施', '内部评审方案'] },
      { title: '高层拜访', type: 'risk_mitigation', priority: 'high', due_in_days: 7, checklist: ['预约客户高层', '准备拜访材料', '拜访后同步纪要'] },
    ],
  },
  {
    code: 'renewal_preparation',
    name: '续约准备',
    description: '合同到期前的续约推进',
    tasks: [
      { title: '续约意向沟通', type: 'renewal_preparation', priority: 'high', due_in_days: 3, checklist: ['确认续约意向', '了解预算与采购流程'] },
      { title: '准备续约报价', type: 'renewal_preparation', priority: 'normal', due_in_days: 10, checklist: ['核对服务用量', '制定报价与折扣', '报价审批'] },
      { title: '续约谈判', type: 'renewal_preparation', priority: 'high', due_in_days: 20, checklist: ['发送续约报价', '谈判条款', '推动签署'] },
    ],
  },
  {
    code: 'onboarding',
    name: '新客户上手',
    description: '签约后的首月上手计划',
    tasks: [
      { title: '启动会', type: 'onboarding_step', priority: 'high', due_in_days: 3, checklist: ['确认双方接口人', '明确服务范围与 SLA', '约定沟通机制'] },
      { title: '服务目录培训', type: 'onboarding_step', priority: 'normal', due_in_days: 10, checklist: ['培训服务目录与提单方式', '开通客户门户账号'] },
      { title: '首月回访', type: 'care_call', priority: 'normal', due_in_days: 30, checklist: ['收集使用反馈', '确认满意度'] },
    ],
  },
  {
    code: 'qbr',
    name: '季度业务回顾',
    description: '每季度与客户回顾服务成效',
    tasks: [{ title: '季度业务回顾', type: 'qbr', priority: 'normal', due_in_days: 14, checklist: ['汇总 SLA 达成与工单数据', '准备 QBR 材料', '召开回顾会议', '跟进改进项'] }],
  },
  {
    code: 'care_plan',
    name: '关怀计划',
    description: '满意度连续下降时的客户关怀',
    tasks: [
      { title: '满意度下降关怀回访', type: 'care_call', priority: 'high', due_in_days: 2, checklist: ['回看最近几次评分与评价', '电话了解不满意的原因', '记录客户期望'] },
      { title: '制定服务改进计划', type: 'care_plan', priority: 'high', due_in_days: 7, checklist: ['分析低分工单与投诉的共性问题', '确定改进措施与负责人', '向客户确认改进计划'] },
      { title: '改进后满意度回访', type: 'care_plan', priority: 'normal', due_in_days: 30, checklist: ['确认改进措施已落实', '再次收集满意度评分'] },
    ],
  },
  {
    code: 'complaint_follow_up',
    name: '投诉跟进',
    description: '投诉处理后的回访与改进',
    tasks: [
      { title: '投诉处理结果回访', type: 'complaint_follow_up', priority: 'high', due_in_days: 2, checklist: ['确认问题已解决', '记录客户满意度'] },
      { title: '改进措施落实', type: 'complaint_follow_up', priority: 'normal', due_in_days: 14, checklist: ['确认根因', '落实改进措施并告知客户'] },
    ],
  },
];
