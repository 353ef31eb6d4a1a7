/**
 * The demo tenant's surveys, segments and sales funnel (issue 6), written through the modules' own services so
 * the demo shows what the product does:
 * - a quarterly satisfaction survey sent 45 days ago to 80 customers, 56 of whom answered over the next weeks
 *   (scores, comments for the themes, detractor follow-up tasks) and an improvement action on the detractors;
 * - a pulse survey sent today to 30 other customers by e-mail (unanswered: one link is returned so that
 *   `pnpm start` can print it) and to the portal customer in the portal (`customer@demo` sees it);
 * - four saved segments and the RFM value tiers;
 * - leads in every status (two converted) and 48 opportunities: open ones across the stages and 30 closed over
 *   the last year, so the funnel has a history and the win probability is learned (≥ 20 closed).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { systemScope } from '../platform/system-scope.ts';
import type { RequestScope } from '../platform/request-context.ts';
import type { TenantSettings } from '../platform/identity/tenants.schema.ts';
import { users } from '../platform/identity/users.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { LeadConversion, LeadCreate } from '../modules/sales/sales-pipeline/leads.contract.ts';
import { convertLead } from '../modules/sales/sales-pipeline/lead-conversion.service.ts';
import { createLead } from '../modules/sales/sales-pipeline/leads.service.ts';
import { OpportunityCreate } from '../modules/sales/sales-pipeline/opportunities.contract.ts';
import { createOpportunity, moveOpportunity } from '../modules/sales/sales-pipeline/opportunities.service.ts';
import { defaultPipelineId, stagesOf } from '../modules/sales/sales-pipeline/pipelines.service.ts';
import { opportunities, opportunityStageHistory } from '../modules/sales/sales-pipeline/sales-pipeline.schema.ts';
import { SegmentCreate } from '../modules/analytics/segments/segments.contract.ts';
import { createSegment } from '../modules/analytics/segments/segments.service.ts';
import { recomputeValueTiers } from '../modules/analytics/segments/value-tiers.ts';
import { ImprovementActionCreate } from '../modules/success/surveys/survey-results.contract.ts';
import { createImprovementAction } from '../modules/success/surveys/improvement-actions.service.ts';
import { createSurveyCampaign, launchSurveyCampaign } from '../modules/success/surveys/survey-campaigns.service.ts';
import { hashSurveyToken, sentSurveyLinks, tokenOfLink } from '../modules/success/surveys/survey-invitations.ts';
import { submitSurvey } from '../modules/success/surveys/survey-responses.service.ts';
import { createSurveyTemplate } from '../modules/success/surveys/survey-templates.service.ts';
import { SurveyCampaignCreate, SurveyTemplateCreate } from '../modules/success/surveys/surveys.contract.ts';
import { seededRandom } from './seeded-random.ts';

const DAY = 86_400_000;
const POTENTIAL = 1;
const t = (zh: string, en: string) => ({ zh, en });

/** The quarterly survey: every question type, with a follow-up question shown to detractors only. */
export const DEMO_SURVEY_QUESTIONS = [
  { id: 'nps', type: 'nps', title: t('您有多大可能向朋友或同事推荐我们的运维服务？', 'How likely are you to recommend our IT operations service to a friend or colleague?'), required: true },
  { id: 'why_low', type: 'text', title: t('很抱歉没有让您满意，主要是哪些方面？', 'We are sorry. What disappointed you most?'), show_if: { question: 'nps', in: [0, 1, 2, 3, 4, 5, 6] }, max_length: 500 },
  { id: 'csat', type: 'csat', title: t('您对最近一个季度的服务总体满意吗？', 'Overall, how satisfied were you with our service this quarter?'), required: true },
  { id: 'ces', type: 'ces', title: t('提交和跟进服务请求有多容易？', 'How easy was it to raise and follow up a service request?') },
  { id: 'engineer', type: 'rating', title: t('请为驻场工程师的专业程度打分', 'Rate the professionalism of the on-site engineers'), max: 5 },
  { id: 'channel', type: 'single_choice', title: t('您最常用哪种方式联系我们？', 'How do you contact us most often?'), options: [{ id: 'portal', label: t('自助门户', 'Self-service portal') }, { id: 'phone', label: t('电话', 'Phone') }, { id: 'wechat', label: t('企业微信', 'WeCom') }, { id: 'email', label: t('邮件', 'E-mail') }] },
  { id: 'improve', type: 'multiple_choice', title: t('您希望我们优先改进哪些方面？（最多选两项）', 'What should we improve first? (up to two)'), options: [{ id: 'speed', label: t('响应速度', 'Response time') }, { id: 'skills', label: t('技术能力', 'Technical skills') }, { id: 'reports', label: t('服务报告', 'Service reports') }, { id: 'price', label: t('价格', 'Price') }], max_selections: 2 },
  { id: 'comment', type: 'text', title: t('还有什么想告诉我们的？', 'Anything else you would like to tell us?'), max_length: 1000 },
];

