/**
 * # Answering a survey
 *
 * The same three steps — read the form, save a draft, submit — for an anonymous link (the token's hash
 * finds the invitation) and for a signed-in portal user (the invitation id, only of the user's own
 * customer). Submitting is one transaction with few statements: lock the invitation with its campaign,
 * template and draft (one query), upsert the response, mark the invitation, audit, event; a low score adds
 * the follow-up task.
 */
import { and, eq, gt, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './surveys.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId } from '../../../platform/staff-users.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { createTask } from '../tasks/tasks.public.ts';
import { scoresOf, validateAnswers, type SurveyAnswers, type SurveyQuestion } from './survey-questions.ts';
import type { SurveyForm } from './survey-responses.contract.ts';
import { analyzeResponseTexts } from './survey-text.ts';
import { surveyCampaigns, surveyInvitations, surveyResponses, surveyTemplates } from './surveys.schema.ts';

/** How an invitation is found: by its token's hash (anyone with the link) or by id for a portal user's customer. */
export type InvitationKey = { kind: 'token'; hash: string } | { kind: 'portal'; invitationId: number; customerId: number };

const keyFilter = (scope: RequestScope, key: InvitationKey): SQL =>
  key.kind === 'token'
    ? (and(eq(surveyInvitations.tenant_id, scope.tenantId), eq(surveyInvitations.token_hash, key.hash)) as SQL)
    : (and(eq(surveyInvitations.tenant_id, scope.tenantId), eq(surveyInvitations.id, key.invitationId), eq(surveyInvitations.customer_id, key.customerId)) as SQL);

/** The invitation with what answering needs, in one query; `lock` takes the invitation row for the write. */
async function openInvitation(scope: RequestScope, key: InvitationKey, now: Date, lock: boolean) {
  const query = scope.tx
    .select({
      invitation: surveyInvitations,
      campaign: { id: surveyCampaigns.id, name: surveyCampaigns.name, status: surveyCampaigns.status, ends_at: surveyCampaigns.ends_at },
      template: { id: surveyTemplates.id, name: surveyTemplates.name, description: surveyTemplates.description, questions: surveyTemplates.questions },
      response: { id: surveyResponses.id, answers: surveyResponses.answers, complete: surveyResponses.complete, updated_at: surveyResponses.updated_at },
    })
    .from(surveyInvitations)
    .innerJoin(surveyCampaigns, and(eq(surveyCampaigns.tenant_id, surveyInvitations.tenant_id), eq(surveyCampaigns.id, surveyInvitations.campaign_id)))
    .innerJoin(surveyTemplates, and(eq(surveyTemplates.tenant_id, surveyCampaigns.tenant_id), eq(surveyTemplates.id, surveyCampaigns.template_id)))
    .leftJoin(surveyResponses, and(eq(surveyResponses.tenant_id, surveyInvitations.tenant_id), eq(surveyResponses.invitation_id, surveyInvitations.id)))
    .where(keyFilter(scope, key));
  const [row] = lock ? await query.for('update', { of: surveyInvitations }) : await query;
  // A throttled invitation was never sent: nobody should hold its link, so it answers like an unknown one.
  if (!row || row.invitation.status === 'throttled' || row.invitation.status === 'pending') throw new ApiError('survey.not_found');
  if (row.invitation.status === 'responded' || row.response?.complete) throw new ApiError('survey.already_submitted', { responded_at: row.invitation.responded_at ? formatLocalDateTime(row.invitation.responded_at) : null });
  const ended = row.campaign.status === 'closed' || (row.campaign.ends_at !== null && row.campaign.ends_at <= now);
  if (row.invitation.status === 'expired' || row.invitation.expires_at <= now || ended) throw new ApiError('survey.token_expired', { expires_at: formatLocalDateTime(row.invitation.expires_at) });
  return { ...row, questions: row.template.questions as SurveyQuestion[] };
}

/**
 * The form of an invitation: its questions in both languages and the draft saved so far.
 * @example await surveyForm(scope, { kind: 'token', hash }, new Date())
 */
export async function surveyForm(scope: RequestScope, key: InvitationKey, now: Date): Promise<SurveyForm> {
  const row = await openInvitation(scope, key, now, false);
  return {
    invitation: { id: row.invitation.id, status: row.invitation.status as SurveyForm['invitation']['status'], expires_at: formatLocalDateTime(row.invitation.expires_at) },
    campaign: { id: row.campaign.id, name: row.campaign.name },
    template: { id: row.template.id, name: row.template.name, description: row.template.description, questions: row.questions },
    answers: row.response?.answers ?? {},
    saved_at: row.response?.updated_at ? formatLocalDateTime(row.response.updated_at) : null,
  };
}

function checked(questions: readonly SurveyQuestion[], answers: SurveyAnswers, partial: boolean): SurveyAnswers {
  const result = validateAnswers(questions, answers, { partial });
  if (result.errors.length) throw new ApiError('survey.answers_invalid', { errors: result.errors });
  return result.answers;
}

/** The portal user who answers (as a user of the tenant), or null for an answer through a link. */
const responseOwner = async (scope: RequestScope, key: InvitationKey): Promise<number | null> => (key.kind === 'portal' ? actingUserId(scope) : null);

/**
 * Saves partial answers (checked as a draft: types and ranges, required questions may wait).
 * @example await saveSurveyDraft(scope, { kind: 'token', hash }, { nps: 8 }, new Date())
 */
export async function saveSurveyDraft(scope: RequestScope, key: InvitationKey, answers: SurveyAnswers, now: Date): Promise<{ answers: SurveyAnswers; saved_at: string }> {
  const row = await openInvitation(scope, key, now, true);
  const kept = checked(row.questions, answers, true);
  const { invitation } = row;
  const owner = await responseOwner(scope, key);
  await scope.tx
    .insert(surveyResponses)
    .values({ tenant_id: scope.tenantId, campaign_id: invitation.campaign_id, invitation_id: invitation.id, customer_id: invitation.customer_id, contact_id: invitation.contact_id, portal_user_id: owner, answers: kept, updated_at: now })
    .onConflictDoUpdate({ target: [surveyResponses.tenant_id, surveyResponses.invitation_id], set: { answers: kept, updated_at: now, ...(key.kind === 'portal' ? { portal_user_id: owner } : {}) } });
  return { answers: kept, saved_at: formatLocalDateTime(now) };
}

/** Detractors (NPS 0–6) and CSAT 1–2 get a call from the customer's manager. */
export const needsFollowUp = (scores: { nps: number | null; csat: number | null }): boolean => (scores.nps !== null && scores.nps <= 6) || (scores.csat !== null && scores.csat <= 2);

/**
 * Submits the answers: checked as complete, stored with their scores, themes and sentiment; the link is
 * used up. A low score creates one care-call task (source key `survey_response:<id>`) and `survey.detractor`.
 * @example const { response_id } = await submitSurvey(scope, { kind: 'token', hash }, { nps: 9 }, new Date());
 */
export async function submitSurvey(scope: RequestScope, key: InvitationKey, answers: SurveyAnswers, now: Date): Promise<{ response_id: number; submitted_at: string }> {
  const row = await openInvitation(scope, key, now, true);
  const kept = checked(row.questions, answers, false);
  const scores = scoresOf(row.questions, kept);
  const text = analyzeResponseTexts(scores.texts);
  const { invitation } = row;
  const owner = await responseOwner(scope, key);
  const values = { answers: kept, complete: true, nps: scores.nps, csat: scores.csat === null ? null : String(scores.csat), ces: scores.ces === null ? null : String(scores.ces), sentiment: text.sentiment, themes: text.themes, submitted_at: now, updated_at: now };
  const [response] = await scope.tx
    .insert(surveyResponses)
    .values({ tenant_id: scope.tenantId, campaign_id: invitation.campaign_id, invitation_id: invitation.id, customer_id: invitation.customer_id, contact_id: invitation.contact_id, portal_user_id: owner, ...values })
    .onConflictDoUpdate({ target: [surveyResponses.tenant_id, surveyResponses.invitation_id], set: { ...values, ...(key.kind === 'portal' ? { portal_user_id: owner } : {}) } })
    .returning({ id: surveyResponses.id });
  await scope.tx
    .update(surveyInvitations)
    .set({ status: 'responded', responded_at: now })
    .where(and(eq(surveyInvitations.tenant_id, scope.tenantId), eq(surveyInvitations.id, invitation.id)));
  const summary = { campaign_id: invitation.campaign_id, invitation_id: invitation.id, customer_id: invitation.customer_id, nps: scores.nps, csat: scores.csat, ces: scores.ces, sentiment: text.sentiment, themes: text.themes };
  await audit(scope, { action: 'survey_response.submitted', entity_type: 'survey_response', entity_id: response!.id, after: summary });
  await emitEvent(scope, { type: 'survey.response_submitted', entity_type: 'survey_response', entity_id: response!.id, payload: summary });
  if (needsFollowUp(scores)) await followUp(scope, response!.id, summary, now);
  return { response_id: response!.id, submitted_at: formatLocalDateTime(now) };
}

/** The follow-up of a low score: a care-call task for the customer's manager, and the `survey.detractor` event. */
async function followUp(scope: RequestScope, responseId: number, summary: { customer_id: number; campaign_id: number; nps: number | null; csat: number | null }, now: Date): Promise<void> {
  const [customer] = await scope.tx
    .select({ name: customerDirectory.customer_name, manager: customerDirectory.assigned_manager_id })
    .from(customerDirectory)
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, summary.customer_id)));
  const score = summary.nps !== null && summary.nps <= 6 ? `NPS ${summary.nps}` : `CSAT ${summary.csat}`;
  const { task } = await createTask(scope, {
    title: `满意度回访：${customer?.name ?? summary.customer_id}（${score}）`,
    description: `Survey response #${responseId} scored ${score}; call the customer within two days.`,
    type: 'care_call',
    priority: 'high',
    assignee_id: customer?.manager ?? null,
    due_date: addDays(businessDate(now), 2),
    customer_id: summary.customer_id,
    source_key: `survey_response:${responseId}`,
  });
  await emitEvent(scope, { type: 'survey.detractor', entity_type: 'survey_response', entity_id: responseId, payload: { ...summary, task_id: task.id, assignee_id: task.assignee_id } });
}

