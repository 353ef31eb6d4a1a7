import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { SurveyQuestion, SurveyQuestions } from './survey-questions.ts';
import { SURVEY_CHANNELS, SURVEY_CAMPAIGN_STATUSES, SURVEY_INVITATION_STATUSES, SURVEY_TEMPLATE_STATUSES } from './surveys.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const SurveyTemplate = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    questions: z.array(SurveyQuestion),
    status: z.enum(SURVEY_TEMPLATE_STATUSES),
    response_count: z.number().int().openapi({ description: 'Responses (complete or partial) to campaigns of this template; an active template with responses keeps its questions' }),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('SurveyTemplate');
export type SurveyTemplate = z.infer<typeof SurveyTemplate>;

export const SurveyTemplateCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2_000).nullish(),
    questions: SurveyQuestions,
    status: z.enum(['draft', 'active']).default('draft'),
  })
  .openapi('SurveyTemplateCreate');
export type SurveyTemplateCreate = z.infer<typeof SurveyTemplateCreate>;

export const SurveyTemplatePatch = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2_000).nullish(),
    questions: SurveyQuestions.optional(),
    status: z.enum(SURVEY_TEMPLATE_STATUSES).optional(),
  })
  .openapi('SurveyTemplatePatch');
export type SurveyTemplatePatch = z.infer<typeof SurveyTemplatePatch>;

export const SurveyTemplateListQuery = z.strictObject({ status: z.enum(SURVEY_TEMPLATE_STATUSES).optional(), ...pageQuery });

/** Whom a campaign asks. */
export const SurveyTarget = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('customers'), customer_ids: z.array(z.number().int().positive()).min(1).max(10_000) }),
    z.strictObject({ kind: z.literal('segment'), segment_id: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('after_ticket_closed') }),
    z.strictObject({ kind: z.literal('contract_milestone'), event: z.enum(['approve', 'renew']) }),
  ])
  .openapi('SurveyTarget', { description: 'A list of customers or a segment (invited at launch), or an event: a ticket closed, a contract approved or renewed (invited by the survey job as the events arrive)' });
export type SurveyTarget = z.infer<typeof SurveyTarget>;

const InvitationCounts = z.object(Object.fromEntries(SURVEY_INVITATION_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof SURVEY_INVITATION_STATUSES)[number], z.ZodNumber>);

