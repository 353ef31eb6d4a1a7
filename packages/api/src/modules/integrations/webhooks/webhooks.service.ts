import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './webhooks.errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { isOutboundFailure, type OutboundPolicy } from '../../../platform/outbound-http.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { events } from '../../../platform/platform.schema.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { PING_EVENT } from './webhook-schedule.ts';
import { assertWebhookTarget } from './webhook-target.ts';
import type { Webhook, WebhookCreate, WebhookDelivery, WebhookDeliveryListQuery, WebhookDeliverySummary, WebhookListQuery, WebhookUpdate } from './webhooks.contract.ts';
import { webhookDeliveries, webhookSubscriptions, type WebhookDeliveryRow, type WebhookSubscriptionRow } from './webhooks.schema.ts';

type Page<T> = { items: T[]; next_cursor: string | null };
const localTime = (date: Date | null) => (date ? formatLocalDateTime(date) : null);

const present = (row: WebhookSubscriptionRow): Webhook => ({
  id: row.id,
  name: row.name,
  target: row.target,
  url: row.url,
  event_types: row.event_types,
  active: row.active,
  created_by: row.created_by,
  created_at: formatLocalDateTime(row.created_at),
  updated_at: formatLocalDateTime(row.updated_at),
});

/** What the audit log keeps of a subscription: never its secret, sealed or not. */
const auditView = (row: WebhookSubscriptionRow) => ({ id: row.id, name: row.name, target: row.target, url: row.url, event_types: row.event_types, active: row.active });

/** Rows written before failures had fixed reasons may hold a receiver's answer: only a fixed reason is shown. */
const shownError = (row: WebhookDeliveryRow) => {
  if (row.last_error === null || isOutboundFailure(row.last_error)) return row.last_error;
  return row.last_status_code === null ? 'connection failed' : `http ${row.last_status_code}`;
};

const presentDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  subscription_id: row.subscription_id,
  event_id: row.event_id,
  event_type: row.event_type,
  status: row.status,
  attempts: row.attempts,
  next_attempt_at: row.status === 'pending' ? formatLocalDateTime(row.next_attempt_at) : null,
  last_attempt_at: localTime(row.last_attempt_at),
  last_status_code: row.last_status_code,
  last_error: shownError(row),
  delivered_at: localTime(row.delivered_at),
  created_at: formatLocalDateTime(row.created_at),
});

/** A new signing secret: 32 random bytes, base64url (43 characters). */
const newSecret = () => randomBytes(32).toString('base64url');

async function findSubscription(scope: RequestScope, id: number, lock = false): Promise<WebhookSubscriptionRow> {
  const query = scope.tx.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), eq(webhookSubscriptions.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('webhook.not_found', { id });
  return row;
}

/**
 * Subscribes a URL to the tenant's events and returns the signing secret, the only time it is visible:
 * the database keeps it sealed under the key ring (the worker needs it back to sign, so no hash). A URL on
 * a private, loopback … address is refused (422) unless `targets` allows them.
 * @example const { secret } = await createWebhook(scope, { name: '通知模块', target: 'notification', url: 'https://portal/hook', event_types: ['risk_alert.*'] }, targets);
 */
export async function createWebhook(scope: RequestScope, input: WebhookCreate, targets: OutboundPolicy): Promise<Webhook & { secret: string }> {
  await assertWebhookTarget(input.url, targets);
  const secret = newSecret();
  const [row] = await scope.tx
    .insert(webhookSubscriptions)
    .values({ tenant_id: scope.tenantId, name: input.name, target: input.target, url: input.url, event_types: input.event_types, secret_enc: scope.keyRing.encrypt(secret), created_by: scope.principal.subject })
    .returning();
  await audit(scope, { action: 'webhook.created', entity_type: 'webhook_subscription', entity_id: row!.id, after: auditView(row!) });
  return { ...present(row!), secret };
}

