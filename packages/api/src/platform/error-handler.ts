import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';
import type { AppEnv } from './app-env.ts';
import { ApiError, type ErrorCode } from './errors.ts';
import { userReferenceErrorOf } from './staff-users.ts';

type PgLikeError = { code?: string; constraint?: string; constraint_name?: string; message?: string; cause?: unknown };

/** Unique constraints whose violation has its own domain error. */
const constraintErrors: Record<string, ErrorCode> = {
  contacts_one_primary_key: 'contact.primary_conflict',
  tags_name_key: 'tag.duplicate',
  tag_groups_name_key: 'tag_group.duplicate',
};

/** How long a client should wait before retrying while the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Finds a database error inside drizzle's wrappers. */
function databaseErrorOf(error: unknown): PgLikeError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400) {
      const malformed = /json/i.test(error.message);
      return new ApiError(malformed ? 'request.malformed_json' : 'request.invalid');
    }
    if (error.status === 413) return new ApiError('request.too_large');
    if (error.status === 415) return new ApiError('request.unsupported_media_type');
    if (error.status === 401) return new ApiError('auth.invalid_token');
    return null;
  }
  if (isDatabaseUnavailable(error)) return new ApiError('database.unavailable');
  const pg = databaseErrorOf(error);
  if (!pg) return null;
  const constraint = pg.constraint ?? pg.constraint_name ?? '';
  switch (pg.code) {
    case '23505':
      return new ApiError(constraintErrors[constraint] ?? 'conflict', { constraint });
    case '23503':
      // A user id the check let through (a race) names nobody of the tenant: the caller's input is wrong, not a conflict.
      return userReferenceErrorOf(constraint) ?? new ApiError('conflict', { constraint, reason: 'referenced record missing or still referenced' });
    case '22001':
    case '22003':
    case '22P02':
    case '23514':
      return new ApiError('request.invalid', { reason: pg.code });
    case '40001':
    case '40P01':
      return new ApiError('conflict', { reason: 'concurrent update; retry' });
    default:
      return null;
  }
}

/**
 * `app.onError`: every failure leaves in the envelope with a stable code and the request id; unknown
 * errors are logged with their stack and answered as a plain 500 (never a stack trace).
 */
export function handleError(error: Error, c: Context<AppEnv>) {
  const apiError = toApiError(error) ?? new ApiError('internal');
  if (apiError.code === 'internal') c.var.logger?.error({ err: error }, 'unhandled error');
  // The rest of an oversized body is never read: the connection cannot carry another request, so say so
  // rather than announce keep-alive and drop the socket under the client's next request.
  if (apiError.code === 'request.too_large') c.header('Connection', 'close');
  // A database restart or failover: the client may retry shortly; one line, not a stack per request.
  if (apiError.code === 'database.unavailable') {
    c.var.logger?.warn({ err: { message: error.message } }, 'database unavailable');
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  }
  const locale = c.var.locale ?? 'zh-CN';
  const body = {
    code: apiError.status,
    message: apiError.messageIn(locale),
    error: apiError.code,
    ...(apiError.details === undefined ? {} : { details: apiError.details }),
    request_id: c.var.requestId ?? '',
  };
  return c.json(body, apiError.status as 400);
}
