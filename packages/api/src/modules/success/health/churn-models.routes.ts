import { assertCan } from '../../../platform/auth/authenticate.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { activateChurnModelRoute, createChurnModelRoute, listChurnModelsRoute } from './churn-models.contract.ts';
import { activateChurnModel, listChurnModels, storeChurnModel } from './churn-models.service.ts';

/** REQ-016-010: the tenant's trained churn models — upload, list, roll back. Model administration is a setting. */
export const churnModelRoutes = createRouter()
  .openapi(listChurnModelsRoute, async (c) => {
    assertCan(c.var.principal, 'settings:write');
    return ok(c, await listChurnModels(scopeOf(c)), undefined, 200);
  })
  .openapi(createChurnModelRoute, async (c) => {
    assertCan(c.var.principal, 'settings:write');
    return ok(c, await storeChurnModel(scopeOf(c), c.req.valid('json')), undefined, 201);
  })
  .openapi(activateChurnModelRoute, async (c) => {
    assertCan(c.var.principal, 'settings:write');
    return ok(c, await activateChurnModel(scopeOf(c), c.req.valid('param').id), undefined, 200);
  });