/**
 * The tenant's subscriptions, newest first, keyset-paginated by id.
 * @example const { items, next_cursor } = await listWebhooks(scope, { limit: 20 });
 */
export async function listWebhooks(scope: RequestScope, query: WebhookListQuery): Promise<Page<Webhook>> {
  const cursor = decodeCursor(query.cursor);
  const rows = await scope.tx
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), cursor ? lt(webhookSubscriptions.id, cursor.id) : undefined))
    .orderBy(desc(webhookSubscriptions.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(present), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.id }) : null };
}

/**
 * One subscription of the caller's tenant (another tenant's is 404).
 * @example const hook = await getWebhook(scope, 4);
 */
export async function getWebhook(scope: RequestScope, id: number): Promise<Webhook> {
  return present(await findSubscription(scope, id));
}

/**
 * Applies a partial change (name, URL, patterns, active); the secret changes only by rotation. A new URL is
 * checked as on creation.
 * @example await updateWebhook(scope, 4, { active: false }, targets);
 */
export async function updateWebhook(scope: RequestScope, id: number, input: WebhookUpdate, targets: OutboundPolicy): Promise<Webhook> {
  if (input.url !== undefined) await assertWebhookTarget(input.url, targets);
  const before = await findSubscription(scope, id, true);
  const [after] = await scope.tx
    .update(webhookSubscriptions)
    .set({ ...input, updated_at: new Date() })
    .where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), eq(webhookSubscriptions.id, id)))
    .returning();
  await audit(scope, { action: 'webhook.updated', entity_type: 'webhook_subscription', entity_id: id, before: auditView(before), after: auditView(after!) });
  return present(after!);
}

/**
 * Deletes a subscription; its deliveries go with it (foreign key cascade).
 * @example const deleted = await deleteWebhook(scope, 4);
 */
export async function deleteWebhook(scope: RequestScope, id: number): Promise<Webhook> {
  const before = await findSubscription(scope, id, true);
  await scope.tx.delete(webhookSubscriptions).where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), eq(webhookSubscriptions.id, id)));
  await audit(scope, { action: 'webhook.deleted', entity_type: 'webhook_subscription', entity_id: id, before: auditView(before) });
  return present(before);
}

/**
 * Replaces the signing secret and returns the new one once; later sends, retries included, use it.
 * @example const { secret } = await rotateWebhookSecret(scope, 4);
 */
export async function rotateWebhookSecret(scope: RequestScope, id: number): Promise<Webhook & { secret: string }> {
  await findSubscription(scope, id, true);
  const secret = newSecret();
  const [row] = await scope.tx
    .update(webhookSubscriptions)
    .set({ secret_enc: scope.keyRing.encrypt(secret), updated_at: new Date() })
    .where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), eq(webhookSubscriptions.id, id)))
    .returning();
  await audit(scope, { action: 'webhook.secret_rotated', entity_type: 'webhook_subscription', entity_id: id, after: auditView(row!) });
  return { ...present(row!), secret };
}

/**
 * Queues a `webhook.ping` for one subscription: the outbox row and its delivery are written together
 * (the fan-out later meets the same pair and adds nothing), so the caller gets the delivery to watch.
 * @example const delivery = await pingWebhook(scope, 4, new Date()); // status 'pending'
 */
export async function pingWebhook(scope: RequestScope, id: number, now: Date): Promise<WebhookDelivery> {
  const subscription = await findSubscription(scope, id);
  const payload = { subscription_id: id, name: subscription.name, actor: scope.principal.subject, request_id: scope.requestId };
  const [event] = await scope.tx
    .insert(events)
    .values({ tenant_id: scope.tenantId, type: PING_EVENT, entity_type: 'webhook_subscription', entity_id: String(id), payload })
    .returning({ id: events.id });
  const [delivery] = await scope.tx
    .insert(webhookDeliveries)
    .values({ tenant_id: scope.tenantId, subscription_id: id, event_id: event!.id, event_type: PING_EVENT, next_attempt_at: now })
    .returning();
  await audit(scope, { action: 'webhook.pinged', entity_type: 'webhook_subscription', entity_id: id, after: { delivery_id: delivery!.id, event_id: event!.id } });
  return presentDelivery(delivery!);
}

