import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { SurveyQuestion } from './survey-questions.ts';
import { SURVEY_INVITATION_STATUSES } from './surveys.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** What `<crm-survey-form>` renders: the questions in both languages and the answers saved so far. */
export const SurveyForm = z
  .object({
    invitation: z.object({ id: z.number().int(), status: z.enum(SURVEY_INVITATION_STATUSES), expires_at: z.string() }),
    campaign: z.object({ id: z.number().int(), name: z.string() }),
    template: z.object({ id: z.number().int(), name: z.string(), description: z.string().nullable(), questions: z.array(SurveyQuestion) }),
    answers: z.record(z.string(), z.unknown()).openapi({ description: 'Answers saved so far (partial), keyed by question id' }),
    saved_at: z.string().nullable(),
  })
  .openapi('SurveyForm');
export type SurveyForm = z.infer<typeof SurveyForm>;

export const SurveyAnswersBody = z
  .strictObject({ answers: z.record(z.string().max(40), z.unknown()).openapi({ description: 'Answers keyed by question id: a number for nps/csat/ces/rating, an option id, an array of option ids, or a text' }) })
  .openapi('SurveyAnswers');
export type SurveyAnswersBody = z.infer<typeof SurveyAnswersBody>;

export const SurveyDraftSaved = z.object({ answers: z.record(z.string(), z.unknown()), saved_at: z.string() }).openapi('SurveyDraftSaved');
export const SurveySubmitted = z.object({ response_id: z.number().int(), submitted_at: z.string() }).openapi('SurveySubmitted');

export const PortalSurvey = z
  .object({
    invitation_id: z.number().int(),
    campaign_name: z.string(),
    template_name: z.string(),
    status: z.enum(SURVEY_INVITATION_STATUSES),
    expires_at: z.string(),
    sent_at: z.string().nullable(),
    has_draft: z.boolean(),
  })
  .openapi('PortalSurvey');

export const TokenParam = z.object({
  token: z.string().max(200).openapi({ param: { name: 'token', in: 'path' }, description: 'The token of the invitation link (`s<tenant>.<random>`)' }),
});

const gone = { 410: { description: 'The invitation expired or its campaign is closed (`survey.token_expired`)', content: { 'application/json': { schema: ErrorBody } } } };
const publicNote = 'No account: the link token is the credential (single use, expiring). An unknown or garbled token answers 404 `survey.not_found`; an expired one 410 `survey.token_expired`; one already submitted 409 `survey.already_submitted`.';
const tags = ['surveys'];

export const getPublicSurveyRoute = createRoute({
  method: 'get',
  path: '/api/v1/public/surveys/{token}',
  operationId: 'getPublicSurvey',
  ...permission('public'),
  tags,
  security: [],
  summary: 'The survey of an invitation link',
  description: publicNote,
  request: { params: TokenParam },
  responses: { 200: jsonResponse(SurveyForm, 'SurveyForm', 'The survey and the answers saved so far'), ...errorResponses, 409: writeErrorResponses[409], ...gone },
});

export const savePublicSurveyRoute = createRoute({
  method: 'put',
  path: '/api/v1/public/surveys/{token}',
  operationId: 'savePublicSurveyDraft',
  ...permission('public'),
  tags,
  security: [],
  summary: 'Save partial answers of an invitation link',
  description: `Answers are checked as a draft (types and ranges; required questions may wait); wrong ones answer 422 \`survey.answers_invalid\` with one error per question. ${publicNote}`,
  request: { params: TokenParam, body: { required: true, content: { 'application/json': { schema: SurveyAnswersBody } } } },
  responses: { 200: jsonResponse(SurveyDraftSaved, 'SurveyDraftSaved', 'The saved draft'), ...writeErrorResponses, ...gone },
});

export const submitPublicSurveyRoute = createRoute({
  method: 'post',
  path: '/api/v1/public/surveys/{token}/submit',
  operationId: 'submitPublicSurvey',
  ...permission('public'),
  tags,
  security: [],
  summary: 'Submit the answers of an invitation link',
  description: `Checks the answers as complete (visible required questions answered; hidden questions' answers dropped), stores the response with its NPS/CSAT/CES and the themes and sentiment of its texts, and uses up the link. A detractor (NPS ≤ 6) or CSAT ≤ 2 creates a care-call task for the customer's manager. ${publicNote}`,
  request: { params: TokenParam, body: { required: true, content: { 'application/json': { schema: SurveyAnswersBody } } } },
  responses: { 200: jsonResponse(SurveySubmitted, 'SurveySubmitted', 'Thank you'), ...writeErrorResponses, ...gone },
});

const portalNote = 'Portal users (role `customer`) only, for invitations of their own customer; others get 403, another customer\'s invitation 404.';

export const listPortalSurveysRoute = createRoute({
  method: 'get',
  path: '/api/v1/portal/surveys',
  operationId: 'listPortalSurveys',
  ...permission('authenticated'),
  tags,
  summary: "Open surveys of the signed-in portal user's customer",
  description: `Invitations that are sent and neither answered nor expired. ${portalNote}`,
  responses: { 200: jsonResponse(z.object({ items: z.array(PortalSurvey) }).openapi('PortalSurveyList'), 'PortalSurveyList', 'Open surveys'), ...errorResponses },
});

export const getPortalSurveyRoute = createRoute({
  method: 'get',
  path: '/api/v1/portal/surveys/{id}',
  operationId: 'getPortalSurvey',
  ...permission('authenticated'),
  tags,
  summary: 'The survey of an invitation, for a portal user',
  description: portalNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(SurveyForm, 'SurveyForm', 'The survey'), ...errorResponses, 409: writeErrorResponses[409], ...gone },
});

export const savePortalSurveyRoute = createRoute({
  method: 'put',
  path: '/api/v1/portal/surveys/{id}',
  operationId: 'savePortalSurveyDraft',
  ...permission('authenticated'),
  tags,
  summary: 'Save partial answers, for a portal user',
  description: portalNote,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SurveyAnswersBody } } } },
  responses: { 200: jsonResponse(SurveyDraftSaved, 'SurveyDraftSaved', 'The saved draft'), ...writeErrorResponses, ...gone },
});

export const submitPortalSurveyRoute = createRoute({
  method: 'post',
  path: '/api/v1/portal/surveys/{id}/submit',
  operationId: 'submitPortalSurvey',
  ...permission('authenticated'),
  tags,
  summary: 'Submit answers, for a portal user',
  description: `As the link submit. ${portalNote}`,
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SurveyAnswersBody } } } },
  responses: { 200: jsonResponse(SurveySubmitted, 'SurveySubmitted', 'Thank you'), ...writeErrorResponses, ...gone },
});
