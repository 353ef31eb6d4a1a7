import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { listOpsSignalsRoute, upsertOpsSignalRoute } from './operations-signals.contract.ts';
import { listOpsSignals, upsertOpsSignal } from './operations-signals.service.ts';

/** REQ-013: incidents and availability pushed by operations monitoring, and a customer's list of them. */
export const opsSignalRoutes = createRouter()
  .openapi(upsertOpsSignalRoute, async function upsertOpsSignalHandler(c) {
    const { source, external_id } = c.req.valid('param');
    const result = await upsertOpsSignal(scopeOf(c), source, external_id, c.req.valid('json'), new Date());
    return ok(c, result, result.outcome === 'unchanged' ? { zh: '运维信号无变化', en: 'Signal unchanged' } : { zh: '运维信号已保存', en: 'Signal saved' }, 200);
  })
  .openapi(listOpsSignalsRoute, async function listOpsSignalsHandler(c) {
    return ok(c, await listOpsSignals(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
  });
