import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from './api-keys.contract.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';

/** Integration API keys; only a signed-in admin manages them, never an API key. */
export const apiKeyRoutes = createRouter()
  .openapi(createApiKeyRoute, async function createApiKeyHandler(c) {
    const created = await createApiKey(scopeOf(c), c.req.valid('json'));
    return ok(c, created, { zh: 'API 密钥已创建，请立即保存，密钥仅显示一次', en: 'API key created; store the secret now, it is shown only once' }, 201);
  })
  .openapi(listApiKeysRoute, async function listApiKeysHandler(c) {
    return ok(c, await listApiKeys(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(revokeApiKeyRoute, async function revokeApiKeyHandler(c) {
    const revoked = await revokeApiKey(scopeOf(c), c.req.valid('param').id);
    return ok(c, revoked, { zh: 'API 密钥已吊销', en: 'API key revoked' }, 200);
  });
