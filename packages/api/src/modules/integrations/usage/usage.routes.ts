import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { customerUsageRoute, recordUsageEventsRoute } from './usage.contract.ts';
import { customerUsage, recordUsageEvents } from './usage.service.ts';

/** REQ-013 engagement signals: usage events pushed in batches, and a customer's usage per day. */
export const usageRoutes = createRouter()
  .openapi(recordUsageEventsRoute, async function recordUsageEventsHandler(c) {
    const { source, events } = c.req.valid('json');
    return ok(c, await recordUsageEvents(scopeOf(c), source, events), undefined, 200);
  })
  .openapi(customerUsageRoute, async function customerUsageHandler(c) {
    return ok(c, await customerUsage(scopeOf(c), c.req.valid('param').id, c.req.valid('query'), new Date()), undefined, 200);
  });
