import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { EVENT_TYPE_PATTERN } from './webhook-schedule.ts';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_TARGETS } from './webhooks.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** Whether a URL may receive deliveries: http(s) only, and no `user:password@` (secrets belong in the signature). */
const isDeliverableUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

const WebhookUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine(isDeliverableUrl, { message: 'must be an http(s) URL without user:password@' })
  .openapi({
    example: 'https://portal.example.com/notifications/webhooks/crm',
    description: 'A public address: a host that is, or resolves to, a private, loopback, link-local, multicast or reserved address (v4 or v6) is refused with 422 `webhook.target_refused`, unless the operator allows private targets (`CRM_WEBHOOK_ALLOW_PRIVATE`).',
  });

const EventTypes = z
  .array(z.string().max(80).regex(EVENT_TYPE_PATTERN, 'must be *, a type like risk_alert.opened, or a prefix like risk_alert.*'))
  .min(1)
  .max(50)
  .refine((list) => new Set(list).size === list.length, { message: 'event_types must not repeat' })
  .openapi({ example: ['risk_alert.opened'], description: '`*`, exact types (`risk_alert.opened`) or prefixes (`risk_alert.*`). `webhook.*` events are never matched: a subscription gets only its own pings.' });

/** Body of a new subscription. */
export const WebhookCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: '门户通知模块' }),
    target: z.enum(WEBHOOK_TARGETS).openapi({ description: 'notification (REQ-011), marketing automation, or a host system' }),
    url: WebhookUrl,
    event_types: EventTypes,
  })
  .openapi('WebhookCreate');
export type WebhookCreate = z.infer<typeof WebhookCreate>;

/** A partial change of a subscription; its secret changes only through rotate-secret. */
export const WebhookUpdate = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    url: WebhookUrl.optional(),
    event_types: EventTypes.optional(),
    active: z.boolean().optional().openapi({ description: 'An inactive subscription gets no new deliveries; its pending ones wait until it is active again' }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one of name, url, event_types, active' })
  .openapi('WebhookUpdate');
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

/** A subscription as listed: never its secret. */
export const Webhook = z
  .object({
    id: z.number().int(),
    name: z.string(),
    target: z.enum(WEBHOOK_TARGETS),
    url: z.string(),
    event_types: z.array(z.string()),
    active: z.boolean(),
    created_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Webhook');
export type Webhook = z.infer<typeof Webhook>;

/** A subscription with its signing secret, shown this once (creation or rotation). */
export const WebhookWithSecret = Webhook.extend({
  secret: z.string().openapi({ description: 'HMAC-SHA256 key of `X-CRM-Signature`; shown once, stored encrypted', example: 'q3Jx…' }),
}).openapi('WebhookWithSecret');

export const WebhookPage = pageOf(Webhook, 'Webhook');

/** One event's delivery to one subscription. */
export const WebhookDelivery = z
  .object({
    id: z.number().int(),
    subscription_id: z.number().int(),
    event_id: z.number().int(),
    event_type: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable().openapi({ description: 'When a pending delivery is tried next; null once delivered or dead' }),
    last_attempt_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable().openapi({
      description: 'Why the last attempt failed, in fixed words only (never the receiver\'s answer): `http <status>`, `redirect not followed`, `timeout`, `connection failed`, `host not found`, `refused: private address`, `refused: unsupported URL`',
      example: 'http 503',
    }),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('WebhookDelivery');
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryPage = pageOf(WebhookDelivery, 'WebhookDelivery');

/** How an event reached one subscription, as other modules show it in their chains (risk alerts). */
export const WebhookDeliverySummary = z
  .object({
    subscription_id: z.number().int(),
    subscription_name: z.string(),
    target: z.enum(WEBHOOK_TARGETS),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    delivered_at: z.string().nullable(),
  })
  .openapi('WebhookDeliverySummary');
export type WebhookDeliverySummary = z.infer<typeof WebhookDeliverySummary>;

export const WebhookDeliveryListQuery = z
  .strictObject({ status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(), ...pageQuery })
  .openapi('WebhookDeliveryListQuery');
export type WebhookDeliveryListQuery = z.infer<typeof WebhookDeliveryListQuery>;

export const WebhookListQuery = z.strictObject({ ...pageQuery }).openapi('WebhookListQuery');
export type WebhookListQuery = z.infer<typeof WebhookListQuery>;

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const tags = ['webhooks'];
const adminNote = 'Takes `webhook:manage` (admins).';

export const createWebhookRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhooks',
  operationId: 'createWebhook',
  ...permission('webhook:manage'),
  tags,
  summary: 'Subscribe a URL to events; the signing secret is returned once',
  description: `Matching events are POSTed as JSON signed with \`X-CRM-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>\`, retried with backoff and dead-lettered after 8 attempts (docs/webhooks.md). A URL on a private, loopback or reserved address is 422 \`webhook.target_refused\`. ${adminNote}`,
  request: { body: json(WebhookCreate) },
  responses: { 201: jsonResponse(WebhookWithSecret, 'WebhookWithSecret', 'The subscription with its secret'), ...writeErrorResponses },
});

export const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/api/v1/webhooks',
  operationId: 'listWebhooks',
  ...permission('webhook:manage'),
  tags,
  summary: "The tenant's webhook subscriptions, newest first (never their secrets)",
  description: adminNote,
  request: { query: WebhookListQuery },
  responses: { 200: jsonResponse(WebhookPage, 'WebhookPage', 'A page of subscriptions'), ...errorResponses },
});

export const getWebhookRoute = createRoute({
  method: 'get',
  path: '/api/v1/webhooks/{id}',
  operationId: 'getWebhook',
  ...permission('webhook:manage'),
  tags,
  summary: 'One webhook subscription',
  description: adminNote,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Webhook, 'Webhook', 'The subscription'), ...errorResponses },
});

