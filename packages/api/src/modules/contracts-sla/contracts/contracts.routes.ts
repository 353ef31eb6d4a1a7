import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createContractRoute, getContractRoute, listCustomerContractsRoute, transitionContractRoute } from './contracts.contract.ts';
import { transitionContract } from './contract-transitions.service.ts';
import { createContract, getContract, listCustomerContracts } from './contracts.service.ts';

/** REQ-016-002 contracts: drafts, the customer's list, detail with history, and lifecycle transitions. */
export const contractRoutes = createRouter()
  .openapi(createContractRoute, async function createContractHandler(c) {
    const contract = await createContract(scopeOf(c), c.req.valid('param').id, c.req.valid('json'));
    c.header('ETag', etagOf('contract', contract.id, contract.version));
    return ok(c, contract, { zh: '合同创建成功', en: 'Contract created' }, 201);
  })
  .openapi(listCustomerContractsRoute, async function listCustomerContractsHandler(c) {
    return ok(c, await listCustomerContracts(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(getContractRoute, async function getContractHandler(c) {
    const contract = await getContract(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('contract', contract.id, contract.version));
    return ok(c, contract, undefined, 200);
  })
  .openapi(transitionContractRoute, async function transitionContractHandler(c) {
    const { id } = c.req.valid('param');
    // If-Match is optional here: the compare-and-set on the state already refuses a lost race.
    const expected = c.req.header('If-Match') ? expectedVersion(c, 'contract', id) : null;
    const contract = await transitionContract(scopeOf(c), id, c.req.valid('json'), expected);
    c.header('ETag', etagOf('contract', contract.id, contract.version));
    return ok(c, contract, { zh: '合同状态已更新', en: 'Contract updated' }, 200);
  });