const PRAISE = ['工程师响应很快，问题当天就解决了', '服务态度好，报告很专业', '驻场工程师技术过硬，沟通顺畅', '续约流程简单，客户经理很负责'];
const COMPLAINTS = ['响应速度太慢，工单经常没人跟进', '价格偏高，性价比一般', '同一个网络故障反复出现，很失望', '电话经常打不通，服务报告不及时'];

/** One demo respondent's answers, from a seeded draw: about 55% promoters, 25% passives, 20% detractors. */
function demoAnswers(random: () => number): Record<string, unknown> {
  const draw = random();
  const nps = draw < 0.2 ? Math.floor(random() * 6) + 1 : draw < 0.45 ? 7 + Math.floor(random() * 2) : 9 + Math.floor(random() * 2);
  const detractor = nps <= 6;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const answers: Record<string, unknown> = {
    nps,
    csat: detractor ? 1 + Math.floor(random() * 3) : nps >= 9 ? 4 + Math.floor(random() * 2) : 3 + Math.floor(random() * 2),
    ces: detractor ? 4 + Math.floor(random() * 4) : 1 + Math.floor(random() * 3),
    engineer: detractor ? 2 + Math.floor(random() * 2) : 4 + Math.floor(random() * 2),
    channel: pick(['portal', 'phone', 'wechat', 'email']),
    improve: detractor ? ['speed', pick(['skills', 'price'])] : [pick(['reports', 'skills'])],
  };
  if (detractor) answers.why_low = pick(COMPLAINTS);
  if (random() < 0.6) answers.comment = detractor ? pick(COMPLAINTS) : pick(PRAISE);
  return answers;
}

/** The link tokens a campaign sent, by customer id. */
const sentTokens = async (tx: Db, tenantId: number, campaignId: number) =>
  new Map([...(await sentSurveyLinks(tx, tenantId, campaignId))].map(([customerId, link]) => [customerId, tokenOfLink(link)]));

async function seedSurveys(scope: RequestScope, customerIds: readonly number[], portalCustomerId: number | null, now: Date) {
  const random = seededRandom(16);
  const template = await createSurveyTemplate(scope, SurveyTemplateCreate.parse({ name: '季度服务满意度调查', description: '每季度向客户的主要联系人发送', questions: DEMO_SURVEY_QUESTIONS, status: 'active' }));
  const others = customerIds.filter((id) => id !== portalCustomerId);
  const surveyed = others.slice(0, 80);

  const sentAt = new Date(now.getTime() - 45 * DAY);
  const quarterly = await createSurveyCampaign(scope, SurveyCampaignCreate.parse({ template_id: template.id, name: '2026 Q3 服务满意度', target: { kind: 'customers', customer_ids: surveyed }, channel: 'email', reminder_days: [3, 7], token_ttl_days: 30 }));
  await launchSurveyCampaign(scope, quarterly.id, sentAt, '/');
  const tokens = await sentTokens(scope.tx, scope.tenantId, quarterly.id);
  const detractors: number[] = [];
  let answered = 0;
  for (const [i, customerId] of surveyed.entries()) {
    const token = tokens.get(customerId);
    if (!token || i % 10 >= 7) continue;
    const answers = demoAnswers(random);
    const at = new Date(sentAt.getTime() + (1 + Math.floor(random() * 20)) * DAY);
    const { response_id } = await submitSurvey(scope, { kind: 'token', hash: hashSurveyToken(token) }, answers, at);
    answered += 1;
    if ((answers.nps as number) <= 6) detractors.push(response_id);
  }
  if (detractors.length) {
    await createImprovementAction(
      scope,
      ImprovementActionCreate.parse({ title: '工单首次响应提速：夜间值班与 30 分钟回访', description: '贬损者反馈集中在响应速度和跟进不及时', due_date: new Date(now.getTime() + 30 * DAY).toISOString().slice(0, 10), status: 'in_progress', campaign_id: quarterly.id, response_ids: detractors.slice(0, 20) }),
      new Date(now.getTime() - 15 * DAY),
    );
  }

  const pulse = await createSurveyCampaign(scope, SurveyCampaignCreate.parse({ template_id: template.id, name: '服务回访（11 月）', target: { kind: 'customers', customer_ids: others.slice(80, 110) }, channel: 'email', reminder_days: [3], token_ttl_days: 30, throttle_days: 0 }));
  await launchSurveyCampaign(scope, pulse.id, now, '/');
  const open = await sentTokens(scope.tx, scope.tenantId, pulse.id);
  if (portalCustomerId !== null) {
    const portal = await createSurveyCampaign(scope, SurveyCampaignCreate.parse({ template_id: template.id, name: '门户满意度调查', target: { kind: 'customers', customer_ids: [portalCustomerId] }, channel: 'portal', token_ttl_days: 30, throttle_days: 0 }));
    await launchSurveyCampaign(scope, portal.id, now, '/');
  }
  return { answered, detractors: detractors.length, sampleLink: open.size ? `/survey/${[...open.values()][0]}` : null };
}

