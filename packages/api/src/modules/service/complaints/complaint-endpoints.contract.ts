import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import {
  Complaint,
  ComplaintAcknowledge,
  ComplaintAssign,
  ComplaintClose,
  ComplaintConfirmation,
  ComplaintDetail,
  ComplaintInvestigation,
  ComplaintLessonPage,
  ComplaintListQuery,
  ComplaintNote,
  ComplaintPage,
  ComplaintReclassify,
  ComplaintResolution,
  ComplaintSubmit,
  LessonsQuery,
} from './complaints.contract.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission, type PermissionExtension } from '../../../platform/auth/route-permission.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Complaint version, for If-Match', schema: { type: 'string' as const } } };
const actionHeaders = idempotencyHeader.extend(ifMatchHeader.shape);
const complaintResponse = (description: string) => ({ 200: { ...jsonResponse(Complaint, 'Complaint', description), headers: etagHeader }, ...writeErrorResponses });

const FLOW =
  'Out of order (see `allowed_actions`) answers 409 `complaint.invalid_transition` with the allowed actions in `details`. `If-Match` is optional: when sent, a stale version answers 412. Written to the history, audited and announced as `complaint.<event>`.';

export const submitComplaintRoute = createRoute({
  method: 'post',
  path: '/api/v1/complaints',
  operationId: 'submitComplaint',
  ...permission('complaint:submit'),
  tags: ['complaints'],
  summary: 'Submit a complaint (steps 1–3: record, classify, assign)',
  description:
    'REQ-016 §5 投诉处理. Staff name `customer_id` (and optionally a `contact_id` of that customer); a portal user complains for the customer of their token; with `service_record` the complaint is raised from that ticket and belongs to its customer. Numbered `CP-YYYYMM-000001` per tenant. Title and description are classified (category, severity, sentiment with confidences and driving words) by the tenant\'s model, the priority follows severity and customer level, the deadlines the tenant policy, and the customer\'s manager (else the `complaints` queue) is assigned and notified. A blank or too long title (> 300) or description (> 20,000) answers 422 `complaint.text_invalid`; an unknown customer 404; a contact or ticket that does not fit 422 `complaint.reference_invalid`.',
  request: { headers: idempotencyHeader, body: json(ComplaintSubmit) },
  responses: { 201: { ...jsonResponse(Complaint, 'Complaint', 'The submitted complaint'), headers: etagHeader }, ...writeErrorResponses },
});

export const listComplaintsRoute = createRoute({
  method: 'get',
  path: '/api/v1/complaints',
  operationId: 'listComplaints',
  // Staff read with complaint:read, a portal user their own with complaint:submit: checked by the handler.
  ...permission('authenticated'),
  tags: ['complaints'],
  summary: 'Complaints, newest first',
  description: 'Complaints of the customers the caller may see (portal users: their own), filtered by status, customer, assignee (`me`), category, priority, missed deadline (`overdue=true`) and words (`q`, in number, title, description and lessons learned). Keyset pagination through `cursor`.',
  request: { query: ComplaintListQuery },
  responses: { 200: jsonResponse(ComplaintPage, 'ComplaintPage', 'A page of complaints'), ...errorResponses },
});

export const searchComplaintLessonsRoute = createRoute({
  method: 'get',
  path: '/api/v1/complaints/lessons',
  operationId: 'searchComplaintLessons',
  ...permission('complaint:read'),
  tags: ['complaints'],
  summary: 'Search the lessons learned from closed complaints',
  description: 'Closed complaints with their cause, solution, improvement measures and lessons learned; `q` matches words in any of them, the title or the category. Most recently closed first. Staff only (`complaint:read`).',
  request: { query: LessonsQuery },
  responses: { 200: jsonResponse(ComplaintLessonPage, 'ComplaintLessonPage', 'A page of lessons'), ...errorResponses },
});

