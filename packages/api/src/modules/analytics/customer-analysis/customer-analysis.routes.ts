import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { customerAnalysisRoute } from './customer-analysis.contract.ts';
import { customerAnalysis } from './customer-analysis.service.ts';

/** REQ-016-004 客户分析: one customer's analysis over a period. */
export const customerAnalysisRoutes = createRouter().openapi(customerAnalysisRoute, async function customerAnalysisHandler(c) {
  const analysis = await customerAnalysis(scopeOf(c), c.req.valid('param').id, c.req.valid('query'), c.var.locale, new Date());
  return ok(c, analysis, { zh: '分析成功', en: 'Analysis complete' }, 200);
});
