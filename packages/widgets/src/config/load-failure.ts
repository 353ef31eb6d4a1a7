import type { CrmError } from '@crm/sdk';

/** Raised when no `<crm-provider>` or `configure()` gave a widget a client. */
export class NotConfiguredError extends Error {}

/** The texts a widget says when it could not load, in its locale. */
export type LoadFailureMessages = { notConfigured: string; notFound: string; forbidden: string; unauthorized: string; loadFailed: string };

/**
 * What a widget tells the person about a failed load: the text, whether retrying can help, the API's request id
 * (for support), the HTTP status (0 without an answer) and whether it is an expected "no permission" (`forbidden`,
 * shown as a note rather than an alert) or an error.
 */
export type LoadFailure = { text: string; retryable: boolean; requestId: string | undefined; status: number; kind: 'error' | 'forbidden' };

/**
 * Describes a failed load for any widget: 404, 403 and 401 are final, anything else (network, 5xx) may pass on a
 * retry. Duck-typed rather than `instanceof CrmError`: a client from another copy of the SDK (another bundle) has
 * its own class.
 * @example describeLoadFailure(new CrmError({ status: 403, code: 'auth.forbidden', message: '' }), t) // { text: t.forbidden, retryable: false, status: 403, kind: 'forbidden', … }
 */
export function describeLoadFailure(error: unknown, t: LoadFailureMessages): LoadFailure {
  if (error instanceof NotConfiguredError) return { text: t.notConfigured, retryable: false, requestId: undefined, status: 0, kind: 'error' };
  const failure = (typeof error === 'object' && error !== null ? error : undefined) as Partial<CrmError> | undefined;
  const requestId = failure?.requestId;
  const status = failure?.status ?? 0;
  if (status === 404) return { text: t.notFound, retryable: false, requestId, status, kind: 'error' };
  if (status === 403) return { text: t.forbidden, retryable: false, requestId, status, kind: 'forbidden' };
  if (status === 401) return { text: t.unauthorized, retryable: false, requestId, status, kind: 'error' };
  return { text: t.loadFailed, retryable: true, requestId, status, kind: 'error' };
}
