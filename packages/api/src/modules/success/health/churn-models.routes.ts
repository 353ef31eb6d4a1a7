import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { activateChurnModelRoute, createChurnModelRoute, listChurnModelsRoute } from './churn-models.contract.ts';
import { activateChurnModel, listChurnModels, storeChurnModel } from './churn-models.service.ts';

/** REQ-016-010: the tenant's trained churn models — upload, list, roll back. Model administration is a setting. */
export const churnModelRoutes = createRouter()
  .openapi(listChurnModelsRoute, async function listChurnModelsHandler(c) {
    return ok(c, await listChurnModels(scopeOf(c)), undefined, 200);
  })
  .openapi(createChurnModelRoute, async function createChurnModelHandler(c) {
    return ok(c, await storeChurnModel(scopeOf(c), c.req.valid('json')), undefined, 201);
  })
  .openapi(activateChurnModelRoute, async function activateChurnModelHandler(c) {
    return ok(c, await activateChurnModel(scopeOf(c), c.req.valid('param').id), undefined, 200);
  });
