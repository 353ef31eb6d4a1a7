import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { getCustomerHealthRoute, getHealthPolicyRoute, listHealthRoute, putHealthPolicyRoute, recomputeCustomerHealthRoute } from './health.contract.ts';
import { healthPolicyOf, putHealthPolicy } from './health-policy.service.ts';
import { customerHealth, listHealth, recomputeCustomerHealth } from './health-read.service.ts';

const policyEtag = (tenantId: number, version: number) => etagOf('health-policy', tenantId, version);

/** REQ-016-010: customer health, the at-risk list and the tenant's health policy. */
export const healthRoutes = createRouter()
  .openapi(getHealthPolicyRoute, async function getHealthPolicyHandler(c) {
    const policy = await healthPolicyOf(scopeOf(c));
    c.header('ETag', policyEtag(c.var.principal.tenantId, policy.version));
    return ok(c, policy, undefined, 200);
  })
  .openapi(putHealthPolicyRoute, async function putHealthPolicyHandler(c) {
    const policy = await putHealthPolicy(scopeOf(c), expectedVersion(c, 'health-policy', c.var.principal.tenantId), c.req.valid('json'));
    c.header('ETag', policyEtag(c.var.principal.tenantId, policy.version));
    return ok(c, policy, undefined, 200);
  })
  .openapi(listHealthRoute, async function listHealthHandler(c) {
    return ok(c, await listHealth(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getCustomerHealthRoute, async function getCustomerHealthHandler(c) {
    return ok(c, await customerHealth(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(recomputeCustomerHealthRoute, async function recomputeCustomerHealthHandler(c) {
    const { as_of } = c.req.valid('query');
    return ok(c, await recomputeCustomerHealth(scopeOf(c), c.req.valid('param').id, as_of ? new Date(as_of) : new Date()), undefined, 200);
  });
