import type { Locale } from './i18n.ts';

/** The HTTP statuses an error code may answer with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 431 | 500 | 503;

/** What one error code means: its HTTP status and its human message in both locales. */
export type ErrorSpec = { status: ErrorStatus; zh: string; en: string };

/** The entries an errors file adds to `ErrorCodes`: one per code of its catalogue. */
export type ErrorCodesOf<Catalog> = { readonly [Code in keyof Catalog]: ErrorSpec };

/**
 * Every error code of the API: the platform's below, and each module's, added by the `declare module` of its
 * `<module>.errors.ts`. An interface, not a type, because only interfaces merge across files; its keys are
 * `ErrorCode`, so a misspelt code does not compile.
 * @example
 * // modules/customers/customers/customers.errors.ts
 * export const customersErrors = defineErrors({ 'customer.not_found': { status: 404, zh: '客户不存在', en: 'Customer not found' } });
 * declare module '../../../platform/errors.ts' {
 *   interface ErrorCodes extends ErrorCodesOf<typeof customersErrors> {}
 * }
 */
export interface ErrorCodes extends ErrorCodesOf<typeof platformErrors> {}

/** A machine error code of the API, of the platform or of any module. */
export type ErrorCode = keyof ErrorCodes;

/** The codes registered so far in this process, platform's and modules' alike. */
const registry = new Map<string, ErrorSpec>();

const sameSpec = (a: ErrorSpec, b: ErrorSpec): boolean => a.status === b.status && a.zh === b.zh && a.en === b.en;

/**
 * Registers a module's error codes when its errors file is imported, and returns them. A code registered twice
 * must mean the same thing both times: a second, different spec throws, so two modules cannot claim one code.
 * Every file of the module that names one of the codes imports its errors file, and another module that throws them
 * reaches them through the owner's front door, which re-exports the catalogue: the codes are known before they are
 * thrown, in the app and in a test that calls a service alone (tests/error-registration.test.ts checks the imports).
 * @example export const contactsErrors = defineErrors({ 'contact.not_found': { status: 404, zh: '联系人不存在', en: 'Contact not found' } });
 */
export function defineErrors<Catalog extends Record<string, ErrorSpec>>(catalog: Catalog): Catalog {
  for (const [code, spec] of Object.entries(catalog)) {
    const known = registry.get(code);
    if (known && !sameSpec(known, spec)) throw new Error(`Error code ${code} is already registered with another status or message`);
    registry.set(code, spec);
  }
  return catalog;
}

/**
 * The status and messages of a registered code. Throws for a code whose errors file was never imported: a
 * programming error, which `new ApiError(code)` reports at once rather than answer a code without a status.
 * @example errorSpec('route.not_found').status // 404
 */
export function errorSpec(code: ErrorCode): ErrorSpec {
  const spec = registry.get(code);
  if (!spec) throw new Error(`Error code ${code} is not registered: import its module's errors file where the code is thrown`);
  return spec;
}

/**
 * Every code registered so far: the platform's, and those of every module imported (all of them once the app is built).
 * @example knownErrorCodes().includes('customer.not_found') // true once the customers module is loaded
 */
export function knownErrorCodes(): ErrorCode[] {
  return [...registry.keys()] as ErrorCode[];
}

/** The platform's own codes: malformed requests, authentication, concurrency, and what no module owns. */
const platformErrors = defineErrors({
  'request.invalid': { status: 400, zh: '请求参数不合法', en: 'The request is invalid' },
  'request.malformed_json': { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  'request.unsupported_media_type': { status: 415, zh: '仅支持 application/json', en: 'Only application/json is accepted' },
  'request.too_large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'request.headers_too_large': { status: 431, zh: '请求地址或请求头过长', en: 'The request URL or headers are too large' },
  'request.timeout': { status: 408, zh: '请求超时', en: 'The request took too long to arrive' },
  'request.malformed_http': { status: 400, zh: '请求格式错误', en: 'The HTTP request is malformed' },
  'request.cursor_invalid': { status: 400, zh: '分页游标无效', en: 'The pagination cursor is invalid' },
  'route.not_found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  'auth.missing_token': { status: 401, zh: '缺少访问令牌', en: 'An access token is required' },
  'auth.invalid_token': { status: 401, zh: '访问令牌无效或已过期', en: 'The access token is invalid or expired' },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'idempotency.key_reused': {
    status: 422,
    zh: '该幂等键已用于另一个请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  'precondition.required': { status: 428, zh: '更新需要 If-Match 请求头', en: 'Updates require an If-Match header' },
  'precondition.failed': {
    status: 412,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The record changed since you read it; reload and retry',
  },
  'user.reference_invalid': { status: 422, zh: '所选人员须为本租户员工且具备相应权限', en: 'The user named must be a member of staff of this tenant whose role can do this work' },
  'conflict': { status: 409, zh: '数据冲突', en: 'The data conflicts with existing records' },
  'internal': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'unavailable': { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  'database.unavailable': { status: 503, zh: '数据库暂时不可用，请稍后重试', en: 'The database is temporarily unavailable; retry shortly' },
});

/**
 * The one error type of the API: a registered machine code, optional details, and the HTTP
 * status the code maps to. `app.onError` renders it in the envelope.
 * @example throw new ApiError('customer.not_found', { id });
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'ApiError';
    this.status = errorSpec(code).status;
  }

  /** The human message in the caller's language. */
  messageIn(locale: Locale): string {
    const spec = errorSpec(this.code);
    return locale === 'en' ? spec.en : spec.zh;
  }
}
