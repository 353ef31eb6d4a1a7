/**
 * # Webhook worker
 *
 * Run by every API replica on a timer (and by `runWebhookDeliveries` in tests with a chosen clock), per tenant:
 * 1. Fan-out: the tenant's outbox events after its `webhooks` cursor (`event_cursors`) become one pending
 *    delivery per active subscription whose patterns match, and the cursor advances — one transaction,
 *    with the cursor row locked, so two replicas never fan out the same events and a crash redoes the
 *    batch (deliveries are unique per subscription and event, so nothing is queued twice).
 * 2. Send: due pending deliveries are claimed in a short transaction (`for update skip locked`; the claim
 *    moves `next_attempt_at` past the request timeout, a lease), POSTed signed outside any transaction
 *    through the guarded `postOutbound` (no private targets unless the operator allows them, no redirects),
 *    and their outcome — the status and a fixed reason, never the receiver's words — recorded in another.
 *    A crash between claim and outcome leaves the delivery pending and due again when the lease ends:
 *    retried, never lost; another replica skips it meanwhile.
 *
 * Failed attempts are retried with exponential backoff (`retryDelayMs`); after `MAX_ATTEMPTS` the delivery
 * is dead-lettered (a `webhook.dead_lettered` event, which fans out nowhere) until an admin redelivers it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { emitEvents } from '../../../platform/events.ts';
import { postOutbound, type HostResolver, type OutboundFailure } from '../../../platform/outbound-http.ts';
import { events } from '../../../platform/platform.schema.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { advanceEventCursor, inTenantJob, jobTenants, lockEventCursor, type JobTenant } from '../../../platform/tenant-jobs.ts';
import { signWebhook } from './webhook-signature.ts';
import { matchesEventType, MAX_ATTEMPTS, PING_EVENT, retryDelayMs } from './webhook-schedule.ts';
import { webhookDeliveries, webhookSubscriptions } from './webhooks.schema.ts';

export type WebhookJobDeps = {
  db: Db;
  keyRing: KeyRing;
  logger?: Logger;
  /** `CRM_WEBHOOK_ALLOW_PRIVATE`: targets on private, loopback, link-local … addresses are sent to; false by default. */
  allowPrivate?: boolean;
  /** How target host names are resolved; DNS by default, a table in tests. */
  resolveHost?: HostResolver;
  /** 0 ≤ r < 1 for the backoff jitter; `Math.random` by default. */
  random?: () => number;
};

/** What one run did, for logs and tests. */
export type WebhookRunReport = { tenants: number; events: number; queued: number; sent: number; delivered: number; retried: number; dead: number; failures: number };

const CONSUMER = 'webhooks';
const EVENT_BATCH = 1_000;
const SEND_BATCH = 100;
const SEND_CONCURRENCY = 10;
/** How long a receiver has to answer. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How long a claimed delivery is left alone by other replicas: longer than any request may take. */
const LEASE_MS = 6 * REQUEST_TIMEOUT_MS;
/**
 * Events younger than this (by their transaction's start) are left for the next run. Outbox ids are
 * taken at insert but become visible at commit, so a transaction still open can commit an id below
 * the cursor; waiting this long means no event of a transaction shorter than half of it is ever skipped.
 */
export const EVENT_SETTLE_MS = 30_000;

const inTenant = <T>(deps: WebhookJobDeps, tenant: JobTenant, runId: string, work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'webhooks', runId, work);

