import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const TokenRequest = z
  .strictObject({
    username: z.string().min(1).max(100).openapi({ example: 'admin@demo' }),
    password: z.string().min(1).max(200).openapi({ example: 'demo123456' }),
  })
  .openapi('TokenRequest');

export const CurrentUser = z
  .object({
    id: z.number().int().nullable(),
    username: z.string().nullable(),
    display_name: z.string().nullable(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    tenant_id: z.number().int(),
    customer_id: z.number().int().nullable(),
  })
  .openapi('CurrentUser');

export const TokenGrant = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().openapi({ description: 'Seconds until the token expires' }),
    user: CurrentUser,
  })
  .openapi('TokenGrant');

export const issueTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/token',
  operationId: 'issueToken',
  ...permission('public'),
  tags: ['auth'],
  summary: 'Sign in with the built-in issuer',
  description:
    'Exchanges a username and password for a JWT. Failed attempts slow down exponentially per (account, client) and, more loosely, per client; ' +
    'a held-back client gets 429 `auth.locked` with `Retry-After` and `details.retry_after_seconds`, while other clients sign in as usual. ' +
    'The client is the socket peer, or the `X-Forwarded-For` hop behind a proxy named in `CRM_TRUSTED_PROXIES`.',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: TokenRequest } } } },
  responses: {
    200: jsonResponse(TokenGrant, 'TokenGrant', 'A bearer token'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: {
      ...errorResponses[429],
      description: 'Too many failed sign-ins from this client: try again after `Retry-After` seconds (also `details.retry_after_seconds`)',
      headers: { 'Retry-After': { description: 'Seconds to wait before the next attempt', schema: { type: 'integer', minimum: 1 } } },
    },
    500: errorResponses[500],
  },
});

export const currentUserRoute = createRoute({
  method: 'get',
  path: '/api/v1/auth/me',
  operationId: 'getCurrentUser',
  ...permission('authenticated'),
  description: 'The caller as the API sees it: user id, roles, the permissions they grant, tenant and, for portal users, their customer.',
  tags: ['auth'],
  summary: 'Who am I',
  responses: {
    200: jsonResponse(CurrentUser, 'CurrentUser', 'The caller'),
    401: errorResponses[401],
    500: errorResponses[500],
  },
});
