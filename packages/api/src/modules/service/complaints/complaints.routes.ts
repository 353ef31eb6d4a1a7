import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/app-env.ts';
import { assertCan } from '../../../platform/auth/authenticate.ts';
import type { Principal } from '../../../platform/auth/permissions.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import {
  acknowledgeComplaint,
  addComplaintNote,
  assignComplaint,
  closeComplaint,
  confirmComplaint,
  investigateComplaint,
  reclassifyComplaint,
  resolveComplaint,
} from './complaint-actions.service.ts';
import {
  acknowledgeComplaintRoute,
  addComplaintNoteRoute,
  assignComplaintRoute,
  closeComplaintRoute,
  confirmComplaintRoute,
  getComplaintRoute,
  investigateComplaintRoute,
  listComplaintsRoute,
  reclassifyComplaintRoute,
  resolveComplaintRoute,
  searchComplaintLessonsRoute,
  submitComplaintRoute,
} from './complaint-endpoints.contract.ts';
import { getComplaintPolicyRoute, putComplaintPolicyRoute } from './complaint-policy.contract.ts';
import { complaintPolicyOf, putComplaintPolicy } from './complaint-policy.service.ts';
import { isPortalPrincipal } from '../../../platform/auth/permissions.ts';
import { presentComplaint } from './complaint-present.ts';
import { complaintDetail, listComplaints, searchComplaintLessons } from './complaint-queries.service.ts';
import type { ComplaintRow } from './complaints.schema.ts';
import { submitComplaint } from './complaints.service.ts';

/** Staff read with `complaint:read`; a portal user reads their own customer's complaints with `complaint:submit`. */
function assertCanRead(principal: Principal): void {
  assertCan(principal, isPortalPrincipal(principal) ? 'complaint:submit' : 'complaint:read');
}

/** The version the caller read, when they sent `If-Match` (the flow's own checks already refuse lost races). */
const optionalVersion = (c: Context<AppEnv>, id: number) => (c.req.header('If-Match') ? expectedVersion(c, 'complaint', id) : null);

const answer = (c: Context<AppEnv>, row: ComplaintRow, message: { zh: string; en: string }) => {
  c.header('ETag', etagOf('complaint', row.id, row.version));
  return ok(c, presentComplaint(row, c.var.principal), message, 200);
};

const policyEtag = (tenantId: number, version: number) => etagOf('complaint-policy', tenantId, version);

/**
 * REQ-016 §5 complaint handling and §9 escalation policy. The fixed paths (`lessons`, `policy`) come before
 * `{id}` so they are never read as an id.
 */
export const complaintRoutes = createRouter()
  .openapi(getComplaintPolicyRoute, async function getComplaintPolicyHandler(c) {
    const policy = await complaintPolicyOf(scopeOf(c));
    c.header('ETag', policyEtag(c.var.principal.tenantId, policy.version));
    return ok(c, policy, undefined, 200);
  })
  .openapi(putComplaintPolicyRoute, async function putComplaintPolicyHandler(c) {
    const policy = await putComplaintPolicy(scopeOf(c), expectedVersion(c, 'complaint-policy', c.var.principal.tenantId), c.req.valid('json'));
    c.header('ETag', policyEtag(c.var.principal.tenantId, policy.version));
    return ok(c, policy, { zh: '投诉升级策略已更新', en: 'Complaint policy updated' }, 200);
  })
  .openapi(searchComplaintLessonsRoute, async function searchComplaintLessonsHandler(c) {
    return ok(c, await searchComplaintLessons(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(submitComplaintRoute, async function submitComplaintHandler(c) {
    const row = await submitComplaint(scopeOf(c), c.req.valid('json'));
    c.header('ETag', etagOf('complaint', row.id, row.version));
    return ok(c, presentComplaint(row, c.var.principal), { zh: `投诉已提交，编号 ${row.complaint_no}`, en: `Complaint ${row.complaint_no} submitted` }, 201);
  })
  .openapi(listComplaintsRoute, async function listComplaintsHandler(c) {
    assertCanRead(c.var.principal);
    return ok(c, await listComplaints(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getComplaintRoute, async function getComplaintHandler(c) {
    assertCanRead(c.var.principal);
    const detail = await complaintDetail(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('complaint', detail.id, detail.version));
    return ok(c, detail, undefined, 200);
  })
  .openapi(acknowledgeComplaintRoute, async function acknowledgeComplaintHandler(c) {
    const { id } = c.req.valid('param');
    return answer(c, await acknowledgeComplaint(scopeOf(c), id, c.req.valid('json'), optionalVersion(c, id)), { zh: '投诉已受理', en: 'Complaint acknowledged' });
  })
  .openapi(assignComplaintRoute, async function assignComplaintHandler(c) {
    const { id } = c.req.valid('param');
    return answer(c, await assignComplaint(scopeOf(c), id, c.req.valid('json'), optionalVersion(c, id)), { zh: '投诉已转派', en: 'Complaint reassigned' });
  })
  .openapi(investigateComplaintRoute, async function investigateComplaintHandler(c) {
    const { id } = c.req.valid('param');
    return answer(c, await investigateComplaint(scopeOf(c), id, c.req.valid('json'), optionalVersion(c, id)), { zh: '调查已记录', en: 'Investigation recorded' });
  })
  .openapi(addComplaintNoteRoute, async function addComplaintNoteHandler(c) {
    return answer(c, await addComplaintNote(scopeOf(c), c.req.valid('param').id, c.req.valid('json').note), { zh: '备注已添加', en: 'Note added' });
  })
  .openapi(resolveComplaintRoute, async function resolveComplaintHandler(c) {
    const { id } = c.req.valid('param');
    return answer(c, await resolveComplaint(scopeOf(c), id, c.req.valid('json'), optionalVersion(c, id)), { zh: '解决方案已提交，等待客户确认', en: 'Solution recorded; waiting for the customer' });
  })
  .openapi(confirmComplaintRoute, async function confirmComplaintHandler(c) {
    // The customer confirms on the portal; staff may record the customer's answer on their behalf.
    assertCan(c.var.principal, isPortalPrincipal(c.var.principal) ? 'complaint:submit' : 'complaint:write');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const row = await confirmComplaint(scopeOf(c), id, body, optionalVersion(c, id));
    return answer(c, row, body.accepted ? { zh: '已确认解决方案', en: 'Solution accepted' } : { zh: '已退回重新调查', en: 'Solution rejected; the investigation reopens' });
  })
  .openapi(closeComplaintRoute, async function closeComplaintHandler(c) {
    const { id } = c.req.valid('param');
    return answer(c, await closeComplaint(scopeOf(c), id, c.req.valid('json'), optionalVersion(c, id)), { zh: '投诉已关闭', en: 'Complaint closed' });
  })
  .openapi(reclassifyComplaintRoute, async function reclassifyComplaintHandler(c) {
    const { id } = c.req.valid('param');
    return answer(c, await reclassifyComplaint(scopeOf(c), id, c.req.valid('json'), optionalVersion(c, id)), { zh: '分类已更正', en: 'Classification corrected' });
  });
