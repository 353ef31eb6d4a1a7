import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { call, useTestTenant } from '../../../test-support/index.ts';
import { sentSurveyLinks } from './survey-invitations.ts';
import { runSurveyJobs } from './surveys.jobs.ts';

const t = useTestTenant(['admin']);
let managerId: number;
let templateId: number;
let campaignId: number;
const customerIds: number[] = [];
/** Answer links by customer id, as the notification module receives them in `survey.invitation_sent`. */
const links = new Map<number, string>();

const bilingual = (zh: string, en = zh) => ({ zh, en });
const QUESTIONS = [
  { id: 'nps', type: 'nps', title: bilingual('您向朋友推荐我们的可能性有多大？', 'How likely are you to recommend us?'), required: true },
  { id: 'why', type: 'text', title: bilingual('请告诉我们原因', 'Tell us why'), show_if: { question: 'nps', in: [0, 1, 2, 3, 4, 5, 6] } },
  { id: 'csat', type: 'csat', title: bilingual('您对本次服务满意吗？', 'Were you satisfied?'), required: true },
  { id: 'comment', type: 'text', title: bilingual('其他建议', 'Anything else?') },
];

const rows = async <T>(query: ReturnType<typeof sql>) => rawRows<T>(await t.ctx.handle.db.execute(query));
const tokenOf = (customerId: number) => links.get(customerId)!.split('/survey/')[1]!;
const pub = (method: string, token: string, suffix = '', body?: unknown) => call(t.ctx.app, method, `/api/v1/public/surveys/${token}${suffix}`, { body });

async function collectLinks(campaign: number) {
  const sent = await sentSurveyLinks(t.ctx.handle.db, t.tenant.id, campaign);
  for (const [customerId, link] of sent) links.set(customerId, link);
  return [...sent];
}

beforeAll(async () => {
  managerId = await t.tenant.userIdOf(`mgr@${t.tenant.code}`);
  for (const name of ['满意度甲有限公司', '满意度乙有限公司', '满意度丙有限公司', '满意度丁有限公司', '满意度戊有限公司']) {
    const res = await t.request('POST', '/api/v1/customers', { as: 'admin', body: { customer_name: name, assigned_manager_id: managerId } });
    customerIds.push(res.body.data.customer_id);
  }
  // The first customer has a primary contact: its invitation is the contact's; the others are invited as customers.
  await t.request('POST', `/api/v1/customers/${customerIds[0]}/contacts`, { as: 'admin', body: { contact_name: '王敏', mobile: '13800138000', is_primary: 1 } });
});

