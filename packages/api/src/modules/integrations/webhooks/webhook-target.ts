import type { AppDeps } from '../../../platform/app-env.ts';
import { ApiError } from '../../../platform/errors.ts';
import './webhooks.errors.ts';
import { vetOutboundUrl, type OutboundPolicy } from '../../../platform/outbound-http.ts';

/** How long a new target's host name may take to resolve before it is accepted unchecked. */
const TARGET_LOOKUP_MS = 3_000;

/**
 * The operator's rule for webhook targets (`CRM_WEBHOOK_ALLOW_PRIVATE`) with the app's resolver.
 * @example const targets = webhookTargetPolicy(c.var.deps);
 */
export const webhookTargetPolicy = (deps: Pick<AppDeps, 'config' | 'resolveHost'>): OutboundPolicy => ({ allowPrivate: deps.config.CRM_WEBHOOK_ALLOW_PRIVATE, resolveHost: deps.resolveHost });

/**
 * Refuses a subscription URL whose host is, or resolves to, an address that is not public (loopback, private,
 * link-local, multicast, reserved …): 422 `webhook.target_refused` with `{ field: 'url', reason }`. The
 * resolved addresses are not told: they would map the internal network for the tenant.
 * @example await assertWebhookTarget('http://127.0.0.1.nip.io/hook', targets); // throws
 */
export async function assertWebhookTarget(url: string, targets: OutboundPolicy): Promise<void> {
  if (targets.allowPrivate) return;
  const vetting = await vetOutboundUrl(url, targets, AbortSignal.timeout(TARGET_LOOKUP_MS));
  // A host that does not resolve (yet) is accepted: every delivery is vetted again before it connects.
  if (!vetting.ok && vetting.reason === 'private address') throw new ApiError('webhook.target_refused', { field: 'url', reason: vetting.reason });
}
