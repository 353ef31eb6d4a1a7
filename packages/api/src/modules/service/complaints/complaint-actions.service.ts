import { and, eq } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import './complaints.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, assertUserReferences } from '../../../platform/staff-users.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { notify } from '../../success/notifications/notifications.public.ts';
import { complaintText } from './complaint-model.ts';
import { isPortalPrincipal } from '../../../platform/auth/permissions.ts';
import { complaintPriority } from './complaint-priority.ts';
import { applyStep, assertAllowed, complaintAssignee, loadComplaint } from './complaint-steps.ts';
import type { ComplaintReclassify } from './complaints.contract.ts';
import { complaintClassifierCorrections, type ComplaintRow } from './complaints.schema.ts';
import type { ComplaintSeverity } from '../complaint-classifier/complaint-classifier.public.ts';

/** The complaint locked for this transaction, at the version the caller read (`If-Match`), if they sent one. */
async function lockedAt(scope: RequestScope, id: number, expected: number | null): Promise<ComplaintRow> {
  const row = await loadComplaint(scope, id, { lock: true });
  if (expected !== null && expected !== row.version) throw new ApiError('precondition.failed', { current_version: row.version });
  return row;
}

/**
 * Step 3b: the assignee (or any complaint handler) acknowledges; a queued complaint goes to whoever takes it.
 * @example await acknowledgeComplaint(scope, 42, { note: '已受理' }, null)
 */
export async function acknowledgeComplaint(scope: RequestScope, id: number, input: { note?: string }, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  const to = assertAllowed(row, 'acknowledge');
  const taker = row.assignee_id ?? (await actingUserId(scope));
  if (taker === null) throw new ApiError('complaint.assignee_invalid', { reason: 'a queued complaint is acknowledged by a signed-in user, who takes it' });
  const taken = row.assignee_id === null;
  return (
    await applyStep(scope, row, { acknowledged_at: now, assignee_id: taker, queue: null }, { event: 'acknowledged', from: row.status, to, note: input.note, data: { assignee_id: taker, taken_from_queue: taken } }, now)
  ).row;
}

/**
 * Hands a complaint to another member of staff of the tenant, who is notified.
 * @example await assignComplaint(scope, 42, { assignee_id: 7 }, null)
 */
export async function assignComplaint(scope: RequestScope, id: number, input: { assignee_id: number; note?: string }, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  assertAllowed(row, 'assign');
  await assertUserReferences(scope, [complaintAssignee(input.assignee_id)], 'complaint.assignee_invalid');
  const { row: updated, eventId } = await applyStep(
    scope,
    row,
    { assignee_id: input.assignee_id, queue: null },
    { event: 'assigned', from: row.status, to: null, note: input.note, data: { assignee_id: input.assignee_id, previous_assignee_id: row.assignee_id } },
    now,
  );
  await notify(scope, {
    recipient_ids: [input.assignee_id],
    kind: 'complaint.assigned',
    title: { zh: `投诉 ${row.complaint_no}（${row.priority}）已转交给您：${row.title}`, en: `Complaint ${row.complaint_no} (${row.priority}) is now yours: ${row.title}` },
    entity_type: 'complaint',
    entity_id: row.id,
    data: { customer_id: row.customer_id, priority: row.priority },
    dedupe_key: `complaint:${row.id}:assigned:${input.assignee_id}:${eventId}`,
  });
  return updated;
}

/**
 * Step 4: the investigation — cause, scope of impact and a note; the complaint is `investigating`.
 * @example await investigateComplaint(scope, 42, { cause: '交换机固件缺陷' }, null)
 */
export async function investigateComplaint(scope: RequestScope, id: number, input: { cause?: string; impact_scope?: string; note?: string }, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  const to = assertAllowed(row, 'investigate');
  const patch = { ...(input.cause !== undefined ? { cause: input.cause } : {}), ...(input.impact_scope !== undefined ? { impact_scope: input.impact_scope } : {}) };
  return (await applyStep(scope, row, patch, { event: 'investigated', from: row.status, to, note: input.note, data: patch }, now)).row;
}

/** An internal note on the complaint's history. */
export async function addComplaintNote(scope: RequestScope, id: number, note: string, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, null);
  assertAllowed(row, 'note');
  return (await applyStep(scope, row, {}, { event: 'note', from: row.status, to: null, note }, now)).row;
}

/**
 * Step 5: the solution and improvement measures; the customer is asked to confirm (anew after a rejection).
 * @example await resolveComplaint(scope, 42, { solution: '升级固件', improvement_measures: '季度巡检' }, null)
 */
