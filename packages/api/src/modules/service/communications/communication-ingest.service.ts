import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import './communications.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { contactsByChannel, sealedParticipant, type ContactMatch } from './communication-participants.ts';
import type { EmailIngest, ImIngest, IngestCustomerRef } from './communication-ingest.contract.ts';
import { communicationKeys, communications, type CommunicationParticipant, type CommunicationRow } from './communications.schema.ts';
import { assertTextSize, insertCommunication, type NewCommunication } from './communications.service.ts';

/**
 * A Message-ID as compared and stored: trimmed, without angle brackets, lower-case.
 * @example normaliseMessageId(' <ABC@Mail.Example.cn> ') // 'abc@mail.example.cn'
 */
export const normaliseMessageId = (id: string): string => id.trim().replace(/^<+/, '').replace(/>+$/, '').trim().toLowerCase();

/** The longest key `communication_keys` holds. */
const MAX_KEY = 300;

/** A hash of what the source said, to tell a repeat (unchanged) from a different message with the same id (conflict). */
const contentHash = (content: unknown): string => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export type IngestOutcome = { outcome: 'created' | 'unchanged'; row: CommunicationRow };

/**
 * Serialises pushes of one source key for the transaction, then answers the stored communication when
 * the key is known: `unchanged` for the same content, 409 for different content (a clear answer, never a
 * silent overwrite). `null` when the key is new.
 */
async function existingByKey(scope: RequestScope, source: string, externalId: string, hash: string): Promise<IngestOutcome | null> {
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm.communication.${source}.${externalId}`}), ${scope.tenantId}::int)`);
  const [key] = await scope.tx
    .select()
    .from(communicationKeys)
    .where(and(eq(communicationKeys.tenant_id, scope.tenantId), eq(communicationKeys.source, source), eq(communicationKeys.external_id, externalId)));
  if (!key) return null;
  const [row] = await scope.tx
    .select()
    .from(communications)
    .where(and(eq(communications.tenant_id, scope.tenantId), eq(communications.occurred_at, key.occurred_at), eq(communications.id, key.communication_id)));
  if (row && row.details.content_hash === hash) return { outcome: 'unchanged', row };
  throw new ApiError('communication.message_id_conflict', { source, message_id: externalId, communication_id: key.communication_id });
}

/** The customer: the one named (and visible), else the single customer of the matched contacts. */
async function resolveCustomer(scope: RequestScope, ref: IngestCustomerRef | undefined, matches: readonly ContactMatch[]): Promise<number> {
  if (ref) {
    const [row] = await scope.tx
      .select({ id: customerDirectory.id })
      .from(customerDirectory)
      .where(and(visibleCustomers(scope, customerDirectory), ref.id !== undefined ? eq(customerDirectory.id, ref.id) : eq(customerDirectory.customer_code, ref.code!)));
    if (!row) throw new ApiError('communication.customer_unknown', { customer: ref });
    return row.id;
  }
  const ids = [...new Set(matches.map((m) => m.customer_id))];
  if (ids.length === 0) throw new ApiError('communication.customer_unknown', { reason: 'no contact matches the addresses' });
  if (ids.length > 1) throw new ApiError('communication.customer_ambiguous', { customer_ids: ids });
  const [visible] = await scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(and(visibleCustomers(scope, customerDirectory), eq(customerDirectory.id, ids[0]!)));
  if (!visible) throw new ApiError('communication.customer_unknown', { reason: 'no visible customer' });
  return visible.id;
}

/** The thread of a message: that of the message it answers, if stored, else its first reference, else its own id. */
async function threadKeyOf(scope: RequestScope, messageId: string, parents: readonly string[], references: readonly string[]): Promise<string> {
  if (parents.length > 0) {
    const rows = await scope.tx
      .select({ external_id: communicationKeys.external_id, thread_key: communications.thread_key })
      .from(communicationKeys)
      .innerJoin(communications, and(eq(communications.tenant_id, communicationKeys.tenant_id), eq(communications.occurred_at, communicationKeys.occurred_at), eq(communications.id, communicationKeys.communication_id)))
      .where(and(eq(communicationKeys.tenant_id, scope.tenantId), eq(communicationKeys.source, 'email'), inArray(communicationKeys.external_id, [...parents])));
    for (const parent of parents) {
      const found = rows.find((r) => r.external_id === parent && r.thread_key);
      if (found) return found.thread_key!;
    }
  }
  return references[0] ?? parents[0] ?? messageId;
}

async function store(scope: RequestScope, source: string, externalId: string, values: NewCommunication): Promise<IngestOutcome> {
  const row = await insertCommunication(scope, { ...values, source, external_id: externalId });
  await scope.tx.insert(communicationKeys).values({ tenant_id: scope.tenantId, source, external_id: externalId, communication_id: row.id, occurred_at: row.occurred_at });
  return { outcome: 'created', row };
}

