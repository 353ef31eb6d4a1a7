import createClient, { type Middleware } from 'openapi-fetch';
import { clientError, CrmError, errorFromResponse } from './crm-error.ts';
import type {
  CrmData,
  CrmHttpMethod,
  CrmInit,
  CrmListItem,
  CrmListPath,
  CrmMethod,
  CrmRawClient,
  CrmResult,
  InitParam,
} from './crm-types.ts';
import type { paths, TokenGrant } from './schema.d.ts';

/** How to reach and authenticate against the CRM API. */
export type CrmClientOptions = {
  /** API origin, e.g. `http://127.0.0.1:3000`; `''` means the page's own origin (browsers only). */
  baseUrl: string;
  /** A bearer token: a JWT or an integration API key (`crm_…`). */
  token?: string;
  /** Called before every request (may be async), for hosts that refresh tokens. Wins over `token` and `login()`. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Replaces `globalThis.fetch`, e.g. `(request) => app.fetch(request)` to call a Hono app in process. */
  fetch?: (request: Request) => Response | Promise<Response>;
  /** Language of the API's messages (`Accept-Language`) and of the SDK's own; `zh-CN` by default. */
  locale?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
};

/** The typed CRM client: openapi-fetch's methods with the envelope unwrapped and `CrmError` errors. */
export type CrmClient = {
  GET: CrmMethod<'get'>;
  POST: CrmMethod<'post'>;
  PUT: CrmMethod<'put'>;
  PATCH: CrmMethod<'patch'>;
  DELETE: CrmMethod<'delete'>;
  /**
   * Every item of a list endpoint, following `next_cursor` page after page. Throws the `CrmError` of a
   * failed page (an iterator has no other way to report it).
   */
  paginate: <Path extends CrmListPath>(url: Path, ...init: InitParam<CrmInit<'get', Path>>) => AsyncGenerator<CrmListItem<Path>, void, undefined>;
  /**
   * Signs in with the built-in issuer and keeps the token for later calls. Unlike the HTTP methods it
   * throws a `CrmError` on failure: a sign-in that fails has nothing else to return.
   */
  login: (username: string, password: string) => Promise<TokenGrant>;
  /** Replaces the stored token (`undefined` signs out). */
  setToken: (token: string | undefined) => void;
  /** Adds openapi-fetch middleware (retries, logging…) to every later call. */
  use: CrmRawClient['use'];
  /** Removes middleware added with `use`. */
  eject: CrmRawClient['eject'];
};

const DEFAULT_LOCALE = 'zh-CN';

/**
 * A typed client of the CRM API over openapi-fetch. Calls never throw: they resolve to `{ data, error,
 * response }` where `data` is the envelope's `data` and `error` a {@link CrmError} — also for network
 * failures (`network.error`) and aborts (`request.aborted`).
 *
 * @example
 * const crm = createCrmClient({ baseUrl: 'http://127.0.0.1:3000', locale: 'en' });
 * await crm.login('manager@demo', 'demo123456');
 * const { data, error } = await crm.GET('/api/v1/customers/{id}', { params: { path: { id: 42 } } });
 * if (error) console.error(error.code, error.requestId);
 * else console.log(data.customer_name);
 */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  const locale = options.locale ?? DEFAULT_LOCALE;
  let storedToken = options.token;
  const customFetch = options.fetch;
  const raw: CrmRawClient = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: customFetch && (async (request) => customFetch(request)),
    headers: options.headers,
  });
  raw.use(requestHeaders({ locale, token: async () => (options.getToken ? options.getToken() : storedToken) }));

  const call = async (method: CrmHttpMethod, url: string, init: unknown): Promise<CrmResult<unknown>> => {
    const send = raw.request as (method: CrmHttpMethod, url: string, init?: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    try {
      const { data, error, response } = await send(method, url, init);
      if (!response.ok) return { error: errorFromResponse(response, error, locale), response };
      return { data: unwrapEnvelope(data), response };
    } catch (cause) {
      return { error: errorFromThrown(cause, locale), response: Response.error() };
    }
  };
  const method = <Method extends CrmHttpMethod>(name: Method) =>
    ((url: string, init?: unknown) => call(name, url, init)) as unknown as CrmMethod<Method>;
  const GET = method('get');
  const POST = method('post');

  return {
    GET,
    POST,
    PUT: method('put'),
    PATCH: method('patch'),
    DELETE: method('delete'),
    paginate: async function* paginate<Path extends CrmListPath>(url: Path, ...[init]: InitParam<CrmInit<'get', Path>>) {
      type Page = { items: CrmListItem<Path>[]; next_cursor?: string | null };
      const base = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
      let cursor = base.params?.query?.cursor as string | undefined;
      const seen = new Set<string>();
      for (;;) {
        const pageInit = { ...base, params: { ...base.params, query: { ...base.params?.query, cursor } } };
        const { data, error } = (await call('get', url, pageInit)) as CrmResult<Page>;
        if (error) throw error;
        yield* data.items;
        if (!data.next_cursor) return;
        // A server that hands back a cursor it already gave would loop forever; stop loudly instead.
        if (seen.has(data.next_cursor)) throw clientError('response.invalid', locale, { details: { repeated_cursor: data.next_cursor } });
        seen.add(data.next_cursor);
        cursor = data.next_cursor;
      }
    },
    async login(username, password) {
      const { data, error } = await POST('/api/v1/auth/token', { body: { username, password } });
      if (error) throw error;
      storedToken = data.access_token;
      return data;
    },
    setToken(token) {
      storedToken = token;
    },
    use: (...middleware) => raw.use(...middleware),
    eject: (...middleware) => raw.eject(...middleware),
  };
}

/**
 * Middleware: `Authorization: Bearer …` from the token source and `Accept-Language` from the locale, unless
 * the call set them itself.
 */
function requestHeaders(source: { locale: string; token: () => Promise<string | null | undefined> }): Middleware {
  return {
    async onRequest({ request }) {
      if (!request.headers.has('Accept-Language')) request.headers.set('Accept-Language', source.locale);
      if (request.headers.has('Authorization')) return request;
      let token: string | null | undefined;
      try {
        token = await source.token();
      } catch (cause) {
        throw clientError('auth.token_unavailable', source.locale, { cause });
      }
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}

/** The envelope's `data`; bodies outside the envelope (probes, files) pass through. */
function unwrapEnvelope(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('data' in body)) return body;
  const { code, message } = body as { code?: unknown; message?: unknown };
  return typeof code === 'number' && typeof message === 'string' ? (body as { data: unknown }).data : body;
}

/** A `CrmError` for whatever was thrown before a response could be read. */
function errorFromThrown(cause: unknown, locale: string): CrmError {
  if (cause instanceof CrmError) return cause;
  const name = (cause as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return clientError('request.aborted', locale, { cause });
  // A 2xx whose body is not JSON makes openapi-fetch's JSON.parse throw.
  if (cause instanceof SyntaxError) return clientError('response.invalid', locale, { cause });
  return clientError('network.error', locale, { cause });
}