/**
 * A subscription's deliveries, newest first, optionally of one status.
 * @example const dead = await listWebhookDeliveries(scope, 4, { status: 'dead', limit: 20 });
 */
export async function listWebhookDeliveries(scope: RequestScope, id: number, query: WebhookDeliveryListQuery): Promise<Page<WebhookDelivery>> {
  await findSubscription(scope, id);
  const cursor = decodeCursor(query.cursor);
  const rows = await scope.tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenant_id, scope.tenantId),
        eq(webhookDeliveries.subscription_id, id),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
        cursor ? lt(webhookDeliveries.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(presentDelivery), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: null, id: last.id }) : null };
}

/**
 * Sends a dead or delivered delivery again: pending, attempts reset, due now. A pending one is already
 * on its way (409).
 * @example await redeliverWebhook(scope, 31, new Date());
 */
export async function redeliverWebhook(scope: RequestScope, id: number, now: Date): Promise<WebhookDelivery> {
  const where = and(eq(webhookDeliveries.tenant_id, scope.tenantId), eq(webhookDeliveries.id, id));
  const [before] = await scope.tx.select().from(webhookDeliveries).where(where).for('update');
  if (!before) throw new ApiError('webhook_delivery.not_found', { id });
  if (before.status === 'pending') throw new ApiError('webhook_delivery.pending', { id });
  const [after] = await scope.tx.update(webhookDeliveries).set({ status: 'pending', attempts: 0, next_attempt_at: now, delivered_at: null }).where(where).returning();
  await audit(scope, { action: 'webhook_delivery.redelivered', entity_type: 'webhook_delivery', entity_id: id, before: { status: before.status, attempts: before.attempts }, after: { status: 'pending', attempts: 0 } });
  return presentDelivery(after!);
}

/**
 * How the events of one type about the given entities were delivered, per entity id: what other modules
 * show as the webhook step of their chains (a risk alert's `notified.webhooks`).
 * @example const byAlert = await deliveriesOfEvents(scope, 'risk_alert.opened', [12, 13]); byAlert.get('12')
 */
export async function deliveriesOfEvents(scope: RequestScope, type: string, entityIds: readonly (string | number)[]): Promise<Map<string, WebhookDeliverySummary[]>> {
  const result = new Map<string, WebhookDeliverySummary[]>();
  if (entityIds.length === 0) return result;
  const rows = await scope.tx
    .select({
      entity_id: events.entity_id,
      subscription_id: webhookDeliveries.subscription_id,
      subscription_name: webhookSubscriptions.name,
      target: webhookSubscriptions.target,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      last_status_code: webhookDeliveries.last_status_code,
      delivered_at: webhookDeliveries.delivered_at,
    })
    .from(events)
    .innerJoin(webhookDeliveries, and(eq(webhookDeliveries.tenant_id, events.tenant_id), eq(webhookDeliveries.event_id, events.id)))
    .innerJoin(webhookSubscriptions, and(eq(webhookSubscriptions.tenant_id, webhookDeliveries.tenant_id), eq(webhookSubscriptions.id, webhookDeliveries.subscription_id)))
    .where(and(eq(events.tenant_id, scope.tenantId), eq(events.type, type), inArray(events.entity_id, entityIds.map(String))))
    .orderBy(webhookDeliveries.id);
  for (const { entity_id, delivered_at, ...delivery } of rows) {
    result.set(entity_id, [...(result.get(entity_id) ?? []), { ...delivery, delivered_at: localTime(delivered_at) }]);
  }
  return result;
}
