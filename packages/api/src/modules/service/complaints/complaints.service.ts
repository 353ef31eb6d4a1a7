import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './complaints.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, stillFitting } from '../../../platform/staff-users.ts';
import { findContact } from '../../customers/contacts/contacts.public.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { notify } from '../../success/notifications/notifications.public.ts';
import { findServiceRecord, type ServiceRecordRow } from '../service-records/service-records.public.ts';
import { classifyForTenant } from './complaint-model.ts';
import { nextComplaintNo } from './complaint-number.ts';
import { complaintDeadlinesOf } from './complaint-policy.service.ts';
import { isPortalPrincipal } from '../../../platform/auth/permissions.ts';
import { complaintPriority, dueDates } from './complaint-priority.ts';
import { complaintAssignee, writeComplaintEvent } from './complaint-steps.ts';
import { DESCRIPTION_MAX, TITLE_MAX, type ComplaintSubmit } from './complaints.contract.ts';
import { complaints, type ComplaintRow, type ComplaintSource } from './complaints.schema.ts';

/** The queue of complaints nobody is assigned to yet; whoever acknowledges one takes it. */
export const COMPLAINT_QUEUE = 'complaints';

/** A title or description that is blank or too long: 422 naming the field and its limit. */
function checkedText(field: 'title' | 'description', value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) throw new ApiError('complaint.text_invalid', { field, max, length: trimmed.length });
  return trimmed;
}

type Origin = { customerId: number; source: ComplaintSource; record: ServiceRecordRow | undefined };

/** Who is complaining, decided by the caller (portal user: the token's customer) and the ticket, if any. */
async function originOf(scope: RequestScope, input: ComplaintSubmit): Promise<Origin> {
  const portal = isPortalPrincipal(scope.principal);
  const record = input.service_record ? await findServiceRecord(scope, input.service_record) : undefined;
  if (input.service_record && !record) throw new ApiError('complaint.reference_invalid', { service_record: input.service_record, reason: 'no such ticket' });
  // A portal user's customer comes from the token only; naming another one is answered like any invisible customer.
  if (portal && input.customer_id !== undefined && input.customer_id !== scope.principal.customerId) throw new ApiError('customer.not_found', { id: input.customer_id });
  const named = portal ? (scope.principal.customerId ?? -1) : input.customer_id;
  if (record && named !== undefined && named !== record.customer_id) {
    throw new ApiError('complaint.reference_invalid', { service_record: input.service_record, reason: 'the ticket belongs to another customer' });
  }
  const customerId = record?.customer_id ?? named;
  if (customerId === undefined) throw new ApiError('complaint.reference_invalid', { reason: 'customer_id or service_record is required' });
  return { customerId, source: record ? 'ticket' : portal ? 'portal' : 'staff', record };
}

/**
 * Steps 1–3 of the flow in one transaction: the complaint is recorded, classified with the tenant's model,
 * prioritised from severity and customer level, given its deadlines, and assigned to the customer's manager
 * (or the `complaints` queue), who is notified.
 * @example await submitComplaint(scope, { customer_id: 12, title: '响应太慢', description: '报修两天没人来' })
 */
export async function submitComplaint(scope: RequestScope, input: ComplaintSubmit, now = new Date()): Promise<ComplaintRow> {
  const title = checkedText('title', input.title, TITLE_MAX);
  const description = checkedText('description', input.description, DESCRIPTION_MAX);
  const origin = await originOf(scope, input);
  const customer = await findVisibleCustomer(scope, origin.customerId);
  if (input.contact_id !== undefined) {
    await findContact(scope, customer.id, input.contact_id).catch(() => {
      throw new ApiError('complaint.reference_invalid', { contact_id: input.contact_id, reason: 'not a contact of this customer' });
    });
  }

  const classification = await classifyForTenant(scope, title, description);
  const priority = complaintPriority(classification.severity.value, customer.level);
  const due = dueDates(await complaintDeadlinesOf(scope), priority, now);
  const assigneeId = await stillFitting(scope, complaintAssignee(customer.assigned_manager_id));

  const [row] = await scope.tx
    .insert(complaints)
    .values({
      tenant_id: scope.tenantId,
      complaint_no: await nextComplaintNo(scope, now),
      customer_id: customer.id,
      contact_id: input.contact_id ?? null,
      source: origin.source,
      service_record_id: origin.record?.id ?? null,
      service_record_opened_at: origin.record?.opened_at ?? null,
      submitted_by: await actingUserId(scope),
      title,
      description,
      classification,
      category: classification.category.value,
      severity: classification.severity.value,
      sentiment: classification.sentiment.value,
      priority,
      status: 'open',
      assignee_id: assigneeId,
      queue: assigneeId === null ? COMPLAINT_QUEUE : null,
      ...due,
      created_at: now,
      updated_at: now,
    })
    .returning();
  const complaint = row!;
  const labels = { category: complaint.category, severity: complaint.severity, sentiment: complaint.sentiment, priority, model_version: classification.model_version };
  await writeComplaintEvent(scope, complaint.id, { event: 'submitted', from: null, to: 'open', data: { source: origin.source, service_record_id: complaint.service_record_id } }, now);
  await writeComplaintEvent(scope, complaint.id, { event: 'classified', from: null, to: null, actorId: null, data: labels }, now);
  await writeComplaintEvent(scope, complaint.id, { event: 'assigned', from: null, to: null, actorId: null, data: { assignee_id: assigneeId, queue: complaint.queue } }, now);
  if (assigneeId !== null) {
    await notify(scope, {
      recipient_ids: [assigneeId],
      kind: 'complaint.assigned',
      title: { zh: `新投诉 ${complaint.complaint_no}（${priority}）：${title}`, en: `New complaint ${complaint.complaint_no} (${priority}): ${title}` },
      body: { zh: `${customer.customer_name} 提交了投诉，请在期限内受理。`, en: `${customer.customer_name} filed a complaint; acknowledge it before the deadline.` },
      entity_type: 'complaint',
      entity_id: complaint.id,
      data: { customer_id: customer.id, priority, acknowledge_due_at: complaint.acknowledge_due_at.toISOString() },
      dedupe_key: `complaint:${complaint.id}:assigned:${assigneeId}`,
    });
  }
  await audit(scope, { action: 'complaint.submitted', entity_type: 'complaint', entity_id: complaint.id, after: complaint });
  await emitEvent(scope, {
    type: 'complaint.submitted',
    entity_type: 'complaint',
    entity_id: complaint.id,
    payload: { complaint_no: complaint.complaint_no, customer_id: customer.id, source: origin.source, ...labels, assignee_id: assigneeId, queue: complaint.queue },
  });
  return complaint;
}
