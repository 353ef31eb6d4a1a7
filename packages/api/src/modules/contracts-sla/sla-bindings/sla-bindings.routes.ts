import { businessMonth } from '../../../platform/time/calendar-date.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { findVisibleContract } from '../contracts/contracts.public.ts';
import { contractAttainment } from '../sla-attainment/sla-attainment.public.ts';
import {
  contractAttainmentRoute,
  contractSlaRoute,
  customerSlaRecommendationRoute,
  dismissSlaProposalRoute,
  effectiveSlaRoute,
  rebindContractSlaRoute,
} from './sla-bindings.contract.ts';
import { contractSlaOverview, decideProposal, rebindManually } from './sla-bindings.service.ts';
import { customerSlaRecommendation, effectiveSla } from './effective-sla.service.ts';


/** REQ-016-009 dynamic SLA: the SLA in force, the recommendation, a contract's bindings, proposals and attainment. */
export const slaBindingRoutes = createRouter()
  .openapi(effectiveSlaRoute, async function effectiveSlaHandler(c) {
    const { at } = c.req.valid('query');
    return ok(c, await effectiveSla(scopeOf(c), c.req.valid('param').id, at ? new Date(at) : new Date()), undefined, 200);
  })
  .openapi(customerSlaRecommendationRoute, async function customerSlaRecommendationHandler(c) {
    return ok(c, await customerSlaRecommendation(scopeOf(c), c.req.valid('param').id, new Date()), undefined, 200);
  })
  .openapi(contractSlaRoute, async function contractSlaHandler(c) {
    const scope = scopeOf(c);
    const contract = await findVisibleContract(scope, c.req.valid('param').id);
    return ok(c, await contractSlaOverview(scope, contract, new Date()), undefined, 200);
  })
  .openapi(rebindContractSlaRoute, async function rebindContractSlaHandler(c) {
    const scope = scopeOf(c);
    const contract = await findVisibleContract(scope, c.req.valid('param').id);
    const body = c.req.valid('json');
    const now = new Date();
    await rebindManually(scope, contract, { sla_version_id: body.sla_version_id, effective_from: body.effective_from ? new Date(body.effective_from) : now, reason: body.reason, proposal_id: body.proposal_id ?? null }, now);
    return ok(c, await contractSlaOverview(scope, contract, now), { zh: 'SLA 绑定已更新', en: 'SLA binding changed' }, 200);
  })
  .openapi(dismissSlaProposalRoute, async function dismissSlaProposalHandler(c) {
    const scope = scopeOf(c);
    const { id, proposal_id } = c.req.valid('param');
    const contract = await findVisibleContract(scope, id);
    await decideProposal(scope, contract.id, proposal_id, 'dismissed');
    return ok(c, await contractSlaOverview(scope, contract, new Date()), { zh: 'SLA 调整建议已忽略', en: 'SLA proposal dismissed' }, 200);
  })
  .openapi(contractAttainmentRoute, async function contractAttainmentHandler(c) {
    const scope = scopeOf(c);
    const contract = await findVisibleContract(scope, c.req.valid('param').id);
    const now = new Date();
    const { from = businessMonth(now, -11), to = businessMonth(now) } = c.req.valid('query');
    return ok(c, await contractAttainment(scope, contract, from, to, now), undefined, 200);
  });