/** One batch of new events turned into deliveries; returns how many events were read (settled ones only). */
async function fanOut(scope: RequestScope, now: Date, report: WebhookRunReport): Promise<number> {
  const after = await lockEventCursor(scope, CONSUMER);
  const rows = await scope.tx
    .select({ id: events.id, type: events.type, entity_id: events.entity_id, occurred_at: events.occurred_at })
    .from(events)
    .where(and(eq(events.tenant_id, scope.tenantId), sql`${events.id} > ${after}`))
    .orderBy(events.id)
    .limit(EVENT_BATCH);
  const horizon = now.getTime() - EVENT_SETTLE_MS;
  const fresh = rows.findIndex((row) => row.occurred_at.getTime() > horizon);
  const settled = fresh < 0 ? rows : rows.slice(0, fresh);
  if (settled.length === 0) return 0;
  const subscriptions = await scope.tx
    .select({ id: webhookSubscriptions.id, event_types: webhookSubscriptions.event_types })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), eq(webhookSubscriptions.active, true)));
  const deliveries = settled.flatMap((event) =>
    subscriptions
      .filter((s) => (event.type === PING_EVENT ? event.entity_id === String(s.id) : matchesEventType(s.event_types, event.type)))
      .map((s) => ({ tenant_id: scope.tenantId, subscription_id: s.id, event_id: event.id, event_type: event.type, next_attempt_at: now })),
  );
  if (deliveries.length) {
    const inserted = await scope.tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing().returning({ id: webhookDeliveries.id });
    report.queued += inserted.length;
  }
  await advanceEventCursor(scope, CONSUMER, settled.at(-1)!.id, now);
  report.events += settled.length;
  // A batch cut short by a fresh event is the last one of this run.
  return settled.length === rows.length ? settled.length : 0;
}

/** A claimed delivery, ready to send: everything the request needs, read in the claim transaction. */
type Claimed = { id: number; attempts: number; url: string; secret: string; eventType: string; body: string };

/** Claims up to `SEND_BATCH` due deliveries of active subscriptions: leased, their requests prepared. */
async function claim(scope: RequestScope, now: Date): Promise<Claimed[]> {
  const due = rawRows<{ id: unknown }>(
    await scope.tx.execute(sql`
      select d.id from webhook_deliveries d
      join webhook_subscriptions s on s.tenant_id = d.tenant_id and s.id = d.subscription_id and s.active
      where d.tenant_id = ${scope.tenantId} and d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}
      order by d.next_attempt_at, d.id
      limit ${SEND_BATCH}
      for update of d skip locked`),
  ).map((row) => Number(row.id));
  if (due.length === 0) return [];
  const leased = await scope.tx
    .update(webhookDeliveries)
    .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS), last_attempt_at: now })
    .where(and(eq(webhookDeliveries.tenant_id, scope.tenantId), inArray(webhookDeliveries.id, due)))
    .returning();
  const subscriptionIds = [...new Set(leased.map((d) => d.subscription_id))];
  const eventIds = [...new Set(leased.map((d) => d.event_id))];
  const subscriptions = await scope.tx.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.tenant_id, scope.tenantId), inArray(webhookSubscriptions.id, subscriptionIds)));
  const eventRows = await scope.tx.select().from(events).where(and(eq(events.tenant_id, scope.tenantId), inArray(events.id, eventIds)));
  const subscriptionOf = new Map(subscriptions.map((s) => [s.id, { url: s.url, secret: scope.keyRing.decrypt(s.secret_enc) }]));
  const eventOf = new Map(eventRows.map((e) => [e.id, e]));
  return leased.flatMap((delivery) => {
    const subscription = subscriptionOf.get(delivery.subscription_id);
    const event = eventOf.get(delivery.event_id);
    if (!subscription || !event) return [];
    const body = JSON.stringify({ id: event.id, type: event.type, occurred_at: event.occurred_at.toISOString(), tenant_id: event.tenant_id, entity_type: event.entity_type, entity_id: event.entity_id, data: event.payload });
    return [{ id: delivery.id, attempts: delivery.attempts, url: subscription.url, secret: subscription.secret, eventType: event.type, body }];
  });
}

type Outcome = { delivered: boolean; statusCode: number | null; error: OutboundFailure | null };

