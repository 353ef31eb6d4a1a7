import { ok } from '../../../platform/http/envelope.ts';
import { etagOf } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { getCustomer } from '../customers/customers.public.ts';
import { listDuplicatePairsRoute, mergeCustomersRoute, previewMergeRoute } from './customer-merge.contract.ts';
import { localiseWarnings } from './customer-merge.plan.ts';
import { mergeCustomers, previewMerge } from './customer-merge.service.ts';
import { findDuplicatePairs, SIMILAR_NAME_WINDOW } from './customer-pairs.service.ts';

/** Duplicate suggestions, merge preview and merge; all take `customer:merge` (admins and 客户经理). */
export const customerMergeRoutes = createRouter()
  .openapi(listDuplicatePairsRoute, async function listDuplicatePairsHandler(c) {
    const items = await findDuplicatePairs(scopeOf(c), c.req.valid('query').limit);
    return ok(c, { items, similar_name_window: SIMILAR_NAME_WINDOW }, undefined, 200);
  })
  .openapi(previewMergeRoute, async function previewMergeHandler(c) {
    const preview = await previewMerge(scopeOf(c), c.req.valid('json'));
    return ok(c, { ...preview, warnings: localiseWarnings(preview.warnings, c.var.locale) }, undefined, 200);
  })
  .openapi(mergeCustomersRoute, async function mergeCustomersHandler(c) {
    const scope = scopeOf(c);
    const outcome = await mergeCustomers(scope, c.req.valid('json'));
    const survivor = await getCustomer(scope, outcome.survivor_id);
    c.header('ETag', etagOf('customer', survivor.id, survivor.version));
    const { survivor_id: _survivorId, ...result } = outcome;
    return ok(c, { ...result, warnings: localiseWarnings(outcome.warnings, c.var.locale), survivor }, { zh: '客户已合并', en: 'Customers merged' }, 200);
  });
