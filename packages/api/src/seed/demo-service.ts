/**
 * Demo communications and complaints: what makes the customer timeline, the communications list, the task
 * list and the complaint desk show real work on first start. Written through the module services (log,
 * e-mail ingest, complaint steps) acting as the demo staff, so every row carries its events, audit entries,
 * tasks and notifications as if they had done the work. Deterministic per customer id.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { permissionsOf } from '../platform/auth/permissions.ts';
import type { RequestScope } from '../platform/request-context.ts';
import { systemScope } from '../platform/system-scope.ts';
import type { TenantSettings } from '../platform/identity/tenants.schema.ts';
import { users } from '../platform/identity/users.schema.ts';
import { ingestEmail } from '../modules/service/communications/communication-ingest.service.ts';
import { logCommunication } from '../modules/service/communications/communication-log.service.ts';
import { acknowledgeComplaint, closeComplaint, confirmComplaint, investigateComplaint, resolveComplaint } from '../modules/service/complaints/complaint-actions.service.ts';
import { submitComplaint } from '../modules/service/complaints/complaints.service.ts';
import { customerContacts } from '../modules/customers/contacts/contacts.schema.ts';
import { contracts } from '../modules/contracts-sla/contracts/contracts.schema.ts';
import { serviceRecords } from '../modules/service/service-records/service-records.schema.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The scope of a demo member of staff: their own id and roles, so rows say who did the work. */
function staffScope(base: RequestScope, user: { id: number; roles: string[] }): RequestScope {
  return { ...base, principal: { ...base.principal, kind: 'user', subject: String(user.id), userId: user.id, roles: user.roles, permissions: permissionsOf(user.roles) } };
}

const at = (now: Date, daysAgo: number, hour = 10) => {
  const day = new Date(now.getTime() - daysAgo * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour - 8)).toISOString();
};

/** Complaints in every step of the flow, as customers of an MSP write them. */
const COMPLAINTS = [
  { title: '核心业务系统宕机两小时无人响应', description: '今天上午 9 点起 ERP 无法访问，电话报修后两个小时没有任何工程师联系我们，全公司业务停摆，非常不满。', stage: 'open' },
  { title: '工程师现场服务态度差', description: '上周来机房的工程师态度很不耐烦，我们同事问问题被敷衍，希望贵司重视服务态度。', stage: 'acknowledged' },
  { title: '本月账单多收了两台服务器的费用', description: '11 月账单里包含已经下线的两台虚拟机的托管费，请核实并退还多收的费用，重新开具发票。', stage: 'investigating' },
  { title: '备份任务连续三天失败未通知', description: '数据库备份连续三天失败，监控没有告警，也没有人通知我们，万一数据丢失后果严重。', stage: 'resolved' },
  { title: '补丁升级后邮件系统频繁中断', description: '周末补丁升级以后邮件服务器每天中断好几次，影响对外业务沟通，请尽快处理并给出原因。', stage: 'closed' },
] as const;

/**
 * Seeds communications (calls, a quarterly review meeting with action items, an e-mail thread, WeCom
 * messages) for the customers with a contract in force, and complaints at every step for a few of them.
 * @returns how many communications and complaints were written.
 */