const SEGMENTS = [
  { name: '高价值风险客户', description: 'VIP 及以上且健康度亮黄灯或红灯：客户成功优先跟进', rule_text: 'level >= 3 and health_band in ("yellow", "red")' },
  { name: '90 天内到期的合同', description: '续约准备名单', rule_text: 'contract_end_days <= 90' },
  { name: 'NPS 贬损者', description: '最近一次 NPS 0–6 的客户：回访与改进', rule_text: 'nps <= 6' },
  { name: '久未联系的正式客户', description: '60 天以上未联系或从未联系', rule_text: 'status = "formal" and (last_contact_days > 60 or last_contact_days is null)' },
];

const LEAD_COMPANIES = ['星辰物流有限公司', '华彩印务股份有限公司', '蓝海生物科技有限公司', '北辰新能源集团', '云帆跨境电商有限公司', '金桥律师事务所', '中科智造装备有限公司', '东方明珠连锁酒店', '南湖实验学校', '海川水务有限公司', '锦程人力资源有限公司', '青峰建筑设计院'];
const SOURCES = ['website', 'referral', 'event', 'cold_call', 'partner'];
const OPPORTUNITY_NAMES = ['运维外包', '机房迁移', '网络改造', '安全加固', '桌面运维扩容', '云平台代维', '灾备建设', '监控平台升级'];
const LOST_REASONS = ['价格高于竞争对手', '客户预算冻结', '选择了原厂服务', '需求延期到明年'];

