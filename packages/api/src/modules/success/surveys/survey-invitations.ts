/**
 * # Survey invitations
 *
 * Tokens: `s<tenantId>.<base64url of 32 random bytes>`. Only the SHA-256 of the whole token is stored; the
 * tenant prefix lets the public endpoint open the right tenant transaction before looking the hash up (row
 * level security hides every other tenant). Inviting: one invitation per customer for its primary contact (or
 * the customer itself without contacts), throttled when that contact was surveyed within `throttle_days`,
 * and sent on the campaign's channel in the caller's transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { events } from '../../../platform/platform.schema.ts';
import { auditMany } from '../../../platform/audit.ts';
import { emitEvents } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory } from '../../customers/contacts/contacts.public.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { notify } from '../notifications/notifications.public.ts';
import { surveyInvitations, type surveyCampaigns } from './surveys.schema.ts';

type CampaignRow = typeof surveyCampaigns.$inferSelect;
const DAY_MS = 86_400_000;
const CHUNK = 1_000;

/**
 * A new random invitation token for a tenant and the hash that is stored.
 * @example const { token, hash } = newSurveyToken(7); // token 's7.Xk…', hash 64 hex characters
 */
export function newSurveyToken(tenantId: number): { token: string; hash: string } {
  const token = `s${tenantId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSurveyToken(token) };
}

/** @example hashSurveyToken('s7.abc') // 64 hex characters */
export const hashSurveyToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The tenant a well-formed token names, or null for anything else (which then matches no invitation).
 * @example tenantOfToken('s7.' + 'A'.repeat(43)) // 7
 */
export function tenantOfToken(token: string): number | null {
  const match = /^s([1-9][0-9]{0,11})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? Number(match[1]) : null;
}

/** The answer link of a token under the configured public base URL (or the site root). */
export const surveyLink = (linkBase: string, token: string): string => `${linkBase.endsWith('/') ? linkBase : `${linkBase}/`}survey/${token}`;

/**
 * The answer links a campaign sent, by customer, read from its `survey.invitation_sent` events as the notification
 * module receives them: the API never shows a token again. For the demo seed (which prints one) and tests.
 * @example (await sentSurveyLinks(db, 7, 3)).get(12) // 'https://portal.example.cn/survey/s7.Xk…'
 */
export async function sentSurveyLinks(db: Db, tenantId: number, campaignId: number): Promise<Map<number, string>> {
  const sent = await db
    .select({ customerId: sql<string>`${events.payload}->>'customer_id'`, link: sql<string | null>`${events.payload}->>'link'` })
    .from(events)
    .where(and(eq(events.tenant_id, tenantId), eq(events.type, 'survey.invitation_sent'), sql`${events.payload}->>'campaign_id' = ${String(campaignId)}`));
  return new Map(sent.filter((row) => row.link !== null).map((row) => [Number(row.customerId), row.link!]));
}

/** The token of an answer link. */
export const tokenOfLink = (link: string): string => link.slice(link.lastIndexOf('/survey/') + '/survey/'.length);

export type InviteResult = { invited: number; throttled: number };

/**
 * Invites customers to a running campaign now: one invitation per customer (primary contact or none);
 * customers already invited to this campaign are skipped (unique key), contacts surveyed by any campaign
 * within `throttle_days` are recorded as `throttled` and not sent. Sent invitations emit
 * `survey.invitation_sent` (with the link for e-mail and widget channels; the token appears nowhere else)
 * and, on the portal channel, notify the customer's portal users in-app.
 * @example await inviteCustomers(scope, campaign, [12, 13], new Date(), 'https://crm.example.com/')
 */
export async function inviteCustomers(scope: RequestScope, campaign: CampaignRow, customerIds: readonly number[], now: Date, linkBase: string): Promise<InviteResult> {
  const result: InviteResult = { invited: 0, throttled: 0 };
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = await inviteChunk(scope, campaign, unique.slice(i, i + CHUNK), now, linkBase);
    result.invited += part.invited;
    result.throttled += part.throttled;
  }
  return result;
}

async function inviteChunk(scope: RequestScope, campaign: CampaignRow, ids: number[], now: Date, linkBase: string): Promise<InviteResult> {
  const targets = await scope.tx
    .select({ customer_id: customerDirectory.id, contact_id: contactDirectory.id })
    .from(customerDirectory)
    .leftJoin(contactDirectory, and(eq(contactDirectory.tenant_id, customerDirectory.tenant_id), eq(contactDirectory.customer_id, customerDirectory.id), eq(contactDirectory.is_primary, true)))
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), inArray(customerDirectory.id, ids)));
  if (targets.length === 0) return { invited: 0, throttled: 0 };

  const recent = new Set<string>();
  if (campaign.throttle_days > 0) {
    const contactIds = targets.flatMap((t) => (t.contact_id === null ? [] : [t.contact_id]));
    const bare = targets.filter((t) => t.contact_id === null).map((t) => t.customer_id);
    const who = [contactIds.length ? inArray(surveyInvitations.contact_id, contactIds) : undefined, bare.length ? and(isNull(surveyInvitations.contact_id), inArray(surveyInvitations.customer_id, bare)) : undefined].filter(Boolean);
    const rows = await scope.tx
      .select({ customer_id: surveyInvitations.customer_id, contact_id: surveyInvitations.contact_id })
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.tenant_id, scope.tenantId), isNotNull(surveyInvitations.sent_at), gte(surveyInvitations.sent_at, new Date(now.getTime() - campaign.throttle_days * DAY_MS)), or(...who)));
    for (const row of rows) recent.add(row.contact_id === null ? `customer:${row.customer_id}` : `contact:${row.contact_id}`);
  }

  const expiresAt = new Date(now.getTime() + campaign.token_ttl_days * DAY_MS);
  const tokens = new Map<string, string>();
  const values = targets.map((t) => {
    const { token, hash } = newSurveyToken(scope.tenantId);
    tokens.set(`${t.customer_id}:${t.contact_id ?? 0}`, token);
    const throttled = recent.has(t.contact_id === null ? `customer:${t.customer_id}` : `contact:${t.contact_id}`);
    return { tenant_id: scope.tenantId, campaign_id: campaign.id, customer_id: t.customer_id, contact_id: t.contact_id, token_hash: hash, status: throttled ? 'throttled' : 'sent', expires_at: expiresAt, sent_at: throttled ? null : now };
  });
  const inserted = await scope.tx
    .insert(surveyInvitations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: surveyInvitations.id, customer_id: surveyInvitations.customer_id, contact_id: surveyInvitations.contact_id, status: surveyInvitations.status });
  const sent = inserted.filter((r) => r.status === 'sent');
  await sendInvitations(scope, campaign, sent, (r) => tokens.get(`${r.customer_id}:${r.contact_id ?? 0}`)!, 'survey.invitation_sent', linkBase, expiresAt);
  await auditMany(scope, inserted.map((r) => ({ action: 'survey_invitation.created', entity_type: 'survey_invitation', entity_id: r.id, after: { campaign_id: campaign.id, customer_id: r.customer_id, contact_id: r.contact_id, status: r.status } })));
  return { invited: sent.length, throttled: inserted.length - sent.length };
}

/** An invitation to deliver; `round` is 0 for the invitation and n for the n-th reminder. */
type SentInvitation = { id: number; customer_id: number; contact_id: number | null; round?: number };

/**
 * Delivers invitations (or reminders) on the campaign's channel: events for the notification module and
 * hosts, plus in-app notifications for portal users on the portal channel. `tokenOf` gives the token for
 * the link (e-mail and widget only); a reminder has no token (only its hash is kept), so it links nothing
 * new and the notification module reuses the first link it received.
 */
export async function sendInvitations(scope: RequestScope, campaign: CampaignRow, sent: readonly SentInvitation[], tokenOf: ((r: SentInvitation) => string) | null, type: 'survey.invitation_sent' | 'survey.reminder_sent', linkBase: string, expiresAt: Date | null): Promise<void> {
  if (sent.length === 0) return;
  const withLink = campaign.channel !== 'portal' && tokenOf !== null;
  await emitEvents(
    scope,
    sent.map((r) => ({
      type,
      entity_type: 'survey_invitation',
      entity_id: r.id,
      payload: { campaign_id: campaign.id, campaign_name: campaign.name, customer_id: r.customer_id, contact_id: r.contact_id, channel: campaign.channel, ...(expiresAt ? { expires_at: expiresAt.toISOString() } : {}), ...(withLink ? { link: surveyLink(linkBase, tokenOf(r)) } : {}) },
    })),
  );
  if (campaign.channel !== 'portal') return;
  const portalUsers = await scope.tx
    .select({ id: users.id, customer_id: users.customer_id })
    .from(users)
    .where(and(eq(users.tenant_id, scope.tenantId), inArray(users.customer_id, sent.map((r) => r.customer_id))));
  for (const invitation of sent) {
    const recipients = portalUsers.filter((u) => u.customer_id === invitation.customer_id).map((u) => u.id);
    await notify(scope, {
      recipient_ids: recipients,
      kind: type,
      title: type === 'survey.invitation_sent' ? { zh: `满意度调查：${campaign.name}`, en: `Satisfaction survey: ${campaign.name}` } : { zh: `提醒：请完成满意度调查「${campaign.name}」`, en: `Reminder: please answer "${campaign.name}"` },
      entity_type: 'survey_invitation',
      entity_id: invitation.id,
      data: { invitation_id: invitation.id, campaign_id: campaign.id },
      dedupe_key: `${type}:${invitation.id}:${invitation.round ?? 0}`,
    });
  }
}
