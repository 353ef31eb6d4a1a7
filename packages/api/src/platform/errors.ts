import type { Locale } from './i18n.ts';

type ErrorSpec = { status: 400 | 401 | 403 | 404 | 408 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 431 | 500 | 503; zh: string; en: string };

/** Every machine error code of the API, its HTTP status and its human message in both locales. */
export const errorCatalog = {
  'request.invalid': { status: 400, zh: '请求参数不合法', en: 'The request is invalid' },
  'request.malformed_json': { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  'request.unsupported_media_type': { status: 415, zh: '仅支持 application/json', en: 'Only application/json is accepted' },
  'request.too_large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'request.headers_too_large': { status: 431, zh: '请求地址或请求头过长', en: 'The request URL or headers are too large' },
  'request.timeout': { status: 408, zh: '请求超时', en: 'The request took too long to arrive' },
  'request.malformed_http': { status: 400, zh: '请求格式错误', en: 'The HTTP request is malformed' },
  'request.cursor_invalid': { status: 400, zh: '分页游标无效', en: 'The pagination cursor is invalid' },
  'route.not_found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  'auth.missing_token': { status: 401, zh: '缺少访问令牌', en: 'An access token is required' },
  'auth.invalid_token': { status: 401, zh: '访问令牌无效或已过期', en: 'The access token is invalid or expired' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed logins; try again later' },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'idempotency.key_reused': {
    status: 422,
    zh: '该幂等键已用于另一个请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  'precondition.required': { status: 428, zh: '更新需要 If-Match 请求头', en: 'Updates require an If-Match header' },
  'precondition.failed': {
    status: 412,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The record changed since you read it; reload and retry',
  },
  'customer.not_found': { status: 404, zh: '客户不存在', en: 'Customer not found' },
  'analysis.period_invalid': { status: 422, zh: '分析周期无效', en: 'The analysis period is not valid' },
  // risk alerts
  'risk_alert.not_found': { status: 404, zh: '风险预警不存在', en: 'Risk alert not found' },
  'risk_alert.invalid_transition': { status: 409, zh: '风险预警当前状态不允许此操作', en: 'The risk alert is not in a state that allows this' },
  'customer.duplicate': { status: 409, zh: '疑似重复客户', en: 'This looks like an existing customer' },
  'customer.archived': { status: 409, zh: '客户已归档', en: 'The customer is archived' },
  'customer.merge_invalid': { status: 409, zh: '无法合并这两个客户', en: 'These customers cannot be merged' },
  'customer.parent_invalid': { status: 422, zh: '上级客户无效', en: 'The parent customer is invalid' },
  'contact.not_found': { status: 404, zh: '联系人不存在', en: 'Contact not found' },
  'contact.primary_conflict': {
    status: 409,
    zh: '该客户已有主要联系人',
    en: 'This customer already has a primary contact',
  },
  'contact.reports_to_invalid': { status: 422, zh: '汇报对象无效', en: 'The reporting line is invalid' },
  'department.not_found': { status: 404, zh: '部门不存在', en: 'Department not found' },
  'department.cycle': { status: 422, zh: '部门层级不能形成环', en: 'Departments cannot form a cycle' },
  'department.not_empty': {
    status: 409,
    zh: '部门下仍有子部门或联系人',
    en: 'The department still has sub-departments or contacts',
  },
  'department.parent_invalid': { status: 422, zh: '上级部门无效', en: 'The parent department is invalid' },
  'department.duplicate': { status: 409, zh: '同级部门名称已存在', en: 'A sibling department has this name' },
  'tag.not_found': { status: 404, zh: '标签不存在', en: 'Tag not found' },
  'tag.duplicate': { status: 409, zh: '标签已存在', en: 'A tag with this name exists' },
  'tag_group.not_found': { status: 404, zh: '标签组不存在', en: 'Tag group not found' },
  'tag_group.duplicate': { status: 409, zh: '标签组已存在', en: 'A tag group with this name exists' },
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
  'sla.tier_not_found': { status: 404, zh: 'SLA 等级不存在', en: 'SLA tier not found' },
  'sla.tier_exists': { status: 409, zh: '该 SLA 等级编码已存在', en: 'An SLA tier with this code exists' },
  'sla.version_not_found': { status: 404, zh: 'SLA 版本不存在', en: 'SLA version not found' },
  'sla.version_immutable': { status: 409, zh: '已发布的 SLA 版本不可修改', en: 'A published SLA version cannot be changed' },
  'sla.version_not_bindable': { status: 422, zh: '该 SLA 版本未发布或已停用，不能绑定', en: 'The SLA version is not published or is retired and cannot be bound' },
  'sla.binding_invalid': { status: 422, zh: 'SLA 绑定无效', en: 'The SLA binding is invalid' },
  'sla.proposal_not_found': { status: 404, zh: 'SLA 调整建议不存在', en: 'SLA proposal not found' },
  'sla.proposal_decided': { status: 409, zh: '该 SLA 调整建议已处理', en: 'The SLA proposal has already been decided' },
  'contract.renewal_exists': { status: 409, zh: '该合同已有进行中的续约合同', en: 'The contract already has a renewal in progress' },
  'ticket.customer_unknown': { status: 422, zh: '找不到工单对应的客户', en: 'No customer matches the ticket' },
  'ticket.customer_ambiguous': { status: 409, zh: '工单联系人对应多个客户，请改用客户编号或编码', en: 'The ticket contact matches several customers; send the customer id or code' },
  'ticket.rejected': { status: 422, zh: '数据库拒绝了该工单（例如包含非法字符）', en: 'The database refused the ticket (an invalid character, say)' },
  'contract.reference_invalid': { status: 422, zh: '合同引用的记录无效', en: 'A record the contract refers to is invalid' },
  'calendar.invalid': { status: 422, zh: '工作日历不合法', en: 'The working calendar is invalid' },
  'notification.not_found': { status: 404, zh: '通知不存在', en: 'Notification not found' },
  // portfolio analytics
  'analytics.range_invalid': { status: 422, zh: '报表周期无效（开始晚于结束，或超过 36 个周期）', en: 'The report range is invalid (from after to, or more than 36 periods)' },
  // health
  'health.policy_invalid': { status: 422, zh: '健康度策略无效（阈值、权重或预警规则）', en: 'The health policy is invalid (thresholds, weights or alert rules)' },
  'churn_model.not_found': { status: 404, zh: '流失模型不存在', en: 'Churn model not found' },
  // finance, usage, operations signals
  'integration.customer_unknown': { status: 422, zh: '找不到推送数据对应的客户', en: 'No customer matches the pushed data' },
  'finance.due_before_issue': { status: 422, zh: '到期日不能早于开票日', en: 'The due date must not be before the issue date' },
  'finance.invoice_unknown': { status: 422, zh: '付款对应的发票不存在', en: 'The invoice of the payment does not exist' },
  'finance.invoice_customer_mismatch': { status: 422, zh: '付款对应的发票属于其他客户', en: 'The invoice of the payment belongs to another customer' },
  'usage.range_invalid': { status: 400, zh: '日期范围不合法（开始不能晚于结束，最长 366 天）', en: 'The date range is invalid (from after to, or longer than 366 days)' },
  'ops_signal.period_invalid': { status: 422, zh: '结束时间不能早于开始时间', en: 'The end must not be before the start' },
  // complaints
  'complaint.not_found': { status: 404, zh: '投诉不存在', en: 'Complaint not found' },
  'complaint.invalid_transition': { status: 409, zh: '投诉当前状态不允许该操作', en: 'This step is not possible in the complaint\'s current state' },
  'complaint.confirmation_required': { status: 409, zh: '客户尚未确认接受解决方案，不能关闭投诉', en: 'The complaint cannot be closed before the customer accepts the solution' },
  'complaint.text_invalid': { status: 422, zh: '投诉标题或描述为空或过长', en: 'The complaint title or description is empty or too long' },
  'complaint.reference_invalid': { status: 422, zh: '投诉引用的客户、联系人或工单无效', en: 'The customer, contact or ticket the complaint refers to is invalid' },
  'complaint.assignee_invalid': { status: 422, zh: '处理人必须是本租户的员工', en: 'The assignee must be a staff user of this tenant' },
  'complaint.policy_invalid': { status: 422, zh: '投诉升级策略不合法', en: 'The complaint escalation policy is invalid' },
  // customer-timeline
  'timeline.types_invalid': { status: 422, zh: '时间线类型无效', en: 'Unknown timeline type' },
  'timeline.period_invalid': { status: 422, zh: '时间范围无效：请使用日期或带时区的时间，且开始不晚于结束', en: 'Invalid period: use dates or instants with a zone, and start no later than the end' },
  'timeline.cursor_invalid': { status: 422, zh: '时间线分页游标无效', en: 'The timeline cursor is invalid' },
  // communications
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
  // tasks
  'task.not_found': { status: 404, zh: '任务不存在', en: 'Task not found' },
  'task.assignee_invalid': { status: 422, zh: '负责人须为本租户员工', en: 'The assignee must be a member of staff of the tenant' },
  'task.link_invalid': { status: 422, zh: '关联的投诉、合同或风险预警不存在或不属于该客户', en: 'The linked complaint, contract or risk alert does not exist or concerns another customer' },
  'task.neighbour_invalid': { status: 409, zh: '相邻任务不在目标列中', en: 'A neighbour task is not in the target column' },
  'playbook.not_found': { status: 404, zh: '剧本不存在', en: 'Playbook not found' },
  'playbook.duplicate': { status: 409, zh: '剧本编码已存在', en: 'A playbook with this code exists' },
  'playbook.invalid': { status: 422, zh: '剧本内容不合法', en: 'The playbook is invalid' },
  'tenant.not_found': { status: 404, zh: '租户不存在', en: 'Tenant not found' },
  'user.reference_invalid': { status: 422, zh: '所选人员须为本租户员工且具备相应权限', en: 'The user named must be a member of staff of this tenant whose role can do this work' },
  'api_key.not_found': { status: 404, zh: 'API 密钥不存在', en: 'API key not found' },
  // webhooks
  'webhook.not_found': { status: 404, zh: 'Webhook 订阅不存在', en: 'Webhook subscription not found' },
  'webhook.target_refused': { status: 422, zh: 'Webhook 地址指向内网、本机或保留地址，不予投递', en: 'The webhook URL points to a private, loopback or reserved address; nothing is sent there' },
  'webhook_delivery.not_found': { status: 404, zh: 'Webhook 投递记录不存在', en: 'Webhook delivery not found' },
  'webhook_delivery.pending': { status: 409, zh: '该投递仍在等待发送，无需重新投递', en: 'The delivery is still pending; it will be sent without redelivery' },
  // sales pipeline
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
  // segments
  'segment.not_found': { status: 404, zh: '客户分群不存在', en: 'Segment not found' },
  'segment.rule_invalid': { status: 422, zh: '分群规则无效', en: 'The segment rule is invalid' },
  'value_tier.not_found': { status: 404, zh: '该客户尚未计算价值分层', en: 'No value tier has been computed for this customer yet' },
  // surveys
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
  'conflict': { status: 409, zh: '数据冲突', en: 'The data conflicts with existing records' },
  'internal': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'unavailable': { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  'database.unavailable': { status: 503, zh: '数据库暂时不可用，请稍后重试', en: 'The database is temporarily unavailable; retry shortly' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

/**
 * The one error type of the API: a machine code from the catalogue, optional details, and the HTTP
 * status the code maps to. `app.onError` renders it in the envelope.
 * @example throw new ApiError('customer.not_found', { id });
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'ApiError';
    this.status = errorCatalog[code].status;
  }

  /** The human message in the caller's language. */
  messageIn(locale: Locale): string {
    const spec = errorCatalog[this.code];
    return locale === 'en' ? spec.en : spec.zh;
  }
}
