import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import {
  createWebhookRoute,
  deleteWebhookRoute,
  getWebhookRoute,
  listWebhookDeliveriesRoute,
  listWebhooksRoute,
  pingWebhookRoute,
  redeliverWebhookRoute,
  rotateWebhookSecretRoute,
  updateWebhookRoute,
} from './webhooks.contract.ts';
import { webhookTargetPolicy } from './webhook-target.ts';
import { createWebhook, deleteWebhook, getWebhook, listWebhookDeliveries, listWebhooks, pingWebhook, redeliverWebhook, rotateWebhookSecret, updateWebhook } from './webhooks.service.ts';

const SECRET_ONCE = { zh: '请立即保存签名密钥，密钥仅显示一次', en: 'store the signing secret now, it is shown only once' };

/** Outbound webhook subscriptions and their deliveries; every route takes `webhook:manage` (admins). */
export const webhookRoutes = createRouter()
  .openapi(createWebhookRoute, async function createWebhookHandler(c) {
    const created = await createWebhook(scopeOf(c), c.req.valid('json'), webhookTargetPolicy(c.var.deps));
    return ok(c, created, { zh: `Webhook 已创建，${SECRET_ONCE.zh}`, en: `Webhook created; ${SECRET_ONCE.en}` }, 201);
  })
  .openapi(listWebhooksRoute, async function listWebhooksHandler(c) {
    return ok(c, await listWebhooks(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getWebhookRoute, async function getWebhookHandler(c) {
    return ok(c, await getWebhook(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(updateWebhookRoute, async function updateWebhookHandler(c) {
    const updated = await updateWebhook(scopeOf(c), c.req.valid('param').id, c.req.valid('json'), webhookTargetPolicy(c.var.deps));
    return ok(c, updated, { zh: 'Webhook 已更新', en: 'Webhook updated' }, 200);
  })
  .openapi(deleteWebhookRoute, async function deleteWebhookHandler(c) {
    const deleted = await deleteWebhook(scopeOf(c), c.req.valid('param').id);
    return ok(c, deleted, { zh: 'Webhook 已删除', en: 'Webhook deleted' }, 200);
  })
  .openapi(rotateWebhookSecretRoute, async function rotateWebhookSecretHandler(c) {
    const rotated = await rotateWebhookSecret(scopeOf(c), c.req.valid('param').id);
    return ok(c, rotated, { zh: `签名密钥已更换，${SECRET_ONCE.zh}`, en: `Signing secret rotated; ${SECRET_ONCE.en}` }, 200);
  })
  .openapi(pingWebhookRoute, async function pingWebhookHandler(c) {
    const delivery = await pingWebhook(scopeOf(c), c.req.valid('param').id, new Date());
    return ok(c, delivery, { zh: '测试事件已排队发送', en: 'Ping queued for delivery' }, 202);
  })
  .openapi(listWebhookDeliveriesRoute, async function listWebhookDeliveriesHandler(c) {
    return ok(c, await listWebhookDeliveries(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
  })
  .openapi(redeliverWebhookRoute, async function redeliverWebhookHandler(c) {
    const delivery = await redeliverWebhook(scopeOf(c), c.req.valid('param').id, new Date());
    return ok(c, delivery, { zh: '已重新排队发送', en: 'Queued for redelivery' }, 200);
  });