export const getComplaintRoute = createRoute({
  method: 'get',
  path: '/api/v1/complaints/{id}',
  operationId: 'getComplaint',
  // Staff read with complaint:read, a portal user their own with complaint:submit: checked by the handler.
  ...permission('authenticated'),
  tags: ['complaints'],
  summary: 'A complaint with its history, escalations and deadlines',
  description: 'Portal users see their own customer\'s complaints only (others 404) and only the customer-facing steps: no investigation notes, causes or escalations.',
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(ComplaintDetail, 'ComplaintDetail', 'The complaint'), headers: etagHeader }, ...errorResponses },
});

const action = <T extends z.ZodType>(path: string, operationId: string, access: PermissionExtension, summary: string, description: string, body: T) =>
  createRoute({
    method: 'post',
    path: `/api/v1/complaints/{id}/${path}`,
    operationId,
    ...access,
    tags: ['complaints'],
    summary,
    description: `${description} ${FLOW}`,
    request: { params: IdParam, headers: actionHeaders, body: json(body) },
    responses: complaintResponse('The complaint after the step'),
  });

export const acknowledgeComplaintRoute = action('acknowledge', 'acknowledgeComplaint', permission('complaint:write'), 'Acknowledge a complaint', 'Step 3: `open` → `acknowledged`. A queued complaint is taken by whoever acknowledges it. Needs `complaint:write`.', ComplaintAcknowledge);
export const assignComplaintRoute = action('assign', 'assignComplaint', permission('complaint:write'), 'Reassign a complaint', 'Hands the complaint to another staff user of the tenant (else 422 `complaint.assignee_invalid`), who is notified. Needs `complaint:write`.', ComplaintAssign);
export const investigateComplaintRoute = action('investigation', 'investigateComplaint', permission('complaint:write'), 'Record the investigation', 'Step 4: cause, scope of impact and a note; the complaint is `investigating`. Needs `complaint:write`.', ComplaintInvestigation);
export const addComplaintNoteRoute = action('notes', 'addComplaintNote', permission('complaint:write'), 'Add an internal note', 'A note on the history (not shown to portal users). Needs `complaint:write`.', ComplaintNote);
export const resolveComplaintRoute = action('resolution', 'resolveComplaint', permission('complaint:write'), 'Record the solution', 'Step 5: solution and improvement measures, both required; `investigating` → `resolved`, and the customer is asked to confirm. Needs `complaint:write`.', ComplaintResolution);
export const confirmComplaintRoute = action(
  'confirmation',
  'confirmComplaint',
  // The portal user of the customer (complaint:submit) or staff on their behalf (complaint:write): checked by the handler.
  permission('authenticated'),
  "The customer's confirmation",
  'Step 6: the portal user of the customer, or staff on their behalf (`complaint:write`), accepts the solution (with feedback and satisfaction 1–5) or rejects it: then the complaint is back `investigating` and the assignee is notified.',
  ComplaintConfirmation,
);
export const closeComplaintRoute = action(
  'close',
  'closeComplaint',
  permission('complaint:write'),
  'Close with the lessons learned',
  'Step 7: only after the customer accepted the solution (else 409 `complaint.confirmation_required` with the reason); the lessons become searchable. Needs `complaint:write`.',
  ComplaintClose,
);

export const reclassifyComplaintRoute = createRoute({
  method: 'put',
  path: '/api/v1/complaints/{id}/classification',
  operationId: 'reclassifyComplaint',
  ...permission('complaint:write'),
  tags: ['complaints'],
  summary: "Correct the classifier's labels",
  description:
    'Staff (`complaint:write`) correct category, severity or sentiment. The correction is stored and retrains the tenant\'s classifier for the next complaint; the priority follows the new severity, the deadlines stay. `If-Match` optional (412 when stale).',
  request: { params: IdParam, headers: ifMatchHeader, body: json(ComplaintReclassify) },
  responses: complaintResponse('The complaint with the corrected labels'),
});
