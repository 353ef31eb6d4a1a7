import { CrmError, type SurveyDraftSaved, type SurveyForm, type SurveySubmitted } from '@crm/sdk';
import type { CrmWidgetConfig } from '../config/config.js';
import { NotConfiguredError } from '../config/load-failure.js';
import type { SurveyAnswers } from './survey-form.format.js';

export type { SurveyForm };

/**
 * Which invitation the form answers: a link token (anonymous, the token is the credential) or an invitation id
 * of the signed-in portal user's customer (through the provider's token).
 */
export type SurveyKey = { kind: 'token'; token: string } | { kind: 'portal'; id: number };

/** Raised when the form has a survey-id but no `<crm-provider>` or `configure()` gave it a signed-in client. */
export { NotConfiguredError };

/**
 * The key from the attributes: a token wins over a survey id; null when neither is set. An id that is no
 * positive integer cannot name an invitation, so it answers as the API would, without asking it.
 */
export function surveyKey(token: string, surveyId: string): SurveyKey | null {
  if (token.trim()) return { kind: 'token', token: token.trim() };
  if (!surveyId) return null;
  const id = Number(surveyId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new CrmError({ status: 404, code: 'survey.not_found', message: `survey-id="${surveyId}"` });
  return { kind: 'portal', id };
}

/** The questions and the saved draft. */
export async function loadSurvey(config: CrmWidgetConfig, key: SurveyKey, signal?: AbortSignal): Promise<SurveyForm> {
  const { data, error } =
    key.kind === 'token'
      ? await config.client.GET('/api/v1/public/surveys/{token}', { params: { path: { token: key.token } }, signal })
      : await config.client.GET('/api/v1/portal/surveys/{id}', { params: { path: { id: key.id } }, signal });
  if (error) throw error;
  return data;
}

/** Saves partial answers (the API checks them as a draft). */
export async function saveDraft(config: CrmWidgetConfig, key: SurveyKey, answers: SurveyAnswers): Promise<SurveyDraftSaved> {
  const body = { answers };
  const { data, error } =
    key.kind === 'token'
      ? await config.client.PUT('/api/v1/public/surveys/{token}', { params: { path: { token: key.token } }, body })
      : await config.client.PUT('/api/v1/portal/surveys/{id}', { params: { path: { id: key.id } }, body });
  if (error) throw error;
  return data;
}

/** Submits the answers; the link (or invitation) is used up. */
export async function submitSurvey(config: CrmWidgetConfig, key: SurveyKey, answers: SurveyAnswers): Promise<SurveySubmitted> {
  const body = { answers };
  const { data, error } =
    key.kind === 'token'
      ? await config.client.POST('/api/v1/public/surveys/{token}/submit', { params: { path: { token: key.token } }, body })
      : await config.client.POST('/api/v1/portal/surveys/{id}/submit', { params: { path: { id: key.id } }, body });
  if (error) throw error;
  return data;
}

/** What a failure means for the person answering. */
export type SurveyFailureKind = 'not_found' | 'expired' | 'already_submitted' | 'invalid' | 'forbidden' | 'unauthorized' | 'not_configured' | 'network';

/**
 * A failure by what the person should be told. Duck-typed rather than `instanceof`: a client from another copy
 * of the SDK (another bundle) has its own error class.
 */
export function failureKind(error: unknown): SurveyFailureKind {
  if (error instanceof NotConfiguredError) return 'not_configured';
  const failure = (typeof error === 'object' && error !== null ? error : {}) as Partial<CrmError>;
  if (failure.code === 'survey.token_expired' || failure.status === 410) return 'expired';
  if (failure.code === 'survey.already_submitted' || failure.status === 409) return 'already_submitted';
  if (failure.status === 404) return 'not_found';
  if (failure.status === 422) return 'invalid';
  if (failure.status === 403) return 'forbidden';
  if (failure.status === 401) return 'unauthorized';
  return 'network';
}

/** The API's `details` and request id of a failure, when it has them. */
export function failureDetails(error: unknown): { details: unknown; requestId: string | undefined } {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as Partial<CrmError>;
  return { details: failure.details, requestId: failure.requestId };
}
