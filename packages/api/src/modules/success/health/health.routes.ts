import { assertCan } from '../../../platform/auth/authenticate.ts';
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
  .openapi(getHealthPolicyRoute, async (c) => {
    assertCan(c.var.principal, 'health:read');
    const policy = await healthPolicyOf(scopeOf(c));
    c.header('ETag', policyEtag(c.var.principal.tenantId, policy.version));
    return ok(c, policy, undefined, 200);
  })
  .openapi(putHealthPolicyRoute, async (c) => {
    assertCan(c.var.principal, 'settings:write');
    const policy = await putHealthPolicy(scopeOf(c), expectedVersion(c, 'health-policy', c.var.principal.tenantId), c.req.valid('json'));
    c.header('ETag', policyEtag(c.var.principal.tenantId, policy.version));
    return ok(c, policy, undefined, 200);
  })
  .openapi(listHealthRoute, async (c) => {
    assertCan(c.var.principal, 'health:read');
    return ok(c, await listHealth(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getCustomerHealthRoute, async (c) => {
    assertCan(c.var.principal, 'health:read');
    return ok(c, await customerHealth(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(recomputeCustomerHealthRoute, async (c) => {
    assertCan(c.var.principal, 'health:read');
    assertCan(c.var.principal, 'customer:write');
    const { as_of } = c.req.valid('query');
    return ok(c, await recomputeCustomerHealth(scopeOf(c), c.req.valid('param').id, as_of ? new Date(as_of) : new Date()), undefined, 200);
  });