export async function seedDemoService(tx: Db, tenantId: number, keyRing: KeyRing, settings: TenantSettings, now: Date): Promise<{ communications: number; complaints: number }> {
  const base = systemScope(tx, tenantId, keyRing, settings, 'seed');
  const staff = await tx.select({ id: users.id, username: users.username, roles: users.roles }).from(users).where(and(eq(users.tenant_id, tenantId), inArray(users.username, ['manager@demo', 'csm@demo', 'support@demo'])));
  const byName = new Map(staff.map((u) => [u.username, u]));
  const manager = byName.get('manager@demo')!;
  const csm = byName.get('csm@demo')!;
  const [portalUser] = await tx.select({ id: users.id, customer_id: users.customer_id, roles: users.roles }).from(users).where(and(eq(users.tenant_id, tenantId), eq(users.username, 'customer@demo')));
  const asManager = staffScope(base, manager);
  const asCsm = staffScope(base, csm);

  const inForce = await tx
    .selectDistinct({ customer_id: contracts.customer_id })
    .from(contracts)
    .where(and(eq(contracts.tenant_id, tenantId), inArray(contracts.state, ['active', 'expiring'])))
    .orderBy(asc(contracts.customer_id));
  const portalCustomer = portalUser?.customer_id ?? null;
  const chosen = [...new Set([...(portalCustomer ? [portalCustomer] : []), ...inForce.map((c) => c.customer_id)])].slice(0, 12);
  const contacts = await tx
    .select({ id: customerContacts.id, customer_id: customerContacts.customer_id })
    .from(customerContacts)
    .where(and(eq(customerContacts.tenant_id, tenantId), inArray(customerContacts.customer_id, chosen), isNotNull(customerContacts.email_bidx)))
    .orderBy(asc(customerContacts.id));
  const contactOf = new Map<number, number>();
  for (const c of contacts) if (!contactOf.has(c.customer_id)) contactOf.set(c.customer_id, c.id);

  let written = 0;
  for (const [n, customerId] of chosen.entries()) {
    const contact = contactOf.get(customerId);
    const contactIds = contact ? [contact] : [];
    await logCommunication(asManager, customerId, { kind: 'call', direction: 'outbound', channel: 'phone', occurred_at: at(now, 3 + n, 15), duration_seconds: 540, contact_ids: contactIds, subject: '月度服务回访', body: '客户对本月工单处理速度满意，提出希望增加夜间巡检；已记录并转交服务经理。' });
    await logCommunication(asCsm, customerId, { kind: 'call', direction: 'inbound', channel: 'phone', occurred_at: at(now, 20 + n, 11), duration_seconds: 300, contact_ids: contactIds, subject: '续约意向沟通', body: '客户询问明年服务范围调整和报价，约定下月 QBR 时详细讨论。' });
    await logCommunication(asManager, customerId, {
      kind: 'meeting',
      occurred_at: at(now, 10 + n, 14),
      ended_at: new Date(new Date(at(now, 10 + n, 14)).getTime() + 90 * 60_000).toISOString(),
      location: '客户总部 3 楼会议室',
      subject: '季度业务回顾（QBR）',
      attendees: { contact_ids: contactIds, user_ids: [manager.id, csm.id] },
      agenda: ['本季度服务指标回顾', '重大故障复盘', '下季度改进计划'],
      minutes: '本季度 SLA 达成率 97%，一次 P1 故障响应超时。客户希望增加主动巡检并缩短夜间响应时间。',
      decisions: ['下季度起每月一次主动巡检', '夜间 P1 响应目标调整为 15 分钟'],
      action_items: [
        { title: '制定主动巡检计划并发给客户确认', owner_user_id: csm.id, due_date: at(now, 3 - n, 18).slice(0, 10) },
        { title: '评估夜间值班人员配置', owner_user_id: manager.id, due_date: at(now, -7, 18).slice(0, 10) },
      ],
    });
    await logCommunication(asCsm, customerId, { kind: 'im', channel: 'wecom', direction: 'inbound', occurred_at: at(now, 1 + n, 9), contact_ids: contactIds, body: '你好，今天早上 VPN 又断了两次，麻烦帮忙看一下。' });
    const root = `<qbr-${tenantId}-${customerId}@demo.crm>`;
    const customerRef = { id: customerId };
    await ingestEmail(base, { message_id: root, references: [], from: { address: 'manager@msp.example.cn', name: '客户经理' }, to: [{ address: `it@customer-${customerId}.example.cn` }], cc: [], subject: '季度服务报告', text: '您好，附件是本季度服务报告，请查收。如有疑问随时联系。', sent_at: at(now, 8 + n, 9), attachments: [{ filename: '季度服务报告.pdf', content_type: 'application/pdf', size: 356_201 }], customer: customerRef });
    await ingestEmail(base, { message_id: `<re-${tenantId}-${customerId}@customer.example.cn>`, in_reply_to: root, references: [root], from: { address: `it@customer-${customerId}.example.cn` }, to: [{ address: 'manager@msp.example.cn' }], cc: [], subject: 'Re: 季度服务报告', text: '收到，报告第 3 页的可用性数据和我们监控的不一致，请核对。', sent_at: at(now, 7 + n, 16), attachments: [], customer: customerRef });
    written += 6;
  }

  let complaints = 0;
  const [ticket] = chosen.length
    ? await tx.select({ source: serviceRecords.source, external_id: serviceRecords.external_id }).from(serviceRecords).where(and(eq(serviceRecords.tenant_id, tenantId), eq(serviceRecords.customer_id, chosen[0]!))).limit(1)
    : [];
  for (const [n, complaint] of COMPLAINTS.entries()) {
    const customerId = chosen[n % Math.max(1, chosen.length)];
    if (customerId === undefined) break;
    const submittedAt = new Date(now.getTime() - (complaint.stage === 'open' ? 3 * HOUR : (n + 2) * DAY));
    const fromPortal = customerId === portalCustomer && portalUser && complaint.stage !== 'open';
    const submitter = fromPortal ? { ...base, principal: { ...base.principal, kind: 'user' as const, subject: String(portalUser.id), userId: portalUser.id, roles: portalUser.roles, permissions: permissionsOf(portalUser.roles), customerId } } : asManager;
    const row = await submitComplaint(submitter, { customer_id: customerId, title: complaint.title, description: complaint.description, ...(n === 0 && ticket ? { service_record: ticket } : {}) }, submittedAt);
    complaints += 1;
    const stages = ['acknowledged', 'investigating', 'resolved', 'closed'];
    const reached = stages.indexOf(complaint.stage);
    const step = (hours: number) => new Date(submittedAt.getTime() + hours * HOUR);
    if (reached >= 0) await acknowledgeComplaint(asManager, row.id, { note: '已收到，正在安排处理' }, null, step(0.5));
    if (reached >= 1) await investigateComplaint(asManager, row.id, { cause: '变更后监控规则未同步更新', impact_scope: '客户全部生产业务', note: '已调取变更记录与监控日志' }, null, step(4));
    if (reached >= 2) await resolveComplaint(asManager, row.id, { solution: '修复监控规则并补做备份，已恢复正常', improvement_measures: '变更流程增加监控规则核对项；失败任务自动通知客户' }, null, step(24));
    if (reached >= 3) {
      await confirmComplaint(asManager, row.id, { accepted: true, feedback: '问题已解决，感谢跟进', satisfaction: 4 }, null, step(30));
      await closeComplaint(asManager, row.id, { lessons_learned: '补丁升级前必须在预发环境验证邮件服务，并提前通知客户维护窗口。' }, null, step(32));
    }
  }
  return { communications: written, complaints };
}
