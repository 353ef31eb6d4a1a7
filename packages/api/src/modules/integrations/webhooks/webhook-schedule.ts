/**
 * # Which events go where, and when to try again
 *
 * Pure rules of the webhook worker: pattern matching of subscriptions' `event_types` and the retry
 * schedule of failed deliveries.
 */

/** An event type pattern: `*`, an exact type (`risk_alert.opened`) or a prefix (`risk_alert.*`). */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/;

/** The webhook module's own events; they never fan out by pattern, so a dead letter cannot cause another. */
export const WEBHOOK_EVENT_PREFIX = 'webhook.';
/** The test event of `POST /webhooks/{id}/ping`: delivered to that subscription only. */
export const PING_EVENT = 'webhook.ping';

/** Attempts before a delivery is dead-lettered. */
export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3600_000;
const JITTER = 0.2;

/**
 * Whether an event type matches one of a subscription's patterns. `webhook.*` events never match a
 * pattern (not even `*`): they reach a subscription only as its own ping.
 * @example matchesEventType(['risk_alert.*'], 'risk_alert.opened') // true
 */
export function matchesEventType(patterns: readonly string[], type: string): boolean {
  if (type.startsWith(WEBHOOK_EVENT_PREFIX)) return false;
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/**
 * The wait after the `attempts`-th failed attempt: 30 s · 2^(attempts−1), capped at 6 h, spread ±20% by
 * `random` (0 ≤ r < 1) so receivers coming back up are not hit by every sender at once.
 * @example retryDelayMs(3, () => 0.5) // 120000
 */
export function retryDelayMs(attempts: number, random: () => number): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}