export const SurveyCampaign = z
  .object({
    id: z.number().int(),
    template_id: z.number().int(),
    name: z.string(),
    target: SurveyTarget,
    channel: z.enum(SURVEY_CHANNELS),
    status: z.enum(SURVEY_CAMPAIGN_STATUSES),
    starts_at: z.string().nullable(),
    ends_at: z.string().nullable(),
    reminder_days: z.array(z.number().int()),
    throttle_days: z.number().int(),
    token_ttl_days: z.number().int(),
    invitations: InvitationCounts.openapi({ description: 'Invitations per status' }),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('SurveyCampaign');
export type SurveyCampaign = z.infer<typeof SurveyCampaign>;

const reminderDays = z.array(z.number().int().min(1).max(90)).max(5).openapi({ description: 'Days after sending on which an unanswered invitation is reminded, e.g. [3, 7]' });
const campaignFields = {
  name: z.string().trim().min(1).max(200),
  target: SurveyTarget,
  channel: z.enum(SURVEY_CHANNELS),
  starts_at: isoInstant.nullish(),
  ends_at: isoInstant.nullish(),
  reminder_days: reminderDays,
  throttle_days: z.number().int().min(0).max(365).openapi({ description: 'A contact (or a customer without contacts) invited to any campaign within this many days is not invited again: its invitation is `throttled`' }),
  token_ttl_days: z.number().int().min(1).max(90),
};

export const SurveyCampaignCreate = z
  .strictObject({
    template_id: z.number().int().positive(),
    ...campaignFields,
    reminder_days: reminderDays.default([]),
    throttle_days: campaignFields.throttle_days.default(30),
    token_ttl_days: campaignFields.token_ttl_days.default(14),
  })
  .openapi('SurveyCampaignCreate');
export type SurveyCampaignCreate = z.infer<typeof SurveyCampaignCreate>;

export const SurveyCampaignPatch = z
  .strictObject({
    template_id: z.number().int().positive().optional(),
    name: campaignFields.name.optional(),
    target: SurveyTarget.optional(),
    channel: campaignFields.channel.optional(),
    starts_at: campaignFields.starts_at,
    ends_at: campaignFields.ends_at,
    reminder_days: reminderDays.optional(),
    throttle_days: campaignFields.throttle_days.optional(),
    token_ttl_days: campaignFields.token_ttl_days.optional(),
    status: z.literal('closed').optional().openapi({ description: 'Close the campaign: its open invitations stop working' }),
  })
  .openapi('SurveyCampaignPatch');
export type SurveyCampaignPatch = z.infer<typeof SurveyCampaignPatch>;

export const SurveyCampaignListQuery = z.strictObject({ status: z.enum(SURVEY_CAMPAIGN_STATUSES).optional(), template_id: z.coerce.number().int().positive().optional(), ...pageQuery });

export const SurveyLaunch = z
  .object({
    campaign: SurveyCampaign,
    invited: z.number().int().openapi({ description: 'Invitations sent now' }),
    throttled: z.number().int().openapi({ description: 'Invitations not sent because the contact was surveyed within throttle_days' }),
  })
  .openapi('SurveyLaunch');

export const SurveyInvitation = z
  .object({
    id: z.number().int(),
    campaign_id: z.number().int(),
    customer_id: z.number().int(),
    customer_name: z.string(),
    contact_id: z.number().int().nullable(),
    status: z.enum(SURVEY_INVITATION_STATUSES),
    expires_at: z.string(),
    sent_at: z.string().nullable(),
    reminders_sent: z.number().int(),
    responded_at: z.string().nullable(),
  })
  .openapi('SurveyInvitation', { description: 'An invitation; its token is never shown (only its hash is stored)' });
export type SurveyInvitation = z.infer<typeof SurveyInvitation>;

export const SurveyInvitationPage = z.object({ items: z.array(SurveyInvitation), next_cursor: z.string().nullable() }).openapi('SurveyInvitationPage');
export const SurveyInvitationListQuery = z.strictObject({ status: z.enum(SURVEY_INVITATION_STATUSES).optional(), ...pageQuery });

const templateTags = ['surveys'];
const readNote = 'Takes `survey:read`.';
const writeNote = 'Takes `survey:write`.';

export const listSurveyTemplatesRoute = createRoute({
  method: 'get',
  path: '/api/v1/survey-templates',
  operationId: 'listSurveyTemplates',
  ...permission('survey:read'),
  tags: templateTags,
  summary: 'Survey templates, newest first',
  description: readNote,
  request: { query: SurveyTemplateListQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(SurveyTemplate), next_cursor: z.string().nullable() }).openapi('SurveyTemplatePage'), 'SurveyTemplatePage', 'A page of templates'), ...errorResponses },
});

export const createSurveyTemplateRoute = createRoute({
  method: 'post',
  path: '/api/v1/survey-templates',
  operationId: 'createSurveyTemplate',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Create a survey template',
  description: `Questions are one typed union (nps, csat, ces, rating, single_choice, multiple_choice, text) with zh and en wording; a \`show_if\` must refer to an earlier question. ${writeNote}`,
  request: { body: { required: true, content: { 'application/json': { schema: SurveyTemplateCreate } } } },
  responses: { 201: jsonResponse(SurveyTemplate, 'SurveyTemplate', 'The template'), ...writeErrorResponses },
});

export const getSurveyTemplateRoute = createRoute({
  method: 'get',
  path: '/api/v1/survey-templates/{id}',
  operationId: 'getSurveyTemplate',
  ...permission('survey:read'),
  tags: templateTags,
  summary: 'One survey template (ETag)',
  description: readNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(SurveyTemplate, 'SurveyTemplate', 'The template'), ...errorResponses },
});

export const updateSurveyTemplateRoute = createRoute({
  method: 'patch',
  path: '/api/v1/survey-templates/{id}',
  operationId: 'updateSurveyTemplate',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Change a survey template (If-Match)',
  description: `An active template that has responses keeps its questions (409 \`survey_template.in_use\`): archive it and create a new one. ${writeNote}`,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SurveyTemplatePatch } } } },
  responses: { 200: jsonResponse(SurveyTemplate, 'SurveyTemplate', 'The template'), ...writeErrorResponses },
});

