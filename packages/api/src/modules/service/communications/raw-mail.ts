import { simpleParser, type AddressObject } from 'mailparser';
import { ApiError } from '../../../platform/errors.ts';
import './communications.errors.ts';
import { isApiInstant } from '../../../platform/time/iso-time.ts';
import { cleanStrings } from '../../../platform/storable-text.ts';
import { EmailIngest, type IngestCustomerRef } from './communication-ingest.contract.ts';

/** Every addressee of a header, groups flattened; entries without an address are dropped. */
function addressesOf(header: AddressObject | AddressObject[] | undefined): { address: string; name?: string }[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects
    .flatMap((o) => o.value.flatMap((a) => (a.group ? a.group : [a])))
    .filter((a) => a.address)
    .map((a) => ({ address: a.address!, ...(a.name ? { name: a.name } : {}) }));
}

/**
 * Parses a raw RFC 822 message (with `mailparser`) into the JSON form of the e-mail ingest, validated
 * by the same schema. A message without a usable Date header (none, unparsable, or outside 1900–2999) counts as sent now.
 * @example const mail = await emailFromMime(raw, { code: 'C0001' }, new Date());
 */
export async function emailFromMime(raw: string, customer: IngestCustomerRef | undefined, now: Date): Promise<EmailIngest> {
  if (raw.trim() === '') throw new ApiError('communication.mime_invalid', { reason: 'empty message' });
  let mail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  } catch (error) {
    throw new ApiError('communication.mime_invalid', { reason: error instanceof Error ? error.message : 'unparsable' });
  }
  const [from] = addressesOf(mail.from);
  if (!from) throw new ApiError('communication.mime_invalid', { reason: 'no From address' });
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : mail.references.split(/\s+/).filter(Boolean);
  // A mail may carry NUL or broken UTF-16 in any header or body: cleaned, not refused, since the sender
  // cannot be asked to fix it. The one deliberate exception to the edge's refusal (platform/input-guard.ts).
  const parsed = EmailIngest.safeParse(cleanStrings({
    message_id: mail.messageId,
    in_reply_to: mail.inReplyTo ?? null,
    references,
    from,
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    sent_at: (mail.date && !Number.isNaN(mail.date.getTime()) && isApiInstant(mail.date.toISOString()) ? mail.date : now).toISOString(),
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? 'attachment', content_type: a.contentType, size: a.size })),
    ...(customer ? { customer } : {}),
  }));
  if (!parsed.success) {
    throw new ApiError('request.invalid', { target: 'message/rfc822', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) });
  }
  return parsed.data;
}
