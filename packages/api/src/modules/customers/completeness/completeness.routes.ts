import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { completenessGapsRoute, completenessSummaryRoute } from './completeness.contract.ts';
import { completenessSummary, listCompletenessGaps } from './completeness.service.ts';

/** Completeness KPI and the reminder list; both respect the caller's data scope. */
export const completenessRoutes = createRouter()
  .openapi(completenessSummaryRoute, async function completenessSummaryHandler(c) {
    return ok(c, await completenessSummary(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(completenessGapsRoute, async function completenessGapsHandler(c) {
    return ok(c, await listCompletenessGaps(scopeOf(c), c.req.valid('query')), undefined, 200);
  });
