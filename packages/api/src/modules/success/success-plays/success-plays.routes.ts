import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { getCustomerSuccessPlaysRoute } from './success-plays.contract.ts';
import { customerSuccessPlays } from './success-plays.service.ts';

/** The success plays of the risk-alert flow as one customer's page shows them: satisfaction trend and opportunities. */
export const successPlayRoutes = createRouter().openapi(getCustomerSuccessPlaysRoute, async function getCustomerSuccessPlaysHandler(c) {
  return ok(c, await customerSuccessPlays(scopeOf(c), c.req.valid('param').id), undefined, 200);
});