describe('survey templates', () => {
  it('refuses a condition on a later question and an unknown question type, naming the problem', async () => {
    const later = await t.request('POST', '/api/v1/survey-templates', { as: 'admin', body: { name: '坏模板', questions: [QUESTIONS[1], QUESTIONS[0]] } });
    expect(later.status).toBe(400);
    expect(JSON.stringify(later.body.details)).toContain('show_if must refer to an earlier question');
    const unknown = await t.request('POST', '/api/v1/survey-templates', { as: 'admin', body: { name: '坏模板', questions: [{ id: 'x', type: 'slider', title: bilingual('x') }] } });
    expect(unknown.status).toBe(400);
  });

  it('creates a template, changes it with If-Match only, and keeps survey writing to staff with survey:write', async () => {
    const created = await t.request('POST', '/api/v1/survey-templates', { as: 'admin', body: { name: '服务满意度', questions: QUESTIONS } });
    expect(created.status).toBe(201);
    templateId = created.body.data.id;
    expect(created.body.data).toMatchObject({ status: 'draft', response_count: 0, questions: [{ id: 'nps', required: true }, { id: 'why', show_if: { question: 'nps' } }, {}, {}] });
    expect((await t.request('PATCH', `/api/v1/survey-templates/${templateId}`, { as: 'admin', body: { status: 'active' } })).status).toBe(428);
    const patched = await t.request('PATCH', `/api/v1/survey-templates/${templateId}`, { as: 'admin', body: { status: 'active' }, headers: { 'If-Match': created.headers.get('etag')! } });
    expect(patched.body.data).toMatchObject({ status: 'active', version: 2 });
    expect((await t.request('PATCH', `/api/v1/survey-templates/${templateId}`, { as: 'admin', body: { name: 'x' }, headers: { 'If-Match': created.headers.get('etag')! } })).status).toBe(412);
    expect((await t.request('POST', '/api/v1/survey-templates', { token: await t.tenant.token('support'), body: { name: 'x', questions: QUESTIONS } })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/survey-templates/${templateId}`, { token: await t.tenant.token('analyst') })).status).toBe(200);
  });
});

describe('campaigns', () => {
  it('launches to a customer list: one invitation each, links only in the invitation event, never in the API or the audit log', async () => {
    const created = await t.request('POST', '/api/v1/survey-campaigns', {
      token: t.as.admin,
      body: { template_id: templateId, name: '2026 Q2 服务满意度', target: { kind: 'customers', customer_ids: customerIds.slice(0, 4) }, channel: 'email', reminder_days: [3] },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.data.id;
    const launched = await t.request('POST', `/api/v1/survey-campaigns/${campaignId}/launch`, { as: 'admin' });
    expect(launched.status).toBe(200);
    expect(launched.body.data).toMatchObject({ invited: 4, throttled: 0, campaign: { status: 'running', invitations: { sent: 4 } } });
    expect(launched.text).not.toMatch(/s\d+\.[A-Za-z0-9_-]{43}/);
    expect((await t.request('POST', `/api/v1/survey-campaigns/${campaignId}/launch`, { as: 'admin' })).status).toBe(409);

    const sent = await collectLinks(campaignId);
    expect(sent).toHaveLength(4);
    expect(links.get(customerIds[0]!)).toMatch(new RegExp(`^/survey/s${t.tenant.id}\\.[A-Za-z0-9_-]{43}$`));
    const invitations = await t.request('GET', `/api/v1/survey-campaigns/${campaignId}/invitations`, { as: 'admin' });
    expect(invitations.body.data.items).toHaveLength(4);
    expect(invitations.body.data.items.find((i: { customer_id: number }) => i.customer_id === customerIds[0]).contact_id).toEqual(expect.any(Number));
    expect(invitations.text).not.toContain(tokenOf(customerIds[0]!));
    const audited = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where tenant_id = ${t.tenant.id} and (after::text like ${`%${tokenOf(customerIds[0]!).slice(3, 20)}%`})`);
    expect(audited[0]!.n).toBe(0);
  });

  it('throttles contacts surveyed by any campaign within throttle_days', async () => {
    const created = await t.request('POST', '/api/v1/survey-campaigns', {
      token: t.as.admin,
      body: { template_id: templateId, name: '回访补充调查', target: { kind: 'customers', customer_ids: [customerIds[0], customerIds[1], customerIds[4]] }, channel: 'portal', throttle_days: 30 },
    });
    const launched = await t.request('POST', `/api/v1/survey-campaigns/${created.body.data.id}/launch`, { as: 'admin' });
    expect(launched.body.data).toMatchObject({ invited: 1, throttled: 2, campaign: { invitations: { sent: 1, throttled: 2 } } });
    const throttled = await t.request('GET', `/api/v1/survey-campaigns/${created.body.data.id}/invitations?status=throttled`, { as: 'admin' });
    expect(throttled.body.data.items.map((i: { customer_id: number }) => i.customer_id).sort()).toEqual([customerIds[0], customerIds[1]].sort());
  });

  it('refuses customers of another tenant as a target', async () => {
    const other = await t.ctx.createTenant();
    const foreign = (await t.request('POST', '/api/v1/customers', { token: await other.token('admin'), body: { customer_name: '外租户客户有限公司' } })).body.data.customer_id;
    const res = await t.request('POST', '/api/v1/survey-campaigns', { as: 'admin', body: { template_id: templateId, name: 'x', target: { kind: 'customers', customer_ids: [foreign] }, channel: 'email' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('survey_campaign.target_invalid');
  });
});

describe('answering through a link', () => {
  it('shows the survey, keeps partial answers, refuses wrong ones, then takes the submission once', async () => {
    const token = tokenOf(customerIds[3]!);
    const form = await pub('GET', token);
    expect(form.status).toBe(200);
    expect(form.body.data).toMatchObject({ campaign: { name: '2026 Q2 服务满意度' }, template: { questions: [{ id: 'nps', title: { zh: '您向朋友推荐我们的可能性有多大？', en: 'How likely are you to recommend us?' } }, {}, {}, {}] }, answers: {} });

    expect((await pub('PUT', token, '', { answers: { nps: 3 } })).body.data.answers).toEqual({ nps: 3 });
    expect((await pub('GET', token)).body.data.answers).toEqual({ nps: 3 });
    const wrong = await pub('PUT', token, '', { answers: { nps: 11, csat: 'good' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details.errors.map((e: { question: string; code: string }) => `${e.question}:${e.code}`)).toEqual(['nps:out_of_range', 'csat:wrong_type']);
    const incomplete = await pub('POST', token, '/submit', { answers: { nps: 3 } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.details.errors).toEqual([{ question: 'csat', code: 'required', message: expect.any(String) }]);

    const submitted = await pub('POST', token, '/submit', { answers: { nps: 3, why: '响应太慢了，工程师态度也很敷衍', csat: 1 } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.response_id).toEqual(expect.any(Number));
    const again = await pub('POST', token, '/submit', { answers: { nps: 10, csat: 5 } });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('survey.already_submitted');
    expect((await pub('GET', token)).status).toBe(409);

    const [stored] = await rows<{ nps: number; csat: string; sentiment: string; themes: string[] }>(sql`select nps, csat, sentiment, themes from survey_responses where id = ${submitted.body.data.response_id}`);
    expect(stored).toMatchObject({ nps: 3, sentiment: 'negative', themes: ['response_speed', 'engineer_attitude'] });
    expect(Number(stored!.csat)).toBe(1);
  });

  it('turns a detractor into one care-call task for the customer manager', async () => {
    const tasks = await rows<{ type: string; assignee_id: string; customer_id: string; source_key: string }>(sql`select type, assignee_id, customer_id, source_key from tasks where tenant_id = ${t.tenant.id} and source_key like 'survey_response:%'`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'care_call', source_key: expect.stringMatching(/^survey_response:\d+$/) });
    expect(Number(tasks[0]!.assignee_id)).toBe(managerId);
    expect(Number(tasks[0]!.customer_id)).toBe(customerIds[3]);
    const events = await rows<{ n: number }>(sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = 'survey.detractor'`);
    expect(events[0]!.n).toBe(1);
  });

  it('answers 410 for an expired link and the same 404 for a garbled and an unknown one', async () => {
    const token = tokenOf(customerIds[2]!);
    await t.ctx.handle.db.execute(sql`update survey_invitations set expires_at = now() - interval '1 minute' where tenant_id = ${t.tenant.id} and customer_id = ${customerIds[2]} and campaign_id = ${campaignId}`);
    const expired = await pub('GET', token);
    expect(expired.status).toBe(410);
    expect(expired.body.error).toBe('survey.token_expired');
    const garbled = await pub('GET', 'not-a-token');
    const unknown = await pub('GET', `s${t.tenant.id}.${'A'.repeat(43)}`);
    expect([garbled.status, garbled.body.error]).toEqual([404, 'survey.not_found']);
    expect([unknown.status, unknown.body.message]).toEqual([404, garbled.body.message]);
    await t.ctx.handle.db.execute(sql`update survey_invitations set expires_at = now() + interval '14 days' where tenant_id = ${t.tenant.id} and customer_id = ${customerIds[2]} and campaign_id = ${campaignId}`);
  });

  it('freezes the questions of an active template once it has responses', async () => {
    const current = await t.request('GET', `/api/v1/survey-templates/${templateId}`, { as: 'admin' });
    expect(current.body.data.response_count).toBeGreaterThan(0);
    const listed = await t.request('GET', '/api/v1/survey-templates?status=active', { as: 'admin' });
    expect(listed.body.data.items).toEqual([expect.objectContaining({ id: templateId, response_count: current.body.data.response_count })]);
    const res = await t.request('PATCH', `/api/v1/survey-templates/${templateId}`, { as: 'admin', body: { questions: [QUESTIONS[0]] }, headers: { 'If-Match': current.headers.get('etag')! } });
    expect([res.status, res.body.error]).toEqual([409, 'survey_template.in_use']);
  });
});

describe('portal users', () => {
  it('see and answer only their own customer’s invitations', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerIds[0]! });
    const open = await t.request('GET', '/api/v1/portal/surveys', { token: portal });
    expect(open.status).toBe(200);
    expect(open.body.data.items).toEqual([expect.objectContaining({ campaign_name: '2026 Q2 服务满意度', status: 'sent', has_draft: false })]);
    const own = open.body.data.items[0].invitation_id;
    const [foreign] = await rows<{ id: string }>(sql`select id from survey_invitations where tenant_id = ${t.tenant.id} and customer_id = ${customerIds[1]} and campaign_id = ${campaignId}`);
    expect((await t.request('GET', `/api/v1/portal/surveys/${foreign!.id}`, { token: portal })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/portal/surveys/${foreign!.id}/submit`, { token: portal, body: { answers: { nps: 10, csat: 5 } } })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/portal/surveys', { as: 'admin' })).status).toBe(403);

    expect((await t.request('GET', `/api/v1/portal/surveys/${own}`, { token: portal })).body.data.template.questions).toHaveLength(4);
    expect((await t.request('PUT', `/api/v1/portal/surveys/${own}`, { token: portal, body: { answers: { nps: 10 } } })).status).toBe(200);
    const done = await t.request('POST', `/api/v1/portal/surveys/${own}/submit`, { token: portal, body: { answers: { nps: 10, csat: 5, comment: '工程师很专业，非常满意' } } });
    expect(done.status).toBe(200);
    expect((await t.request('GET', '/api/v1/portal/surveys', { token: portal })).body.data.items).toEqual([]);
  });
});

describe('results and improvement actions', () => {
  it('computes NPS, CSAT and CES per period with the trend and the themes', async () => {
    // Two more responses: a promoter and a passive. With the detractor (3) and the portal promoter (10): P2 N1 D1.
    expect((await pub('POST', tokenOf(customerIds[1]!), '/submit', { answers: { nps: 9, csat: 4, comment: '价格有点贵' } })).status).toBe(200);
    expect((await pub('POST', tokenOf(customerIds[2]!), '/submit', { answers: { nps: 7, csat: 3 } })).status).toBe(200);
    // The detractor answered last quarter's month: it forms its own period.
    await t.ctx.handle.db.execute(sql`update survey_responses set submitted_at = submitted_at - interval '120 days' where tenant_id = ${t.tenant.id} and nps = 3`);

    const res = await t.request('GET', `/api/v1/survey-results?campaign_id=${campaignId}`, { token: await t.tenant.token('analyst') });
    expect(res.status).toBe(200);
    const { totals, periods, themes } = res.body.data;
    expect(totals).toMatchObject({ responses: 4, nps_responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25, csat_average: 3.25, csat_satisfied_pct: 50, csat_responses: 4, ces_average: null });
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({ nps: -100, nps_change: null });
    expect(periods[1]).toMatchObject({ responses: 3, nps: 66.7, nps_change: 166.7 });
    expect(themes).toEqual(expect.arrayContaining([{ code: 'price', label: { zh: '价格', en: 'Price' }, responses: 1, positive: 0, neutral: 0, negative: 1 }]));
    const quarters = await t.request('GET', `/api/v1/survey-results?campaign_id=${campaignId}&granularity=quarter`, { as: 'admin' });
    expect(quarters.body.data.periods[0].period).toMatch(/^\d{4}-Q[1-4]$/);
    const one = await t.request('GET', `/api/v1/survey-results?customer_id=${customerIds[1]}`, { as: 'admin' });
    expect(one.body.data.totals).toMatchObject({ responses: 1, nps: 100 });
  });

  it('links improvement actions to responses of the tenant and shows scores before and after', async () => {
    const [detractor] = await rows<{ id: string }>(sql`select id from survey_responses where tenant_id = ${t.tenant.id} and nps = 3`);
    const other = await t.ctx.createTenant();
    const foreign = await t.request('POST', '/api/v1/improvement-actions', { token: await other.token('admin'), body: { title: '偷看', response_ids: [Number(detractor!.id)] } });
    expect([foreign.status, foreign.body.error]).toEqual([422, 'improvement_action.link_invalid']);

    const created = await t.request('POST', '/api/v1/improvement-actions', { as: 'admin', body: { title: '缩短夜间响应时间', owner_id: managerId, due_date: '2026-12-31', response_ids: [Number(detractor!.id)] } });
    expect(created.status).toBe(201);
    const shown = await t.request('GET', `/api/v1/improvement-actions/${created.body.data.id}`, { as: 'admin' });
    expect(shown.body.data).toMatchObject({ status: 'open', effect: { customer_ids: [customerIds[3]], before: { responses: 1, nps_average: 3, csat_average: 1 }, after: null } });
    const done = await t.request('PATCH', `/api/v1/improvement-actions/${created.body.data.id}`, { as: 'admin', body: { status: 'done' }, headers: { 'If-Match': shown.headers.get('etag')! } });
    expect(done.body.data).toMatchObject({ status: 'done', completed_at: expect.any(String), effect: { after: { responses: 0, nps_average: null } } });
  });

  it('shows another tenant nothing', async () => {
    const other = await t.ctx.createTenant();
    const foreignAdmin = await other.token('admin');
    expect((await t.request('GET', `/api/v1/survey-campaigns/${campaignId}`, { token: foreignAdmin })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/survey-templates/${templateId}`, { token: foreignAdmin })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/survey-results?campaign_id=${campaignId}`, { token: foreignAdmin })).body.data.totals.responses).toBe(0);
    // The same random part under the other tenant's prefix finds nothing.
    const moved = tokenOf(customerIds[0]!).replace(/^s\d+\./, `s${other.id}.`);
    expect((await pub('GET', moved)).status).toBe(404);
  });
});

describe('survey jobs', () => {
  const DAY = 86_400_000;
  const run = (at: Date) => runSurveyJobs({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing, linkBase: 'https://portal.example.cn/' }, at);

  it('invites after a closed ticket once, reminds on the reminder day once, then expires the link', async () => {
    const created = await t.request('POST', '/api/v1/survey-campaigns', {
      token: t.as.admin,
      body: { template_id: templateId, name: '工单关闭后回访', target: { kind: 'after_ticket_closed' }, channel: 'email', reminder_days: [2], throttle_days: 0, token_ttl_days: 5 },
    });
    const campaign = created.body.data.id;
    expect((await t.request('POST', `/api/v1/survey-campaigns/${campaign}/launch`, { as: 'admin' })).body.data).toMatchObject({ invited: 0, campaign: { status: 'running' } });
    const apiKey = await t.tenant.integrationKey('工单系统');
    const ticket = (customerId: number, externalId: string, status: string) =>
      t.request('PUT', `/api/v1/integrations/tickets/itsm/${externalId}`, {
        headers: { 'X-Api-Key': apiKey },
        body: { customer: { id: customerId }, title: '打印服务异常', priority: 'P3', status, opened_at: '2026-05-01T09:00:00+08:00', ...(status === 'closed' ? { resolved_at: '2026-05-01T10:00:00+08:00', closed_at: '2026-05-01T11:00:00+08:00' } : {}) },
      });
    expect((await ticket(customerIds[4]!, 'SV-1', 'closed')).status).toBeLessThan(300);
    expect((await ticket(customerIds[1]!, 'SV-2', 'open')).status).toBeLessThan(300);

    const now = new Date();
    expect(await run(now)).toMatchObject({ invited: 1, failures: 0 });
    expect(await run(now)).toMatchObject({ invited: 0, events: 0 });
    const [sent] = await rows<{ link: string }>(sql`select payload->>'link' as link from events where tenant_id = ${t.tenant.id} and type = 'survey.invitation_sent' and payload->>'campaign_id' = ${String(campaign)}`);
    expect(sent!.link).toMatch(new RegExp(`^https://portal\\.example\\.cn/survey/s${t.tenant.id}\\.`));
    const token = sent!.link.split('/survey/')[1]!;
    expect((await pub('GET', token)).status).toBe(200);

    expect((await run(new Date(now.getTime() + 3 * DAY))).reminders).toBe(1);
    expect((await run(new Date(now.getTime() + 3 * DAY))).reminders).toBe(0);
    const invitations = (await t.request('GET', `/api/v1/survey-campaigns/${campaign}/invitations`, { as: 'admin' })).body.data.items;
    expect(invitations).toEqual([expect.objectContaining({ customer_id: customerIds[4], status: 'sent', reminders_sent: 1 })]);

    expect((await run(new Date(now.getTime() + 6 * DAY))).expired).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', `/api/v1/survey-campaigns/${campaign}/invitations`, { as: 'admin' })).body.data.items[0].status).toBe('expired');
    expect((await pub('GET', token)).status).toBe(410);
  });

  it('launches a scheduled campaign when its start comes', async () => {
    const startsAt = new Date(Date.now() + DAY);
    const created = await t.request('POST', '/api/v1/survey-campaigns', {
      token: t.as.admin,
      body: { template_id: templateId, name: '下月调查', target: { kind: 'customers', customer_ids: [customerIds[1]] }, channel: 'widget', starts_at: startsAt.toISOString() },
    });
    const launched = await t.request('POST', `/api/v1/survey-campaigns/${created.body.data.id}/launch`, { as: 'admin' });
    expect(launched.body.data).toMatchObject({ invited: 0, campaign: { status: 'scheduled' } });
    expect((await run(new Date(startsAt.getTime() + 60_000))).launched).toBe(1);
    // Surveyed by the first campaign within 30 days: throttled, not sent.
    expect((await t.request('GET', `/api/v1/survey-campaigns/${created.body.data.id}`, { as: 'admin' })).body.data).toMatchObject({ status: 'running', invitations: { throttled: 1, sent: 0 } });
  });
});