export async function resolveComplaint(scope: RequestScope, id: number, input: { solution: string; improvement_measures: string }, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  const to = assertAllowed(row, 'resolve');
  const patch = { solution: input.solution, improvement_measures: input.improvement_measures, resolved_at: now, customer_confirmation: null, customer_feedback: null, customer_satisfaction: null };
  return (await applyStep(scope, row, patch, { event: 'resolved', from: row.status, to, note: input.solution, data: { improvement_measures: input.improvement_measures } }, now)).row;
}

/**
 * Step 6: the customer accepts the solution, or rejects it and the investigation reopens (the assignee is told).
 * @example await confirmComplaint(scope, 42, { accepted: true, satisfaction: 4 }, null)
 */
export async function confirmComplaint(scope: RequestScope, id: number, input: { accepted: boolean; feedback?: string; satisfaction?: number }, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  const to = assertAllowed(row, input.accepted ? 'confirm' : 'reject');
  const patch: Partial<ComplaintRow> = {
    customer_confirmation: input.accepted ? 'accepted' : 'rejected',
    customer_feedback: input.feedback ?? null,
    customer_satisfaction: input.satisfaction ?? null,
    ...(input.accepted ? {} : { resolved_at: null }),
  };
  const data = { accepted: input.accepted, satisfaction: input.satisfaction ?? null, recorded_by: isPortalPrincipal(scope.principal) ? 'customer' : 'staff' };
  const { row: updated, eventId } = await applyStep(scope, row, patch, { event: input.accepted ? 'confirmed' : 'rejected', from: row.status, to, note: input.feedback, data }, now);
  if (!input.accepted && row.assignee_id !== null) {
    await notify(scope, {
      recipient_ids: [row.assignee_id],
      kind: 'complaint.rejected',
      title: { zh: `客户未接受投诉 ${row.complaint_no} 的解决方案，已重新调查`, en: `The customer rejected the solution of complaint ${row.complaint_no}; it is back under investigation` },
      body: input.feedback ? { zh: input.feedback, en: input.feedback } : undefined,
      entity_type: 'complaint',
      entity_id: row.id,
      data: { customer_id: row.customer_id },
      dedupe_key: `complaint:${row.id}:rejected:${eventId}`,
    });
  }
  return updated;
}

/**
 * Step 7: closing records the lessons learned; only after the customer accepted the solution.
 * @example await closeComplaint(scope, 42, { lessons_learned: '固件基线纳入巡检' }, null)
 */
export async function closeComplaint(scope: RequestScope, id: number, input: { lessons_learned: string }, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  const to = assertAllowed(row, 'close');
  return (await applyStep(scope, row, { lessons_learned: input.lessons_learned, closed_at: now }, { event: 'closed', from: row.status, to, note: input.lessons_learned, data: { satisfaction: row.customer_satisfaction } }, now)).row;
}

/**
 * Staff correct the classifier's labels: the correction is stored (it retrains the tenant's model for the next
 * complaint), the labels change and the priority follows the new severity; the deadlines stay as they were.
 * @example await reclassifyComplaint(scope, 42, { category: 'billing' }, null)
 */
export async function reclassifyComplaint(scope: RequestScope, id: number, input: ComplaintReclassify, expected: number | null, now = new Date()): Promise<ComplaintRow> {
  const row = await lockedAt(scope, id, expected);
  assertAllowed(row, 'reclassify');
  const [customer] = await scope.tx.select({ level: customerDirectory.level }).from(customerDirectory).where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, row.customer_id)));
  const labels = { category: input.category ?? row.category, severity: input.severity ?? row.severity, sentiment: input.sentiment ?? row.sentiment };
  const priority = complaintPriority(labels.severity as ComplaintSeverity, customer?.level ?? 1);
  const predicted = { category: row.category, severity: row.severity, sentiment: row.sentiment, priority: row.priority, classification: row.classification };
  const corrector = await actingUserId(scope);
  await scope.tx.insert(complaintClassifierCorrections).values({
    tenant_id: scope.tenantId,
    complaint_id: row.id,
    text: complaintText(row.title, row.description),
    category: input.category ?? null,
    severity: input.severity ?? null,
    sentiment: input.sentiment ?? null,
    predicted,
    corrected_by: corrector,
    created_at: now,
  });
  const data = { from: { category: row.category, severity: row.severity, sentiment: row.sentiment, priority: row.priority }, to: { ...labels, priority } };
  return (await applyStep(scope, row, { ...labels, priority, corrected_by: corrector }, { event: 'reclassified', from: row.status, to: null, data }, now)).row;
}
