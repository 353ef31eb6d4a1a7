import type { Client, ClientPathsWithMethod, MaybeOptionalInit, MethodResponse } from 'openapi-fetch';
import type { CrmError } from './crm-error.ts';
import type { paths } from './schema.js';

/** The HTTP methods the API uses. */
export type CrmHttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** The raw openapi-fetch client over the generated `paths`: its `data` is still the envelope. */
export type CrmRawClient = Client<paths>;

/** Paths of the API that accept `Method`, e.g. `CrmPath<'get'>` includes `'/api/v1/customers/{id}'`. */
export type CrmPath<Method extends CrmHttpMethod> = ClientPathsWithMethod<CrmRawClient, Method>;

/** The envelope's `data` of a response body; bodies outside the envelope (`/healthz`) stay as they are. */
export type UnwrapEnvelope<Body> = Body extends { code: number; message: string; data: infer Data } ? Data : Body;

/** The second argument of a call: path/query/header params, body, headers, signal… */
export type CrmInit<Method extends CrmHttpMethod, Path extends CrmPath<Method>> = MaybeOptionalInit<paths[Path], Method>;

/** What a successful call gives in `data`: the envelope's `data`, typed from the contract. */
export type CrmData<Method extends CrmHttpMethod, Path extends CrmPath<Method>, Init = {}> = UnwrapEnvelope<
  MethodResponse<CrmRawClient, Method, Path, Init>
>;

/**
 * The result of every call, as openapi-fetch has it: exactly one of `data` and `error`, and the `Response`
 * (`Response.error()`, status 0, when none arrived). Checking `error` narrows `data` to defined.
 */
export type CrmResult<Data> =
  | { data: Data; error?: never; response: Response }
  | { data?: never; error: CrmError; response: Response };

// Same rule as openapi-fetch: the init argument is optional exactly when nothing in it is required.
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
export type InitParam<Init> = RequiredKeysOf<Init> extends never
  ? [(Init & { [key: string]: unknown })?]
  : [Init & { [key: string]: unknown }];

/** One typed method of the client (`GET`, `POST`, …). */
export type CrmMethod<Method extends CrmHttpMethod> = <Path extends CrmPath<Method>, Init extends CrmInit<Method, Path>>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<CrmResult<CrmData<Method, Path, Init>>>;

/** GET paths whose `data` is a page `{ items, next_cursor }`: what `paginate` accepts. */
export type CrmListPath = {
  [Path in CrmPath<'get'>]: CrmData<'get', Path> extends { items: readonly unknown[]; next_cursor?: string | null } ? Path : never;
}[CrmPath<'get'>];

/** The item type of a list path, e.g. `CrmListItem<'/api/v1/customers'>` is `CustomerSummary`. */
export type CrmListItem<Path extends CrmListPath> = CrmData<'get', Path> extends { items: readonly (infer Item)[] } ? Item : never;
