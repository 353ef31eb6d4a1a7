import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { segmentCsv, segmentXlsx } from './segment-export.ts';
import {
  createSegmentRoute,
  deleteSegmentRoute,
  exportSegmentRoute,
  getCustomerValueTierRoute,
  getSegmentRoute,
  listSegmentMembersRoute,
  listSegmentsRoute,
  previewSegmentRoute,
  pushSegmentRoute,
  recomputeValueTiersRoute,
  refreshSegmentRoute,
  updateSegmentRoute,
  XLSX_TYPE,
} from './segments.contract.ts';
import {
  createSegment,
  customerValueTier,
  deleteSegment,
  getSegment,
  listSegmentMembers,
  listSegments,
  previewSegment,
  pushSegment,
  refreshSegment,
  segmentForExport,
  updateSegment,
} from './segments.service.ts';
import { recomputeValueTiers } from './value-tiers.ts';

/** REQ-016-006 dynamic customer segments, their export and push to marketing automation, and value tiers. */
export const segmentRoutes = createRouter()
  .openapi(previewSegmentRoute, async function previewSegmentHandler(c) {
    return ok(c, await previewSegment(scopeOf(c), c.req.valid('json').rule_text, new Date()), undefined, 200);
  })
  .openapi(recomputeValueTiersRoute, async function recomputeValueTiersHandler(c) {
    return ok(c, await recomputeValueTiers(scopeOf(c), new Date()), { zh: '客户价值分层已重新计算', en: 'Value tiers recomputed' }, 200);
  })
  .openapi(createSegmentRoute, async function createSegmentHandler(c) {
    const segment = await createSegment(scopeOf(c), c.req.valid('json'), new Date());
    c.header('ETag', etagOf('segment', segment.id, segment.version));
    return ok(c, segment, { zh: '客户分群已创建', en: 'Segment created' }, 201);
  })
  .openapi(listSegmentsRoute, async function listSegmentsHandler(c) {
    return ok(c, await listSegments(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getSegmentRoute, async function getSegmentHandler(c) {
    const segment = await getSegment(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('segment', segment.id, segment.version));
    return ok(c, segment, undefined, 200);
  })
  .openapi(updateSegmentRoute, async function updateSegmentHandler(c) {
    const { id } = c.req.valid('param');
    const segment = await updateSegment(scopeOf(c), id, expectedVersion(c, 'segment', id), c.req.valid('json'), new Date());
    c.header('ETag', etagOf('segment', segment.id, segment.version));
    return ok(c, segment, { zh: '客户分群已更新', en: 'Segment updated' }, 200);
  })
  .openapi(deleteSegmentRoute, async function deleteSegmentHandler(c) {
    return ok(c, await deleteSegment(scopeOf(c), c.req.valid('param').id), { zh: '客户分群已删除', en: 'Segment deleted' }, 200);
  })
  .openapi(refreshSegmentRoute, async function refreshSegmentHandler(c) {
    return ok(c, await refreshSegment(scopeOf(c), c.req.valid('param').id, new Date()), { zh: '客户分群已刷新', en: 'Segment refreshed' }, 200);
  })
  .openapi(listSegmentMembersRoute, async function listSegmentMembersHandler(c) {
    return ok(c, await listSegmentMembers(scopeOf(c), c.req.valid('param').id, c.req.valid('query'), new Date()), undefined, 200);
  })
  .openapi(exportSegmentRoute, async function exportSegmentHandler(c) {
    const { segment, members } = await segmentForExport(scopeOf(c), c.req.valid('param').id, new Date());
    const file = `segment-${segment.id}`;
    if (c.req.valid('query').format === 'xlsx') {
      const bytes = await segmentXlsx(segment.name, members);
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': `attachment; filename="${file}.xlsx"` });
    }
    return c.body(segmentCsv(members), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` });
  })
  .openapi(pushSegmentRoute, async function pushSegmentHandler(c) {
    return ok(c, await pushSegment(scopeOf(c), c.req.valid('param').id, new Date()), { zh: '客户分群已推送至营销自动化', en: 'Segment pushed to marketing automation' }, 202);
  })
  .openapi(getCustomerValueTierRoute, async function getCustomerValueTierHandler(c) {
    return ok(c, await customerValueTier(scopeOf(c), c.req.valid('param').id), undefined, 200);
  });