/**
 * Open surveys of a portal user's customer: sent, unanswered, unexpired, of running campaigns.
 * @example await portalSurveys(scope, 12, new Date())
 */
export async function portalSurveys(scope: RequestScope, customerId: number, now: Date) {
  const rows = await scope.tx
    .select({ invitation: surveyInvitations, campaign_name: surveyCampaigns.name, template_name: surveyTemplates.name, draft: surveyResponses.id })
    .from(surveyInvitations)
    .innerJoin(surveyCampaigns, and(eq(surveyCampaigns.tenant_id, surveyInvitations.tenant_id), eq(surveyCampaigns.id, surveyInvitations.campaign_id)))
    .innerJoin(surveyTemplates, and(eq(surveyTemplates.tenant_id, surveyCampaigns.tenant_id), eq(surveyTemplates.id, surveyCampaigns.template_id)))
    .leftJoin(surveyResponses, and(eq(surveyResponses.tenant_id, surveyInvitations.tenant_id), eq(surveyResponses.invitation_id, surveyInvitations.id)))
    .where(and(eq(surveyInvitations.tenant_id, scope.tenantId), eq(surveyInvitations.customer_id, customerId), eq(surveyInvitations.status, 'sent'), gt(surveyInvitations.expires_at, now), eq(surveyCampaigns.status, 'running')))
    .orderBy(surveyInvitations.expires_at);
  return {
    items: rows.map((r) => ({
      invitation_id: r.invitation.id,
      campaign_name: r.campaign_name,
      template_name: r.template_name,
      status: r.invitation.status as 'sent',
      expires_at: formatLocalDateTime(r.invitation.expires_at),
      sent_at: r.invitation.sent_at ? formatLocalDateTime(r.invitation.sent_at) : null,
      has_draft: r.draft !== null,
    })),
  };
}