export const updateWebhookRoute = createRoute({
  method: 'patch',
  path: '/api/v1/webhooks/{id}',
  operationId: 'updateWebhook',
  ...permission('webhook:manage'),
  tags,
  summary: 'Rename, re-point, re-filter, pause or resume a subscription',
  description: `Pending deliveries go to the new URL; a URL on a private, loopback or reserved address is 422 \`webhook.target_refused\`. ${adminNote}`,
  request: { params: IdParam, body: json(WebhookUpdate) },
  responses: { 200: jsonResponse(Webhook, 'Webhook', 'The updated subscription'), ...writeErrorResponses },
});

export const deleteWebhookRoute = createRoute({
  method: 'delete',
  path: '/api/v1/webhooks/{id}',
  operationId: 'deleteWebhook',
  ...permission('webhook:manage'),
  tags,
  summary: 'Delete a subscription and its deliveries',
  description: `Nothing more is sent to it; the audit log keeps what it was. ${adminNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Webhook, 'Webhook', 'The deleted subscription'), ...writeErrorResponses },
});

export const rotateWebhookSecretRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/{id}/rotate-secret',
  operationId: 'rotateWebhookSecret',
  ...permission('webhook:manage'),
  tags,
  summary: 'Replace the signing secret; the new one is returned once',
  description: `Every delivery sent from now on, retries included, is signed with the new secret. ${adminNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(WebhookWithSecret, 'WebhookWithSecret', 'The subscription with its new secret'), ...writeErrorResponses },
});

export const pingWebhookRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/{id}/ping',
  operationId: 'pingWebhook',
  ...permission('webhook:manage'),
  tags,
  summary: 'Queue a `webhook.ping` delivery to this subscription only, to test the wiring',
  description: `The worker sends it on its next run like any delivery (signed, retried). ${adminNote}`,
  request: { params: IdParam },
  responses: { 202: jsonResponse(WebhookDelivery, 'WebhookDelivery', 'The queued delivery'), ...writeErrorResponses },
});

export const listWebhookDeliveriesRoute = createRoute({
  method: 'get',
  path: '/api/v1/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  ...permission('webhook:manage'),
  tags,
  summary: "A subscription's deliveries, newest first",
  description: `Filter by \`status\` (\`pending\`, \`delivered\`, \`dead\`); keyset-paginated. ${adminNote}`,
  request: { params: IdParam, query: WebhookDeliveryListQuery },
  responses: { 200: jsonResponse(WebhookDeliveryPage, 'WebhookDeliveryPage', 'A page of deliveries'), ...errorResponses },
});

export const redeliverWebhookRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhook-deliveries/{id}/redeliver',
  operationId: 'redeliverWebhookDelivery',
  ...permission('webhook:manage'),
  tags,
  summary: 'Send a dead or delivered delivery again',
  description: `It goes back to pending with its attempts reset and is sent on the worker's next run; a pending one is 409. ${adminNote}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(WebhookDelivery, 'WebhookDelivery', 'The delivery, pending again'), ...writeErrorResponses },
});
