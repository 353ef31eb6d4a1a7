import { ok } from '../../../platform/http/envelope.ts';
import { ApiError } from '../../../platform/errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { ingestEmailRoute, ingestMessageRoute, type IngestResult } from './communication-ingest.contract.ts';
import { ingestEmail, ingestInstantMessage, type IngestOutcome } from './communication-ingest.service.ts';
import { presentCommunications } from './communications.service.ts';
import { emailFromMime } from './raw-mail.ts';

const RAW_MAIL = /^message\/rfc822\b/i;
const JSON_BODY = /^application\/([a-z-.]+\+)?json\b/i;

async function resultOf(scope: RequestScope, done: IngestOutcome): Promise<IngestResult> {
  const [communication] = await presentCommunications(scope, [done.row], { type: 'communication', id: done.row.id });
  return { outcome: done.outcome, communication: communication! };
}

const saved = { zh: '消息已保存', en: 'Message stored' };
const unchanged = { zh: '消息已存在，内容无变化', en: 'Message already stored, unchanged' };

/** REQ-016-007: e-mails and instant messages pushed by the mail system and the chat platforms. */
export const communicationIngestRoutes = createRouter()
  .openapi(ingestEmailRoute, async function ingestEmailHandler(c) {
    const scope = scopeOf(c);
    const type = c.req.header('content-type') ?? '';
    let mail;
    if (RAW_MAIL.test(type)) {
      const { customer_id: id, customer_code: code } = c.req.valid('query');
      const customer = id !== undefined ? { id } : code !== undefined ? { code } : undefined;
      mail = await emailFromMime(await c.req.text(), customer, new Date());
    } else if (JSON_BODY.test(type)) {
      const body = c.req.valid('json');
      // Typed as either declared content; only the JSON schema validates a JSON body.
      if (typeof body === 'string') throw new ApiError('request.invalid', { reason: 'a JSON object is expected' });
      mail = body;
    } else {
      // The body is optional in the route only so that raw messages reach the handler unparsed.
      throw new ApiError('request.unsupported_media_type', { accepted: ['application/json', 'message/rfc822'] });
    }
    const done = await ingestEmail(scope, mail);
    const result = await resultOf(scope, done);
    return done.outcome === 'created' ? ok(c, result, saved, 201) : ok(c, result, unchanged, 200);
  })
  .openapi(ingestMessageRoute, async function ingestMessageHandler(c) {
    const scope = scopeOf(c);
    const done = await ingestInstantMessage(scope, c.req.valid('json'));
    const result = await resultOf(scope, done);
    return done.outcome === 'created' ? ok(c, result, saved, 201) : ok(c, result, unchanged, 200);
  });
