import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { serviceHistoryRoute, serviceStatisticsRoute } from './service-history.contract.ts';
import { listServiceRecords, serviceStatistics } from './service-history.service.ts';

/** REQ-016-003: a customer's service history and its totals. */
export const serviceHistoryRoutes = createRouter()
  .openapi(serviceHistoryRoute, async function serviceHistoryHandler(c) {
    const { limit, cursor, ...filters } = c.req.valid('query');
    return ok(c, await listServiceRecords(scopeOf(c), c.req.valid('param').id, filters, { limit, cursor }), undefined, 200);
  })
  .openapi(serviceStatisticsRoute, async function serviceStatisticsHandler(c) {
    return ok(c, await serviceStatistics(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
  });