export const deleteSurveyTemplateRoute = createRoute({
  method: 'delete',
  path: '/api/v1/survey-templates/{id}',
  operationId: 'deleteSurveyTemplate',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Delete a survey template no campaign uses',
  description: `A template used by a campaign answers 409 \`survey_template.in_use\`: archive it instead. ${writeNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(z.object({ id: z.number().int(), deleted: z.literal(true) }).openapi('SurveyTemplateDeleted'), 'SurveyTemplateDeleted', 'Deleted'), ...writeErrorResponses },
});

export const listSurveyCampaignsRoute = createRoute({
  method: 'get',
  path: '/api/v1/survey-campaigns',
  operationId: 'listSurveyCampaigns',
  ...permission('survey:read'),
  tags: templateTags,
  summary: 'Survey campaigns, newest first',
  description: readNote,
  request: { query: SurveyCampaignListQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(SurveyCampaign), next_cursor: z.string().nullable() }).openapi('SurveyCampaignPage'), 'SurveyCampaignPage', 'A page of campaigns'), ...errorResponses },
});

export const createSurveyCampaignRoute = createRoute({
  method: 'post',
  path: '/api/v1/survey-campaigns',
  operationId: 'createSurveyCampaign',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Create a survey campaign (draft)',
  description: `The template must not be archived; listed customers and the segment must belong to the tenant (422 \`survey_campaign.target_invalid\`). ${writeNote}`,
  request: { body: { required: true, content: { 'application/json': { schema: SurveyCampaignCreate } } } },
  responses: { 201: jsonResponse(SurveyCampaign, 'SurveyCampaign', 'The campaign'), ...writeErrorResponses },
});

export const getSurveyCampaignRoute = createRoute({
  method: 'get',
  path: '/api/v1/survey-campaigns/{id}',
  operationId: 'getSurveyCampaign',
  ...permission('survey:read'),
  tags: templateTags,
  summary: 'One survey campaign with its invitation counts (ETag)',
  description: readNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(SurveyCampaign, 'SurveyCampaign', 'The campaign'), ...errorResponses },
});

export const updateSurveyCampaignRoute = createRoute({
  method: 'patch',
  path: '/api/v1/survey-campaigns/{id}',
  operationId: 'updateSurveyCampaign',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Change or close a survey campaign (If-Match)',
  description: `Template, target and channel change only before launch (409 \`survey_campaign.not_editable\`); \`status: closed\` ends it. ${writeNote}`,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SurveyCampaignPatch } } } },
  responses: { 200: jsonResponse(SurveyCampaign, 'SurveyCampaign', 'The campaign'), ...writeErrorResponses },
});

export const deleteSurveyCampaignRoute = createRoute({
  method: 'delete',
  path: '/api/v1/survey-campaigns/{id}',
  operationId: 'deleteSurveyCampaign',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Delete a draft survey campaign',
  description: `Only a draft (never launched) campaign; others answer 409 \`survey_campaign.not_editable\` — close them instead. ${writeNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(z.object({ id: z.number().int(), deleted: z.literal(true) }).openapi('SurveyCampaignDeleted'), 'SurveyCampaignDeleted', 'Deleted'), ...writeErrorResponses },
});

export const launchSurveyCampaignRoute = createRoute({
  method: 'post',
  path: '/api/v1/survey-campaigns/{id}/launch',
  operationId: 'launchSurveyCampaign',
  ...permission('survey:write'),
  tags: templateTags,
  summary: 'Launch a survey campaign',
  description:
    'A campaign whose `starts_at` is in the future becomes `scheduled` (the survey job launches it then); otherwise it becomes `running` and a list or segment target is invited now: one invitation per customer for its primary contact (or for the customer when it has none). Contacts surveyed within `throttle_days` get a `throttled` invitation that is not sent. E-mail and widget channels emit `survey.invitation_sent` with the answer link (delivered by the signed webhooks to the notification module or the host); the portal channel notifies the customer\'s portal users in-app. Tokens are never returned by the API. Event targets are invited by the survey job as events arrive. Takes `survey:write`.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(SurveyLaunch, 'SurveyLaunch', 'The campaign and what was sent'), ...writeErrorResponses },
});

export const listSurveyInvitationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/survey-campaigns/{id}/invitations',
  operationId: 'listSurveyInvitations',
  ...permission('survey:read'),
  tags: templateTags,
  summary: "A campaign's invitations (without tokens)",
  description: readNote,
  request: { params: IdParam, query: SurveyInvitationListQuery },
  responses: { 200: jsonResponse(SurveyInvitationPage, 'SurveyInvitationPage', 'A page of invitations'), ...errorResponses },
});
