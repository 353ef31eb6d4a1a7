import type { BodyOf, DataOf, HttpMethod, IsLiteralPath, QueryOf, RouteOf } from './api-routes.ts';
import { call, type TestContext } from './test-context.ts';

/**
 * A JSON answer of the API: the envelope typed from the route's contract (`data` as its 2xx answer has it),
 * with the error fields a refusal carries (`error`, `details`, `request_id`). A test checks `status` before
 * it trusts either side, as it always has.
 */
export type ApiBody<Data> = {
  code: number;
  message: string;
  data: Data;
  error?: string;
  /** Free-form per error code in the contract (`z.unknown()`): validation `issues`, `candidates`, `failures`… */
  details?: any;
  request_id?: string;
};

/** What a request gave: status, the parsed body, headers and the raw text, as `call()` returns them. */
export type ApiResponse<Data> = { status: number; body: ApiBody<Data>; headers: Headers; text: string };

/** The options of a request to `Route`: its body and query typed from the contract. */
export type ApiRequestOptions<Route> = {
  /** A bearer token (`t.as.manager`, another tenant's, a portal user's). */
  token?: string;
  headers?: Record<string, string>;
  /** The JSON body, as the contract accepts it. */
  body?: BodyOf<Route>;
  /**
   * A body sent as it is and not checked against the contract: for tests of what the API refuses (wrong
   * types, unknown fields, broken JSON as a string).
   */
  invalidBody?: unknown;
  /** Query parameters, appended to the path (which may carry its own `?…` too). */
  query?: QueryOf<Route>;
};

/** A request whose path the compiler cannot read (its route is not known): sent untyped, as `call()` sends it. */
export type UntypedOptions = { token?: string; headers?: Record<string, string>; body?: unknown; invalidBody?: unknown; query?: Record<string, unknown> };

/**
 * The options argument of a request to `Method Path`. A literal path that no route of the contract answers
 * makes it a required argument whose type names the request, so the compiler's error says which path it
 * could not find; a path with holes it cannot resolve (`${string}` from a helper) is sent untyped.
 */
export type OptionsFor<Method extends HttpMethod, Path extends string, Extra = {}> = [RouteOf<Method, Path>] extends [never]
  ? IsLiteralPath<Path> extends true
    ? [noRouteOfTheContractAnswers: `${Method} ${Path}`]
    : [options?: UntypedOptions & Extra]
  : [options?: ApiRequestOptions<RouteOf<Method, Path>> & Extra];

/** The answer's type: the route's 2xx `data`, or untyped (`any`, as `call()` has it) when the route is not known. */
export type AnswerOf<Method extends HttpMethod, Path extends string> = [RouteOf<Method, Path>] extends [never] ? ApiResponse<any> : ApiResponse<DataOf<RouteOf<Method, Path>>>;

/** One typed request function: the method is fixed, the path picks the route. */
export type ApiMethod<Method extends HttpMethod, Extra = {}> = <Path extends string>(path: Path, ...options: OptionsFor<Method, Path, Extra>) => Promise<AnswerOf<Method, Path>>;

/** The query string of `query`: arrays repeat the key, `undefined` and `null` are left out. */
function searchOf(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}

/** The untyped request under the typed ones: what `call()` does, plus `query` and `invalidBody`. */
export function sendRequest(app: TestContext['app'], method: HttpMethod, path: string, options: UntypedOptions = {}) {
  const search = options.query ? searchOf(options.query) : '';
  const url = search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
  const body = 'invalidBody' in options ? options.invalidBody : options.body;
  return call(app, method, url, { token: options.token, headers: options.headers, body });
}

/**
 * One request through `app.request`, typed by the route that `method` and `path` name in the contract:
 * `body` and `query` are checked against it and `body.data` of the answer has its 2xx type.
 * @example const res = await apiRequest(ctx.app, 'PATCH', `/api/v1/tags/${id}`, { token, body: { name: '重点' } }); res.body.data.customer_count;
 */
export function apiRequest<Method extends HttpMethod, Path extends string>(
  app: TestContext['app'],
  method: Method,
  path: Path,
  ...options: OptionsFor<Method, Path>
): Promise<AnswerOf<Method, Path>> {
  // The overload above is the typed face; underneath every request is the same.
  return sendRequest(app, method, path, options[0] as UntypedOptions | undefined);
}
