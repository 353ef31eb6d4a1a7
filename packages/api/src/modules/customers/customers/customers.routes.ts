import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { DUPLICATE_BLOCK_SCORE, findDuplicates } from './customer-duplicates.service.ts';
import { listCustomers } from './customer-search.service.ts';
import {
  archiveCustomerRoute,
  checkDuplicatesRoute,
  createCustomerRoute,
  getCustomerRoute,
  listCustomersRoute,
  restoreCustomerRoute,
  updateCustomerRoute,
} from './customers.contract.ts';
import { reevaluateCustomerContracts } from '../../contracts-sla/contracts/contracts.public.ts';
import { createCustomer, findVisibleCustomer, getCustomer, setArchived, updateCustomer } from './customers.service.ts';

export const customerRoutes = createRouter()
  .openapi(createCustomerRoute, async function createCustomerHandler(c) {
    const created = await createCustomer(scopeOf(c), c.req.valid('json'), { force: c.req.valid('query').force });
    return ok(c, created, { zh: '客户创建成功', en: 'Customer created' }, 200);
  })
  .openapi(listCustomersRoute, async function listCustomersHandler(c) {
    return ok(c, await listCustomers(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(checkDuplicatesRoute, async function checkDuplicatesHandler(c) {
    const { exclude_id: excludeId, ...probe } = c.req.valid('json');
    const candidates = await findDuplicates(scopeOf(c), probe, excludeId);
    return ok(c, { candidates, blocking: candidates.some((x) => x.score >= DUPLICATE_BLOCK_SCORE) }, undefined, 200);
  })
  .openapi(getCustomerRoute, async function getCustomerHandler(c) {
    const customer = await getCustomer(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('customer', customer.id, customer.version));
    return ok(c, customer, undefined, 200);
  })
  .openapi(updateCustomerRoute, async function updateCustomerHandler(c) {
    const { id } = c.req.valid('param');
    const scope = scopeOf(c);
    const patch = c.req.valid('json');
    const levelBefore = patch.level !== undefined ? (await findVisibleCustomer(scope, id)).level : null;
    const after = await updateCustomer(scope, id, expectedVersion(c, 'customer', id), patch, { force: c.req.valid('query').force });
    // REQ-016-009: a change of level re-evaluates the SLA of the customer's contracts in force.
    if (levelBefore !== null && after.level !== levelBefore) await reevaluateCustomerContracts(scope, id, 'level_change', new Date());
    const customer = await getCustomer(scope, id);
    c.header('ETag', etagOf('customer', id, customer.version));
    return ok(c, customer, { zh: '客户已更新', en: 'Customer updated' }, 200);
  })
  .openapi(archiveCustomerRoute, async function archiveCustomerHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    await setArchived(scope, id, true);
    return ok(c, await getCustomer(scope, id), { zh: '客户已归档', en: 'Customer archived' }, 200);
  })
  .openapi(restoreCustomerRoute, async function restoreCustomerHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    await setArchived(scope, id, false);
    return ok(c, await getCustomer(scope, id), { zh: '客户已恢复', en: 'Customer restored' }, 200);
  });
