import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import {
  createOpportunityRoute,
  createPipelineRoute,
  getOpportunityRoute,
  listOpportunitiesRoute,
  listPipelinesRoute,
  moveOpportunityRoute,
  pipelineBoardRoute,
  updateOpportunityRoute,
} from './opportunities.contract.ts';
import { createOpportunity, getOpportunity, listOpportunities, moveOpportunity, pipelineBoard, updateOpportunity } from './opportunities.service.ts';
import { createPipeline, listPipelines } from './pipelines.service.ts';
import { funnelRoute, winProbabilityRoute } from './analytics.contract.ts';
import { opportunityWinProbability, salesFunnel } from './analytics.service.ts';

/** Pipelines with their stages, the board, opportunities moving through them, the funnel and win probabilities. */
export const opportunityRoutes = createRouter()
  .openapi(listPipelinesRoute, async function listPipelinesHandler(c) {
    return ok(c, { items: await listPipelines(scopeOf(c)) }, undefined, 200);
  })
  .openapi(createPipelineRoute, async function createPipelineHandler(c) {
    return ok(c, await createPipeline(scopeOf(c), c.req.valid('json')), { zh: '销售管道已创建', en: 'Pipeline created' }, 201);
  })
  .openapi(pipelineBoardRoute, async function pipelineBoardHandler(c) {
    return ok(c, await pipelineBoard(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
  })
  .openapi(createOpportunityRoute, async function createOpportunityHandler(c) {
    const opportunity = await createOpportunity(scopeOf(c), c.req.valid('json'));
    c.header('ETag', etagOf('opportunity', opportunity.id, opportunity.version));
    return ok(c, opportunity, { zh: '商机已创建', en: 'Opportunity created' }, 201);
  })
  .openapi(listOpportunitiesRoute, async function listOpportunitiesHandler(c) {
    return ok(c, await listOpportunities(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getOpportunityRoute, async function getOpportunityHandler(c) {
    const opportunity = await getOpportunity(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('opportunity', opportunity.id, opportunity.version));
    return ok(c, opportunity, undefined, 200);
  })
  .openapi(updateOpportunityRoute, async function updateOpportunityHandler(c) {
    const { id } = c.req.valid('param');
    const opportunity = await updateOpportunity(scopeOf(c), id, expectedVersion(c, 'opportunity', id), c.req.valid('json'));
    c.header('ETag', etagOf('opportunity', opportunity.id, opportunity.version));
    return ok(c, opportunity, { zh: '商机已更新', en: 'Opportunity updated' }, 200);
  })
  .openapi(moveOpportunityRoute, async function moveOpportunityHandler(c) {
    const { id } = c.req.valid('param');
    const opportunity = await moveOpportunity(scopeOf(c), id, expectedVersion(c, 'opportunity', id), c.req.valid('json'));
    c.header('ETag', etagOf('opportunity', opportunity.id, opportunity.version));
    return ok(c, opportunity, { zh: '商机阶段已更新', en: 'Opportunity moved' }, 200);
  })
  .openapi(winProbabilityRoute, async function winProbabilityHandler(c) {
    return ok(c, await opportunityWinProbability(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(funnelRoute, async function funnelHandler(c) {
    return ok(c, await salesFunnel(scopeOf(c), c.req.valid('query')), undefined, 200);
  });