/** One signed POST; any answer but 2xx (redirects included), a refused target, a network error or a timeout is a failure. */
async function send(deps: WebhookJobDeps, delivery: Claimed, now: Date): Promise<Outcome> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'crm-webhooks/1',
    'X-CRM-Event': delivery.eventType,
    'X-CRM-Delivery': String(delivery.id),
    'X-CRM-Timestamp': String(timestamp),
    'X-CRM-Signature': signWebhook(delivery.secret, timestamp, delivery.body),
  };
  const outcome = await postOutbound(delivery.url, { headers, body: delivery.body, timeoutMs: REQUEST_TIMEOUT_MS }, { allowPrivate: deps.allowPrivate ?? false, resolveHost: deps.resolveHost });
  return { delivered: outcome.ok, statusCode: outcome.status, error: outcome.failure };
}

/** Records the outcomes of one claim; a delivery claimed again by someone else meanwhile is left to them. */
async function record(deps: WebhookJobDeps, scope: RequestScope, results: readonly { delivery: Claimed; outcome: Outcome }[], now: Date, report: WebhookRunReport): Promise<void> {
  const deadLettered: { id: number; event_type: string; attempts: number; error: string | null }[] = [];
  for (const { delivery, outcome } of results) {
    const attempts = delivery.attempts + 1;
    const dead = !outcome.delivered && attempts >= MAX_ATTEMPTS;
    const change = outcome.delivered
      ? { status: 'delivered' as const, delivered_at: now, last_error: null }
      : dead
        ? { status: 'dead' as const, last_error: outcome.error }
        : { next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts, deps.random ?? Math.random)), last_error: outcome.error };
    const updated = await scope.tx
      .update(webhookDeliveries)
      .set({ ...change, attempts, last_status_code: outcome.statusCode })
      .where(and(eq(webhookDeliveries.tenant_id, scope.tenantId), eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, 'pending'), eq(webhookDeliveries.last_attempt_at, now)))
      .returning({ id: webhookDeliveries.id });
    if (updated.length === 0) continue;
    report.sent += 1;
    if (outcome.delivered) report.delivered += 1;
    else if (dead) report.dead += 1;
    else report.retried += 1;
    if (dead) deadLettered.push({ id: delivery.id, event_type: delivery.eventType, attempts, error: outcome.error });
  }
  await emitEvents(
    scope,
    deadLettered.map((d) => ({ type: 'webhook.dead_lettered', entity_type: 'webhook_delivery', entity_id: d.id, payload: { event_type: d.event_type, attempts: d.attempts, last_error: d.error } })),
  );
}

/** Runs `work` over `items` with at most `limit` at a time, results in order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * One pass over every tenant at `now`: fan out new events, then send what is due. A failure in one
 * tenant is logged and counted; the others go on.
 * @example const report = await runWebhookDeliveries({ db, keyRing }, new Date());
 */
export async function runWebhookDeliveries(deps: WebhookJobDeps, now: Date): Promise<WebhookRunReport> {
  const report: WebhookRunReport = { tenants: 0, events: 0, queued: 0, sent: 0, delivered: 0, retried: 0, dead: 0, failures: 0 };
  const runId = `webhooks-${now.toISOString()}`;
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    try {
      while ((await inTenant(deps, tenant, runId, (scope) => fanOut(scope, now, report))) === EVENT_BATCH);
      for (;;) {
        const claimed = await inTenant(deps, tenant, runId, (scope) => claim(scope, now));
        if (claimed.length === 0) break;
        const outcomes = await pooled(claimed, SEND_CONCURRENCY, (delivery) => send(deps, delivery, now));
        await inTenant(deps, tenant, runId, (scope) => record(deps, scope, claimed.map((delivery, i) => ({ delivery, outcome: outcomes[i]! })), now, report));
        if (claimed.length < SEND_BATCH) break;
      }
    } catch (error) {
      report.failures += 1;
      deps.logger?.warn({ err: error, tenant_id: tenant.id }, 'webhook deliveries failed');
    }
  }
  return report;
}
