/**
 * Codes the SDK itself reports when no API error envelope exists: the request never got an answer, it was
 * aborted, a hook such as `getToken` failed, or the answer was not the API's (a proxy's HTML page, say).
 */
export type CrmClientErrorCode = 'network.error' | 'request.aborted' | 'auth.token_unavailable' | 'response.invalid';

const clientMessages: Record<CrmClientErrorCode, { zh: string; en: string }> = {
  'network.error': { zh: '网络错误，无法连接服务器', en: 'Network error: the server could not be reached' },
  'request.aborted': { zh: '请求已取消', en: 'The request was aborted' },
  'auth.token_unavailable': { zh: '无法获取访问令牌', en: 'Could not obtain an access token' },
  'response.invalid': { zh: '服务器返回了无法识别的响应', en: 'The server sent a response the SDK does not understand' },
};

/** What the API sends on every failure. */
type ErrorEnvelope = { code: number; message: string; error: string; details?: unknown; request_id?: string };

/**
 * The one error type of the SDK. Every failed call returns one in `error` (the calls never throw):
 * `code` is the API's stable machine code (`customer.not_found`, `request.invalid`, …) or one of
 * {@link CrmClientErrorCode}; `message` is human text in the client's locale; `status` is the HTTP status
 * (0 when no response arrived); `requestId` is what to quote to support.
 *
 * @example
 * const { data, error } = await crm.GET('/api/v1/customers/{id}', { params: { path: { id: 42 } } });
 * if (error?.code === 'customer.not_found') showEmptyState();
 */
export class CrmError extends Error {
  /** HTTP status, or 0 when the request got no response (network failure, abort). */
  readonly status: number;
  /** Stable machine-readable code: the API's `error` field, or an SDK code such as `network.error`. */
  readonly code: string;
  /** The API's `request_id` (also sent as `X-Request-Id`), when a response arrived. */
  readonly requestId: string | undefined;
  /** The API's `details` (validation issues, duplicate candidates, …), or the raw body of an unknown response. */
  readonly details: unknown;

  constructor(init: { status: number; code: string; message: string; requestId?: string; details?: unknown; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CrmError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

/** Is this body the API's error envelope? */
function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<ErrorEnvelope>;
  return typeof candidate.error === 'string' && typeof candidate.message === 'string';
}

/** The SDK's own error, in the client's language. */
export function clientError(code: CrmClientErrorCode, locale: string, extra: { status?: number; requestId?: string; details?: unknown; cause?: unknown } = {}) {
  const text = clientMessages[code];
  const status = extra.status ?? 0;
  const message = `${isEnglish(locale) ? text.en : text.zh}${status ? ` (HTTP ${status})` : ''}`;
  return new CrmError({ ...extra, status, code, message });
}

/** A `CrmError` for a non-2xx response, from its parsed body (JSON, text, or nothing). */
export function errorFromResponse(response: Response, body: unknown, locale: string): CrmError {
  const headerId = response.headers.get('X-Request-Id') ?? undefined;
  if (isErrorEnvelope(body)) {
    return new CrmError({
      status: response.status,
      code: body.error,
      message: body.message,
      requestId: body.request_id ?? headerId,
      details: body.details,
    });
  }
  return clientError('response.invalid', locale, { status: response.status, requestId: headerId, details: body });
}

/** The client's locale decides the language of the SDK's own messages; the API localises its own. */
export const isEnglish = (locale: string) => /^en\b/i.test(locale);
