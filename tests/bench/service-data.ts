import type { Sql } from 'postgres';
import { seededRandom as random } from '../../packages/api/src/seed/seeded-random.ts';
import { copyRows } from './copy-rows.ts';

/**
 * REQ-016 §10's yearly volume of the service side: 1,000,000 service records (tickets) and 5,000,000
 * communications over the last twelve months, spread over the bench customers with a long tail (a few
 * large customers carry many tickets, as in real service desks: customer rank r gets a share ∝ 1/√r).
 * Rows go in with COPY through the partitioned parents, so they land in their month partitions.
 */
export const SERVICE_SIZE = {
  serviceRecords: Number(process.env.BENCH_SERVICE_RECORDS ?? 1_000_000),
  communications: Number(process.env.BENCH_COMMUNICATIONS ?? 5_000_000),
};

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

const TICKET_SUBJECTS = [
  '核心交换机端口告警', '数据库主库宕机', 'VPN 连接频繁断开', '邮件服务器无法收信', '新员工账号开通', '打印机驱动安装',
  '存储阵列磁盘故障', '备份任务失败', '防火墙策略变更', '虚拟机性能下降', '网站访问缓慢', '证书即将过期',
  '监控告警误报', '补丁升级后服务异常', '无线网络覆盖不足', '机房空调告警', 'OA 系统登录失败', 'ERP 接口超时',
];
const CATEGORIES = ['network', 'database', 'desktop', 'account', 'mail', 'storage', 'security', 'application'];
const CHANNELS = ['portal', 'phone', 'email', 'wechat'];
const STATUSES = ['resolved', 'closed', 'closed', 'closed', 'in_progress', 'open'];
const PRIORITY_WEIGHTS: [string, number, number][] = [['P1', 0.05, 30], ['P2', 0.2, 60], ['P3', 0.5, 240], ['P4', 1, 480]];
const DESCRIPTION =
  '客户来电报障，现场工程师已远程登录排查。初步判断与近期变更有关，已收集日志并提交二线支持分析；' +
  '期间提供临时规避方案，客户业务暂未完全中断。后续将根据厂商建议安排维护窗口进行修复，并在修复后回访确认。';
const COMM_SUBJECTS = {
  call: ['季度服务回访', '故障处理进展沟通', '续约意向电话', '账单疑问解答'],
  meeting: ['季度业务回顾 QBR', '项目启动会', '架构评审会', '年度服务规划会'],
  email: ['Re: 本月服务报告', '变更通知：核心网络维护窗口', 'Re: 发票开具信息确认', '服务满意度调查邀请'],
  im: ['企业微信群消息', '钉钉群消息', '微信消息'],
} as const;
const KINDS: [keyof typeof COMM_SUBJECTS, number][] = [['email', 0.45], ['im', 0.8], ['call', 0.95], ['meeting', 1]];
const IM_CHANNELS = ['wecom', 'dingtalk', 'wechat'];
const COMM_BODY =
  '双方就本月服务情况进行了沟通：工单处理总体及时，个别夜间告警响应偏慢；客户希望下季度增加主动巡检，' +
  '并关注核心业务系统的可用性。我方将整理改进计划，并于下周发送书面材料确认。';

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
/** Customer ids 1..n, rank r drawn with probability ∝ 1/√r. */
const skewedCustomer = (rnd: () => number, customers: number) => 1 + Math.min(customers - 1, Math.floor(customers * rnd() ** 2));

export const SERVICE_RECORD_COLUMNS = [
  'tenant_id', 'id', 'opened_at', 'customer_id', 'source', 'external_id', 'ticket_no', 'title', 'description', 'category', 'priority',
  'channel', 'status', 'first_response_at', 'resolved_at', 'closed_at', 'assignee', 'satisfaction_rating', 'response_due_at',
  'resolution_due_at', 'response_breached', 'resolution_breached', 'created_at', 'updated_at',
];

