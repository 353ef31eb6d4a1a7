import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env.ts';

/** Success message of an operation in both locales. */
export type Message = { zh: string; en: string };
export const OK: Message = { zh: '成功', en: 'OK' };

/**
 * Writes the portal envelope `{ code, message, data }`; `code` equals the HTTP status.
 * @example return ok(c, customer, { zh: '客户创建成功', en: 'Customer created' }, 201);
 */
export function ok<T, S extends ContentfulStatusCode = 200>(c: Context<AppEnv>, data: T, message: Message = OK, status?: S) {
  const code = (status ?? 200) as S;
  const text = c.var.locale === 'en' ? message.en : message.zh;
  return c.json({ code, message: text, data }, code);
}

/** The OpenAPI schema of an envelope around `data`, registered as `<name>Response`. */
export function envelopeOf<T extends z.ZodType>(data: T, name: string) {
  return z
    .object({
      code: z.number().int().openapi({ example: 200 }),
      message: z.string().openapi({ example: '成功' }),
      data,
    })
    .openapi(`${name}Response`);
}

export const ErrorBody = z
  .object({
    code: z.number().int().openapi({ example: 404 }),
    message: z.string().openapi({ example: '客户不存在' }),
    error: z.string().openapi({ example: 'customer.not_found', description: 'Stable machine-readable error code' }),
    details: z.unknown().optional(),
    request_id: z.string().openapi({ example: '01J9Z6Q6M2N1' }),
  })
  .openapi('Error');

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

/** The shared error responses every route spreads in. */
export const errorResponses = {
  400: errorContent('Invalid request'),
  401: errorContent('Missing or invalid credentials'),
  403: errorContent('Not allowed'),
  404: errorContent('Not found'),
  422: errorContent('Semantically invalid request'),
  429: errorContent('Too many requests'),
  500: errorContent('Internal error'),
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: errorContent('Conflict with existing data'),
  412: errorContent('The record changed since it was read (If-Match)'),
  428: errorContent('If-Match header required'),
} as const;

/** A JSON response for `createRoute`, wrapped in the envelope. */
export function jsonResponse<T extends z.ZodType>(schema: T, name: string, description: string) {
  return { description, content: { 'application/json': { schema: envelopeOf(schema, name) } } };
}
