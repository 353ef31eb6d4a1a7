import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { batchTicketsRoute, upsertTicketRoute } from './ticket-ingest.contract.ts';
import { upsertTicket, upsertTicketBatch } from './ticket-ingest.service.ts';

/** REQ-016-003 / REQ-003: service records pushed by the ticket module, idempotent by source and ticket id. */
export const ticketIngestRoutes = createRouter()
  .openapi(batchTicketsRoute, async function batchTicketsHandler(c) {
    const { source, items } = c.req.valid('json');
    return ok(c, await upsertTicketBatch(scopeOf(c), source, items, new Date()), undefined, 200);
  })
  .openapi(upsertTicketRoute, async function upsertTicketHandler(c) {
    const { source, external_id } = c.req.valid('param');
    const result = await upsertTicket(scopeOf(c), source, external_id, c.req.valid('json'), new Date());
    const message = result.outcome === 'unchanged' ? { zh: '服务记录无变化', en: 'Service record unchanged' } : { zh: '服务记录已保存', en: 'Service record saved' };
    return ok(c, result, message, 200);
  });