async function seedSales(tx: Db, scope: RequestScope, customerIds: readonly number[], potentialIds: readonly number[], owners: readonly number[], now: Date) {
  const random = seededRandom(61);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const pipelineId = await defaultPipelineId(scope);
  const stages = await stagesOf(scope, pipelineId);
  const open = stages.filter((s) => s.kind === 'open');
  const won = stages.find((s) => s.kind === 'won')!;
  const lost = stages.find((s) => s.kind === 'lost')!;

  const leadIds: number[] = [];
  for (const [i, company] of LEAD_COMPANIES.entries()) {
    const qualified = i % 3 === 0;
    const { row } = await createLead(
      scope,
      LeadCreate.parse({
        company_name: company,
        contact_name: ['王经理', '李总', '陈主任', '刘工'][i % 4],
        mobile: `139${String(10_000_000 + i * 7_919).slice(0, 8)}`,
        source: SOURCES[i % SOURCES.length],
        owner_id: owners[i % owners.length],
        qualification: qualified ? { budget: 'approved', authority: 'decision_maker', need: 'urgent', timeline: 'within_3_months' } : { budget: 'limited', authority: 'influencer', need: 'identified', timeline: 'within_12_months' },
      }),
      { rejectDuplicates: false },
    );
    leadIds.push(row.id);
  }
  // Converted into two potential customers already on file (a new customer record would postdate the demo's clock).
  for (const [i, leadId] of leadIds.slice(0, 2).entries()) {
    await convertLead(scope, leadId, LeadConversion.parse({ customer_id: potentialIds[i], opportunity: { name: `${LEAD_COMPANIES[i]} ${OPPORTUNITY_NAMES[i]}`, amount: String(180_000 + i * 60_000), expected_close_date: new Date(now.getTime() + (40 + i * 20) * DAY).toISOString().slice(0, 10) } }));
  }

  // Opportunities of existing customers; the first 30 closed over the last year, won more often when large
  // customers and quick deals — the pattern the win probability then learns.
  let closed = 0;
  for (let i = 0; i < 46; i++) {
    const customerId = customerIds[(i * 7) % customerIds.length]!;
    const amount = 50_000 + Math.round(random() * 40) * 10_000;
    const createdAt = new Date(now.getTime() - (i < 30 ? 60 + Math.floor(random() * 300) : 5 + Math.floor(random() * 80)) * DAY);
    const created = await createOpportunity(scope, OpportunityCreate.parse({ customer_id: customerId, name: `${pick(OPPORTUNITY_NAMES)}项目`, amount: String(amount), owner_id: owners[i % owners.length], expected_close_date: new Date(createdAt.getTime() + 75 * DAY).toISOString().slice(0, 10), next_step: pick(['提交方案', '安排技术交流', '报价确认', '合同评审']), source: pick(SOURCES) }));
    await tx.update(opportunities).set({ created_at: createdAt, stage_entered_at: createdAt, updated_at: createdAt }).where(and(eq(opportunities.tenant_id, scope.tenantId), eq(opportunities.id, created.id)));
    await tx.update(opportunityStageHistory).set({ changed_at: createdAt }).where(and(eq(opportunityStageHistory.tenant_id, scope.tenantId), eq(opportunityStageHistory.opportunity_id, created.id)));
    const reach = i < 30 ? 1 + Math.floor(random() * (open.length - 1)) : Math.floor(random() * open.length);
    let at = createdAt.getTime();
    for (const stage of open.slice(1, reach + 1)) {
      at += (5 + Math.floor(random() * 20)) * DAY;
      await moveOpportunity(scope, created.id, null, { stage_id: stage.id }, new Date(Math.min(at, now.getTime())));
    }
    if (i >= 30) continue;
    at = Math.min(at + (5 + Math.floor(random() * 25)) * DAY, now.getTime());
    const wins = random() < (amount < 250_000 ? 0.65 : 0.3) + reach * 0.05;
    await moveOpportunity(scope, created.id, null, wins ? { stage_id: won.id } : { stage_id: lost.id, lost_reason: pick(LOST_REASONS) }, new Date(at));
    closed += 1;
  }
  return { leads: leadIds.length, opportunities: 46 + 2, closed };
}

/**
 * Seeds the demo's surveys, segments, value tiers, leads and opportunities.
 * @returns what was written, and an unanswered survey link for `pnpm start` to print.
 * @example const { sampleLink } = await seedDemoGrowth(tx, demoId, keyRing, { manager_data_scope: 'all' }, new Date());
 */
export async function seedDemoGrowth(tx: Db, tenantId: number, keyRing: KeyRing, settings: TenantSettings, now: Date) {
  const scope = systemScope(tx, tenantId, keyRing, settings, 'seed');
  const staff = await tx.select({ id: users.id, username: users.username, customer_id: users.customer_id }).from(users).where(eq(users.tenant_id, tenantId));
  const owners = staff.filter((u) => ['sales@demo', 'manager@demo', 'wang@demo', 'chen@demo'].includes(u.username)).map((u) => u.id);
  const portalCustomerId = staff.find((u) => u.username === 'customer@demo')?.customer_id ?? null;
  const all = await tx.select({ id: customers.id, status: customers.status }).from(customers).where(eq(customers.tenant_id, tenantId)).orderBy(customers.id);
  const customerIds = all.map((c) => c.id);
  const potentialIds = all.filter((c) => c.status === POTENTIAL).map((c) => c.id);

  const surveys = await seedSurveys(scope, customerIds, portalCustomerId, now);
  const sales = await seedSales(tx, scope, customerIds, potentialIds, owners, now);
  const tiers = await recomputeValueTiers(scope, now);
  for (const segment of SEGMENTS) await createSegment(scope, SegmentCreate.parse(segment), now);
  return { ...surveys, segments: SEGMENTS.length, value_tiers: tiers.customers, ...sales };
}