function* serviceRecordRows(tenantId: number, customers: number, now: number): Generator<unknown[]> {
  const rnd = random(20_261_126);
  for (let id = 1; id <= SERVICE_SIZE.serviceRecords; id++) {
    const opened = new Date(now - Math.floor(rnd() * YEAR_MS));
    const p = rnd();
    const [priority, , responseMinutes] = PRIORITY_WEIGHTS.find(([, w]) => p < w)!;
    const respondedAfter = Math.floor(responseMinutes * (0.2 + rnd() * 1.1));
    const responded = new Date(opened.getTime() + respondedAfter * 60_000);
    const status = pick(rnd, STATUSES);
    const done = status === 'resolved' || status === 'closed';
    const resolved = done ? new Date(responded.getTime() + Math.floor(rnd() * 48 * 3_600_000)) : null;
    const rating = done && rnd() < 0.4 ? 1 + Math.floor(rnd() ** 0.4 * 5) : null;
    const title = pick(rnd, TICKET_SUBJECTS);
    yield [
      tenantId, id, opened, skewedCustomer(rnd, customers), 'itsm', `B-${id}`, `INC${String(id).padStart(8, '0')}`, title,
      `${title}。${DESCRIPTION}`, pick(rnd, CATEGORIES), priority, pick(rnd, CHANNELS), status, responded, resolved,
      status === 'closed' ? resolved : null, `工程师${1 + Math.floor(rnd() * 40)}`, rating,
      new Date(opened.getTime() + responseMinutes * 60_000), new Date(opened.getTime() + responseMinutes * 16 * 60_000),
      respondedAfter > responseMinutes, resolved ? resolved.getTime() - opened.getTime() > responseMinutes * 16 * 60_000 : null, opened, opened,
    ];
  }
}


export const COMMUNICATION_COLUMNS = [
  'tenant_id', 'id', 'occurred_at', 'customer_id', 'kind', 'direction', 'channel', 'subject', 'body', 'ended_at', 'duration_seconds',
  'participants', 'details', 'thread_key', 'source', 'external_id', 'created_by', 'created_at', 'updated_at',
];

function* communicationRows(tenantId: number, customers: number, managerIds: number[], now: number): Generator<unknown[]> {
  const rnd = random(20_261_127);
  for (let id = 1; id <= SERVICE_SIZE.communications; id++) {
    const at = new Date(now - Math.floor(rnd() * YEAR_MS));
    const k = rnd();
    const kind = KINDS.find(([, w]) => k < w)![0];
    const customerId = skewedCustomer(rnd, customers);
    const manager = pick(rnd, managerIds);
    const subject = pick(rnd, COMM_SUBJECTS[kind]);
    const thread = kind === 'email' ? `bench-thread-${customerId}-${Math.floor(rnd() * 20)}@mail` : kind === 'im' ? `wecom:chat-${customerId}` : null;
    const minutes = kind === 'meeting' ? 60 : kind === 'call' ? 5 + Math.floor(rnd() * 20) : 0;
    yield [
      tenantId, id, at, customerId, kind, rnd() < 0.5 ? 'inbound' : 'outbound',
      kind === 'im' ? pick(rnd, IM_CHANNELS) : kind === 'call' ? 'phone' : null, subject, COMM_BODY,
      kind === 'meeting' ? new Date(at.getTime() + minutes * 60_000) : null, kind === 'call' ? minutes * 60 : null,
      JSON.stringify([{ role: 'organizer', user_id: manager }]), kind === 'email' ? JSON.stringify({ message_id: `bench-${id}@mail` }) : '{}',
      thread, kind === 'email' ? 'email' : null, kind === 'email' ? `bench-${id}@mail` : null, manager, at, at,
    ];
  }
}

/**
 * Loads the service records (with their idempotency keys) and the communications; returns the counts.
 * @example await generateServiceData(sql, tenantId, 100_000, managerIds, log);
 */
export async function generateServiceData(sql: Sql, tenantId: number, customers: number, managerIds: number[], log: (m: string) => void): Promise<void> {
  const now = Date.now();
  const first = new Date(now - YEAR_MS - 31 * DAY_MS).toISOString().slice(0, 10);
  for (const table of ['service_records', 'communications']) await sql`select crm_ensure_month_partitions(${table}, ${first}::date, 15)`;
  log(`service records: ${await copyRows(sql, 'service_records', SERVICE_RECORD_COLUMNS, serviceRecordRows(tenantId, customers, now))}`);
  await sql`
    insert into service_record_keys (tenant_id, source, external_id, record_id, opened_at)
    select tenant_id, source, external_id, id, opened_at from service_records where tenant_id = ${tenantId}`;
  log('service record keys');
  log(`communications: ${await copyRows(sql, 'communications', COMMUNICATION_COLUMNS, communicationRows(tenantId, customers, managerIds, now))}`);
  await sql`
    insert into communication_keys (tenant_id, source, external_id, communication_id, occurred_at)
    select tenant_id, source, external_id, id, occurred_at from communications where tenant_id = ${tenantId} and source = 'email'`;
  log('communication keys of the e-mails');
  for (const table of ['service_records', 'communications']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql(table)}))`;
  }
}
