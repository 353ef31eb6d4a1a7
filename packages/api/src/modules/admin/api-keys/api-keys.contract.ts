import { createRoute, z } from '@hono/zod-openapi';
import { PERMISSIONS } from '../../../platform/auth/permissions.ts';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** Body of a new API key: a name and the permissions it carries. */
export const ApiKeyCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: '工单系统集成' }),
    scopes: z
      .array(z.enum(PERMISSIONS))
      .min(1)
      .max(PERMISSIONS.length)
      .refine((list) => new Set(list).size === list.length, { message: 'scopes must not repeat' })
      .openapi({ example: ['customer:read'] }),
  })
  .openapi('ApiKeyCreate');
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

/** An API key as listed: never its secret or hash. */
export const ApiKey = z
  .object({
    id: z.number().int(),
    name: z.string(),
    key_prefix: z.string().openapi({ example: 'crm_Xk3Pq9aB', description: 'The first characters of the secret, to recognise it' }),
    scopes: z.array(z.string()),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');
export type ApiKey = z.infer<typeof ApiKey>;

/** A new API key with its secret, shown this once. */
export const ApiKeyCreated = ApiKey.extend({
  secret: z.string().openapi({ description: 'Shown once, never again: only its SHA-256 is stored', example: 'crm_Xk3Pq9aB…' }),
}).openapi('ApiKeyCreated');

/** A page of API keys. */
export const ApiKeyPage = pageOf(ApiKey, 'ApiKey');

/** Query of the API key list. */
export const ApiKeyListQuery = z
  .strictObject({
    status: z.enum(['active', 'revoked', 'all']).default('active'),
    ...pageQuery,
  })
  .openapi('ApiKeyListQuery');
export type ApiKeyListQuery = z.infer<typeof ApiKeyListQuery>;

const ApiKeyIdParam = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, example: 3 }),
});

/** `POST /api/v1/api-keys` */
export const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/api/v1/api-keys',
  operationId: 'createApiKey',
  ...permission('signed_in_admin'),
  tags: ['api-keys'],
  summary: 'Create an integration API key (signed-in admin); the secret is returned once',
  description: 'Use it as `Authorization: Bearer crm_…` or `X-Api-Key`. Key management (create, list, revoke) takes a signed-in admin: any API key gets 403, whatever its scopes.',
  request: { body: { required: true, content: { 'application/json': { schema: ApiKeyCreate } } } },
  responses: { 201: jsonResponse(ApiKeyCreated, 'ApiKeyCreated', 'The new key with its secret'), ...writeErrorResponses },
});

/** `GET /api/v1/api-keys` */
export const listApiKeysRoute = createRoute({
  method: 'get',
  path: '/api/v1/api-keys',
  operationId: 'listApiKeys',
  ...permission('signed_in_admin'),
  tags: ['api-keys'],
  summary: "The tenant's API keys, newest first (never their secrets)",
  description: '`status=active` (default), `revoked` or `all`; keyset-paginated. Signed-in admins only (API keys get 403).',
  request: { query: ApiKeyListQuery },
  responses: { 200: jsonResponse(ApiKeyPage, 'ApiKeyPage', 'A page of keys'), ...errorResponses },
});

/** `DELETE /api/v1/api-keys/{id}` */
export const revokeApiKeyRoute = createRoute({
  method: 'delete',
  path: '/api/v1/api-keys/{id}',
  operationId: 'revokeApiKey',
  ...permission('signed_in_admin'),
  tags: ['api-keys'],
  summary: 'Revoke an API key; requests with it are refused from now on (401)',
  description: 'Revoking a revoked key changes nothing and answers the key as it is. Another tenant’s key is 404. Signed-in admins only (API keys get 403).',
  request: { params: ApiKeyIdParam },
  responses: { 200: jsonResponse(ApiKey, 'ApiKey', 'The revoked key'), ...writeErrorResponses },
});
