/**
 * Answer links for the survey-submit benchmark: one campaign per run with `count` invitations of distinct bench
 * customers, written straight into the tables as a launch would leave them (sent, expiring in 14 days), with
 * tokens made by the API's own `newSurveyToken`. Links are single use, so a run needs one per request.
 */
import type { Sql } from 'postgres';
import { DEMO_SURVEY_QUESTIONS } from '../../packages/api/src/seed/demo-growth.ts';
import { newSurveyToken } from '../../packages/api/src/modules/success/surveys/survey-invitations.ts';

/**
 * Creates the campaign and its invitations; returns the link tokens in random order.
 * @example const tokens = await prepareSurveyTokens(sql, tenantId, 100_000, 40_000, 'lq3x');
 */
export async function prepareSurveyTokens(sql: Sql, tenantId: number, customers: number, count: number, runId: string): Promise<string[]> {
  const [template] = await sql<{ id: number }[]>`
    insert into survey_templates (tenant_id, name, questions, status)
    values (${tenantId}, ${`压测问卷 ${runId}`}, ${sql.json(DEMO_SURVEY_QUESTIONS as never)}, 'active') returning id::int`;
  const [campaign] = await sql<{ id: number }[]>`
    insert into survey_campaigns (tenant_id, template_id, name, target, channel, status, starts_at)
    values (${tenantId}, ${template!.id}, ${`压测回访 ${runId}`}, ${sql.json({ kind: 'customers', customer_ids: [] })}, 'email', 'running', now()) returning id::int`;
  const tokens: string[] = [];
  const step = Math.max(1, Math.floor(customers / count));
  for (let start = 0; start < count; start += 5_000) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 5_000); i++) {
      const { token, hash } = newSurveyToken(tenantId);
      tokens.push(token);
      rows.push({ tenant_id: tenantId, campaign_id: campaign!.id, customer_id: 1 + ((i * step) % customers), token_hash: hash, status: 'sent', expires_at: new Date(Date.now() + 14 * 86_400_000), sent_at: new Date() });
    }
    await sql`insert into survey_invitations ${sql(rows)}`;
  }
  for (let i = tokens.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
  }
  return tokens;
}

/** Removes the bench's survey campaigns, their invitations, responses and follow-up tasks (every run starts from the generated data). */
export async function removeBenchSurveys(sql: Sql, tenantId: number): Promise<void> {
  const campaigns = sql`select id from survey_campaigns where tenant_id = ${tenantId} and name like '压测回访 %'`;
  await sql`delete from tasks where tenant_id = ${tenantId} and type = 'care_call' and source_key like 'survey_response:%'`;
  await sql`delete from survey_responses where tenant_id = ${tenantId} and campaign_id in (${campaigns})`;
  await sql`delete from survey_campaigns where tenant_id = ${tenantId} and name like '压测回访 %'`;
  await sql`delete from survey_templates where tenant_id = ${tenantId} and name like '压测问卷 %'`;
}

const COMMENTS = ['工程师响应很快，问题当天就解决了', '价格偏高，性价比一般', '电话经常打不通，服务报告不及时', '服务态度好，报告很专业', ''];

/** The answers of one respondent to the demo questionnaire: scores, choices and now and then a comment. */
export function benchAnswers(): Record<string, unknown> {
  const nps = Math.floor(Math.random() * 11);
  const comment = COMMENTS[Math.floor(Math.random() * COMMENTS.length)]!;
  return {
    nps,
    ...(nps <= 6 ? { why_low: '响应速度太慢，工单经常没人跟进' } : {}),
    csat: 1 + Math.floor(Math.random() * 5),
    ces: 1 + Math.floor(Math.random() * 7),
    engineer: 1 + Math.floor(Math.random() * 5),
    channel: 'portal',
    improve: ['speed'],
    ...(comment ? { comment } : {}),
  };
}
