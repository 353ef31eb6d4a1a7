import { createRoute, z } from '@hono/zod-openapi';
import { jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { Communication, MAX_BODY_CHARS } from './communications.contract.ts';
import { IM_PLATFORMS } from './communications.schema.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** Attachment metadata kept per mail (the files themselves stay in the mail system). */
export const MAX_ATTACHMENTS = 50;

const exactlyOne = (ref: Record<string, unknown>) => Object.values(ref).filter((v) => v !== undefined).length === 1;

/** The customer a pushed message names, when the sender knows it: by id or code. */
export const IngestCustomerRef = z
  .strictObject({ id: z.number().int().positive().optional(), code: z.string().trim().min(1).max(50).optional() })
  .refine(exactlyOne, { message: 'give exactly one of id, code' })
  .openapi('IngestCustomerRef');
export type IngestCustomerRef = z.infer<typeof IngestCustomerRef>;

export const MailAddress = z.strictObject({ address: z.string().trim().email().max(254), name: z.string().trim().max(200).optional() }).openapi('MailAddress');

export const EmailIngest = z
  .strictObject({
    message_id: z.string().max(998).optional().openapi({ description: 'Required (422 `communication.message_id_missing` without it); compared trimmed, without <>, lower-case' }),
    in_reply_to: z.string().max(998).nullish(),
    references: z.array(z.string().max(998)).max(100).default([]),
    from: MailAddress,
    to: z.array(MailAddress).max(100).default([]),
    cc: z.array(MailAddress).max(100).default([]),
    subject: z.string().max(500).default(''),
    text: z.string().default('').openapi({ description: `The plain-text body; at most ${MAX_BODY_CHARS.toLocaleString('en')} characters (422 \`communication.body_too_large\`)` }),
    sent_at: isoInstant,
    attachments: z
      .array(z.strictObject({ filename: z.string().max(255), content_type: z.string().max(255), size: z.number().int().min(0) }))
      .max(MAX_ATTACHMENTS)
      .default([])
      .openapi({ description: 'Metadata only' }),
    customer: IngestCustomerRef.optional(),
  })
  .openapi('EmailIngest');
export type EmailIngest = z.infer<typeof EmailIngest>;

export const ImIngest = z
  .strictObject({
    platform: z.enum(IM_PLATFORMS),
    message_id: z.string().trim().min(1).max(200),
    chat_id: z.string().trim().min(1).max(200),
    sender: z
      .strictObject({
        contact_mobile: z.string().trim().min(5).max(30).optional(),
        contact_email: z.string().trim().email().max(254).optional(),
        name: z.string().trim().max(100).optional(),
      })
      .openapi({ description: 'Matched to a contact by mobile or e-mail (blind index)' }),
    customer: IngestCustomerRef.optional(),
    sent_at: isoInstant,
    text: z.string().openapi({ description: `At most ${MAX_BODY_CHARS.toLocaleString('en')} characters` }),
  })
  .openapi('ImIngest');
export type ImIngest = z.infer<typeof ImIngest>;

export const IngestResult = z
  .object({ outcome: z.enum(['created', 'unchanged']), communication: Communication })
  .openapi('CommunicationIngestResult');
export type IngestResult = z.infer<typeof IngestResult>;

/** For raw messages, which carry no JSON: the customer, when the mail system knows it. */
export const RawMailQuery = z.object({
  customer_id: z.coerce.number().int().positive().optional().openapi({ description: 'For message/rfc822 bodies: the customer, when known' }),
  customer_code: z.string().trim().min(1).max(50).optional().openapi({ description: 'For message/rfc822 bodies: the customer code, when known' }),
});

const tags = ['integrations'];
const resultResponse = jsonResponse(IngestResult, 'CommunicationIngestResult', 'Stored (`outcome: created`)');
const ingestResponses = {
  200: { ...resultResponse, description: 'Already stored with the same content (`outcome: unchanged`); nothing written' },
  201: resultResponse,
  ...writeErrorResponses,
};

export const ingestEmailRoute = createRoute({
  method: 'post',
  path: '/api/v1/integrations/emails',
  operationId: 'ingestEmail',
  ...permission('integration:write'),
  tags,
  summary: 'Push an e-mail from the mail system (JSON or raw RFC 822), idempotent by Message-ID',
  description: [
    'REQ-016-007. The body is required: either the mail as JSON, or the raw message (`Content-Type: message/rfc822`, parsed server-side; the customer may then be named by `customer_id` or `customer_code` in the query).',
    'Idempotent by Message-ID: the same message again answers 200 `unchanged` and writes nothing; the same Message-ID with different content answers 409 `communication.message_id_conflict`.',
    'Sender and recipients are matched to contacts by the e-mail blind index; the customer is the one named, else the one customer of the matched contacts (none 422 `communication.customer_unknown`, several 409 `communication.customer_ambiguous`). Inbound when the sender is a contact, outbound otherwise. Addresses that match nobody are stored sealed.',
    'Replies join the thread of the message they answer (In-Reply-To / References). At most 50 attachments (metadata only) and 100,000 characters of text. Needs `integration:write`.',
  ].join('\n\n'),
  request: {
    query: RawMailQuery,
    body: {
      description: 'The mail as JSON, or the raw RFC 822 message',
      content: {
        'application/json': { schema: EmailIngest },
        'message/rfc822': { schema: z.string().openapi({ description: 'A raw RFC 822 / MIME message' }) },
      },
    },
  },
  responses: ingestResponses,
});

export const ingestMessageRoute = createRoute({
  method: 'post',
  path: '/api/v1/integrations/messages',
  operationId: 'ingestInstantMessage',
  ...permission('integration:write'),
  tags,
  summary: 'Push an instant message (WeCom, DingTalk, WeChat), idempotent by platform and message id',
  description:
    'REQ-016-007. The same message again answers 200 `unchanged`; the same id with different content 409 `communication.message_id_conflict`. The sender is matched to a contact by mobile or e-mail (blind index); the customer is the one named, else the one of the matched contact. Messages of one chat share the thread `<platform>:<chat_id>`. Needs `integration:write`.',
  request: { body: { required: true, content: { 'application/json': { schema: ImIngest } } } },
  responses: ingestResponses,
});
