import { ok } from '../../../platform/http/envelope.ts';
import { etagOf } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createRenewalRoute, renewalsRoute } from './contract-renewals.contract.ts';
import { createRenewal, listRenewals } from './contract-renewals.service.ts';

/** Renewal (续约): the renewals view and drafting a pre-filled successor. Mounted before `/contracts/{id}`. */
export const contractRenewalRoutes = createRouter()
  .openapi(renewalsRoute, async function renewalsHandler(c) {
    const { within, owner } = c.req.valid('query');
    return ok(c, await listRenewals(scopeOf(c), Number(within), owner), undefined, 200);
  })
  .openapi(createRenewalRoute, async function createRenewalHandler(c) {
    const body = c.req.valid('json') ?? {};
    const contract = await createRenewal(scopeOf(c), c.req.valid('param').id, body);
    c.header('ETag', etagOf('contract', contract.id, contract.version));
    return ok(c, contract, { zh: '续约合同草稿已创建', en: 'Renewal drafted' }, 201);
  });
