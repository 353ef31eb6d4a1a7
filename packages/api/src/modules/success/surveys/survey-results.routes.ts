import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createImprovementAction, deleteImprovementAction, getImprovementAction, listImprovementActions, updateImprovementAction } from './improvement-actions.service.ts';
import {
  createImprovementActionRoute,
  deleteImprovementActionRoute,
  getImprovementActionRoute,
  listImprovementActionsRoute,
  surveyResultsRoute,
  updateImprovementActionRoute,
} from './survey-results.contract.ts';
import { surveyResults } from './survey-results.service.ts';

/** Survey results and the improvement actions that close the loop (REQ-016-005). */
export const surveyResultRoutes = createRouter()
  .openapi(surveyResultsRoute, async function surveyResultsHandler(c) {
    return ok(c, await surveyResults(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(listImprovementActionsRoute, async function listImprovementActionsHandler(c) {
    return ok(c, await listImprovementActions(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(createImprovementActionRoute, async function createImprovementActionHandler(c) {
    const action = await createImprovementAction(scopeOf(c), c.req.valid('json'), new Date());
    c.header('ETag', etagOf('improvement_action', action.id, action.version));
    return ok(c, action, { zh: '改进措施已创建', en: 'Improvement action created' }, 201);
  })
  .openapi(getImprovementActionRoute, async function getImprovementActionHandler(c) {
    const action = await getImprovementAction(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('improvement_action', action.id, action.version));
    return ok(c, action, undefined, 200);
  })
  .openapi(updateImprovementActionRoute, async function updateImprovementActionHandler(c) {
    const { id } = c.req.valid('param');
    const action = await updateImprovementAction(scopeOf(c), id, expectedVersion(c, 'improvement_action', id), c.req.valid('json'), new Date());
    c.header('ETag', etagOf('improvement_action', action.id, action.version));
    return ok(c, action, { zh: '改进措施已更新', en: 'Improvement action updated' }, 200);
  })
  .openapi(deleteImprovementActionRoute, async function deleteImprovementActionHandler(c) {
    return ok(c, await deleteImprovementAction(scopeOf(c), c.req.valid('param').id), { zh: '改进措施已删除', en: 'Improvement action deleted' }, 200);
  });
