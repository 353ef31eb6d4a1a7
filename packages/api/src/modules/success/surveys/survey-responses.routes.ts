import type { Context } from 'hono';
import { withTenant } from '../../../db/tenant-tx.ts';
import type { AppEnv } from '../../../platform/app-env.ts';
import { isPortalPrincipal, type Principal } from '../../../platform/auth/permissions.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { ApiError } from '../../../platform/errors.ts';
import './surveys.errors.ts';
import { scopeOf, type RequestScope } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { tenantSettingsOf } from '../../../platform/tenant-settings-cache.ts';
import { hashSurveyToken, tenantOfToken } from './survey-invitations.ts';
import {
  getPortalSurveyRoute,
  getPublicSurveyRoute,
  listPortalSurveysRoute,
  savePortalSurveyRoute,
  savePublicSurveyRoute,
  submitPortalSurveyRoute,
  submitPublicSurveyRoute,
} from './survey-responses.contract.ts';
import { portalSurveys, saveSurveyDraft, submitSurvey, surveyForm, type InvitationKey } from './survey-responses.service.ts';

const THANKS = { zh: '感谢您的反馈', en: 'Thank you for your feedback' };
const SAVED = { zh: '已保存', en: 'Saved' };

/**
 * Runs `work` for a link token in its tenant's transaction, as the anonymous respondent. The hash is always
 * computed and looked up, so a garbled token costs what an unknown one does and both answer the same 404;
 * any error rolls the transaction back.
 */
async function asRespondent<T>(c: Context<AppEnv>, token: string, work: (scope: RequestScope, key: InvitationKey) => Promise<T>): Promise<T> {
  const hash = hashSurveyToken(token);
  const tenantId = tenantOfToken(token) ?? 0;
  const { db, keyRing } = c.var.deps;
  const settings = tenantId ? await tenantSettingsOf(db, tenantId) : null;
  return withTenant(db, tenantId, async (tx) => {
    if (!settings) throw new ApiError('survey.not_found');
    const principal: Principal = { kind: 'system', tenantId, subject: 'survey:respondent', userId: null, roles: [], permissions: new Set(), customerId: null };
    return work({ tx, tenantId, principal, settings, keyRing, requestId: c.var.requestId }, { kind: 'token', hash });
  });
}

/**
 * Answering through a link, without an account. Mounted before authentication (like `/auth/token`): the
 * token in the path is the credential.
 */
export const publicSurveyRoutes = createRouter()
  .openapi(getPublicSurveyRoute, async function getPublicSurveyHandler(c) {
    return ok(c, await asRespondent(c, c.req.valid('param').token, (scope, key) => surveyForm(scope, key, new Date())), undefined, 200);
  })
  .openapi(savePublicSurveyRoute, async function savePublicSurveyHandler(c) {
    const { answers } = c.req.valid('json');
    return ok(c, await asRespondent(c, c.req.valid('param').token, (scope, key) => saveSurveyDraft(scope, key, answers, new Date())), SAVED, 200);
  })
  .openapi(submitPublicSurveyRoute, async function submitPublicSurveyHandler(c) {
    const { answers } = c.req.valid('json');
    return ok(c, await asRespondent(c, c.req.valid('param').token, (scope, key) => submitSurvey(scope, key, answers, new Date())), THANKS, 200);
  });

/** The customer a portal user answers for; staff and integrations have none. */
function portalCustomer(c: Context<AppEnv>): { customerId: number } {
  const { principal } = c.var;
  if (!isPortalPrincipal(principal) || principal.customerId === null) throw new ApiError('auth.forbidden', { reason: 'portal users only' });
  return { customerId: principal.customerId };
}

const portalKey = (c: Context<AppEnv>, invitationId: number): InvitationKey => ({ kind: 'portal', invitationId, ...portalCustomer(c) });

/** Answering as a signed-in portal user, for invitations of the user's own customer. */
export const portalSurveyRoutes = createRouter()
  .openapi(listPortalSurveysRoute, async function listPortalSurveysHandler(c) {
    return ok(c, await portalSurveys(scopeOf(c), portalCustomer(c).customerId, new Date()), undefined, 200);
  })
  .openapi(getPortalSurveyRoute, async function getPortalSurveyHandler(c) {
    return ok(c, await surveyForm(scopeOf(c), portalKey(c, c.req.valid('param').id), new Date()), undefined, 200);
  })
  .openapi(savePortalSurveyRoute, async function savePortalSurveyHandler(c) {
    return ok(c, await saveSurveyDraft(scopeOf(c), portalKey(c, c.req.valid('param').id), c.req.valid('json').answers, new Date()), SAVED, 200);
  })
  .openapi(submitPortalSurveyRoute, async function submitPortalSurveyHandler(c) {
    return ok(c, await submitSurvey(scopeOf(c), portalKey(c, c.req.valid('param').id), c.req.valid('json').answers, new Date()), THANKS, 200);
  });
