import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { customerTimelineRoute } from './customer-timeline.contract.ts';
import { customerTimeline } from './customer-timeline.service.ts';

/** One timeline per customer: service records, communications, complaints and contract events, merged. */
export const customerTimelineRoutes = createRouter().openapi(customerTimelineRoute, async function customerTimelineHandler(c) {
  return ok(c, await customerTimeline(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
});
