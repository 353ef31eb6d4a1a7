import { call, type TestContext, type TestTenant } from '../../../test-support/index.ts';
import { sentSurveyLinks, tokenOfLink } from './survey-invitations.ts';

const t = (zh: string, en: string) => ({ zh, en });

/** An NPS question and a CSAT question, both required: the smallest survey that yields both scores. */
export const NPS_CSAT_QUESTIONS = [
  { id: 'nps', type: 'nps', title: t('您向朋友推荐我们的可能性有多大？', 'How likely are you to recommend us?'), required: true },
  { id: 'csat', type: 'csat', title: t('您对我们的服务满意吗？', 'Are you satisfied with our service?') },
];

/**
 * An active template and a launched e-mail campaign to `customerIds`, through the API; returns the campaign
 * and each customer's link token, read from the `survey.invitation_sent` events as the notification module
 * receives them.
 */
export async function launchedSurvey(ctx: TestContext, tenant: TestTenant, token: string, customerIds: readonly number[], questions: readonly unknown[] = NPS_CSAT_QUESTIONS): Promise<{ campaignId: number; tokens: Map<number, string> }> {
  const template = await call(ctx.app, 'POST', '/api/v1/survey-templates', { token, body: { name: '满意度调查', questions } });
  if (template.status !== 201) throw new Error(`template not created: ${template.text}`);
  await call(ctx.app, 'PATCH', `/api/v1/survey-templates/${template.body.data.id}`, { token, body: { status: 'active' }, headers: { 'If-Match': template.headers.get('etag')! } });
  const campaign = await call(ctx.app, 'POST', '/api/v1/survey-campaigns', {
    token,
    body: { template_id: template.body.data.id, name: '满意度回访', target: { kind: 'customers', customer_ids: customerIds }, channel: 'email', throttle_days: 0 },
  });
  if (campaign.status !== 201) throw new Error(`campaign not created: ${campaign.text}`);
  const campaignId = campaign.body.data.id as number;
  const launched = await call(ctx.app, 'POST', `/api/v1/survey-campaigns/${campaignId}/launch`, { token });
  if (launched.status !== 200) throw new Error(`campaign not launched: ${launched.text}`);
  const links = await sentSurveyLinks(ctx.handle.db, tenant.id, campaignId);
  return { campaignId, tokens: new Map([...links].map(([customerId, link]) => [customerId, tokenOfLink(link)])) };
}

/** Submits answers through a link, as the respondent does; throws unless the API took them. */
export async function submitSurvey(ctx: TestContext, token: string, answers: Record<string, unknown>): Promise<number> {
  const res = await call(ctx.app, 'POST', `/api/v1/public/surveys/${token}/submit`, { body: { answers } });
  if (res.status !== 200) throw new Error(`survey not submitted: ${res.text}`);
  return res.body.data.response_id as number;
}