/**
 * Stores an e-mail pushed by the mail system, once per Message-ID.
 * @example const { outcome, row } = await ingestEmail(scope, mail); // outcome 'created' | 'unchanged'
 */
export async function ingestEmail(scope: RequestScope, mail: EmailIngest): Promise<IngestOutcome> {
  const messageId = normaliseMessageId(mail.message_id ?? '');
  if (messageId === '') throw new ApiError('communication.message_id_missing');
  const references = mail.references.map(normaliseMessageId).filter((id) => id !== '' && id.length <= MAX_KEY);
  const inReplyTo = mail.in_reply_to ? normaliseMessageId(mail.in_reply_to) : null;
  if (messageId.length > MAX_KEY || (inReplyTo && inReplyTo.length > MAX_KEY)) throw new ApiError('request.invalid', { reason: `Message-ID longer than ${MAX_KEY} characters` });
  assertTextSize({ text: mail.text });

  const sentAt = new Date(mail.sent_at);
  const lower = (a: { address: string; name?: string }) => ({ address: a.address.toLowerCase(), name: a.name ?? null });
  const hash = contentHash([lower(mail.from), mail.to.map(lower), mail.cc.map(lower), mail.subject, mail.text, sentAt.getTime(), mail.attachments, inReplyTo, references]);
  const existing = await existingByKey(scope, 'email', messageId, hash);
  if (existing) return existing;

  const parties = [{ role: 'from' as const, ...mail.from }, ...mail.to.map((a) => ({ role: 'to' as const, ...a })), ...mail.cc.map((a) => ({ role: 'cc' as const, ...a }))];
  const matches = await Promise.all(parties.map((p) => contactsByChannel(scope, 'email', p.address)));
  const customerId = await resolveCustomer(scope, mail.customer, matches.flat());
  const participants: CommunicationParticipant[] = parties.map((party, i) => {
    const contact = matches[i]!.find((m) => m.customer_id === customerId);
    return contact ? { role: party.role, contact_id: contact.contact_id } : sealedParticipant(scope, party.role, party.address, party.name);
  });
  const parents = [...new Set([...(inReplyTo ? [inReplyTo] : []), ...references])];
  return store(scope, 'email', messageId, {
    customer_id: customerId,
    kind: 'email',
    direction: participants[0]!.contact_id ? 'inbound' : 'outbound',
    channel: 'email',
    subject: mail.subject || null,
    body: mail.text,
    occurred_at: sentAt,
    participants,
    details: { message_id: messageId, in_reply_to: inReplyTo, references, attachments: mail.attachments, content_hash: hash },
    thread_key: await threadKeyOf(scope, messageId, parents, references),
  });
}

/**
 * Stores an instant message pushed by WeCom, DingTalk or WeChat, once per platform and message id.
 * @example await ingestInstantMessage(scope, { platform: 'wecom', message_id: 'm1', chat_id: 'c1', sender: { contact_mobile: '13800138000' }, sent_at, text: '你好' })
 */
export async function ingestInstantMessage(scope: RequestScope, message: ImIngest): Promise<IngestOutcome> {
  assertTextSize({ text: message.text });
  const sentAt = new Date(message.sent_at);
  const hash = contentHash([message.chat_id, message.sender.contact_mobile ?? null, message.sender.contact_email?.toLowerCase() ?? null, message.sender.name ?? null, message.text, sentAt.getTime()]);
  const existing = await existingByKey(scope, message.platform, message.message_id, hash);
  if (existing) return existing;

  const { contact_mobile: mobile, contact_email: email, name } = message.sender;
  const matches = [...(mobile ? await contactsByChannel(scope, 'mobile', mobile) : []), ...(email ? await contactsByChannel(scope, 'email', email) : [])];
  const customerId = await resolveCustomer(scope, message.customer, matches);
  const contact = matches.find((m) => m.customer_id === customerId);
  const sender: CommunicationParticipant = contact
    ? { role: 'from', contact_id: contact.contact_id }
    : mobile
      ? sealedParticipant(scope, 'from', mobile, name, 'mobile')
      : email
        ? sealedParticipant(scope, 'from', email, name)
        : { role: 'from', ...(name ? { name } : {}) };
  return store(scope, message.platform, message.message_id, {
    customer_id: customerId,
    kind: 'im',
    direction: contact ? 'inbound' : 'outbound',
    channel: message.platform,
    body: message.text,
    occurred_at: sentAt,
    participants: [sender],
    details: { chat_id: message.chat_id, content_hash: hash },
    thread_key: `${message.platform}:${message.chat_id}`,
  });
}
