import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './complaints.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { actingUserId, type UserReference } from '../../../platform/staff-users.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { decide, type ComplaintAction } from './complaint-flow.ts';
import { complaintEvents, complaints, type ComplaintRow, type ComplaintStatus } from './complaints.schema.ts';

/** A complaint's assignee handles it: a member of staff of the tenant who may write complaints. */
export const complaintAssignee = (id: number | null | undefined): UserReference => ({ field: 'assignee_id', id, permission: 'complaint:write' });

/** Complaints of the customers the caller may see (portal users: their own customer's only). */
export const visibleComplaints = (scope: RequestScope) =>
  and(eq(complaints.tenant_id, scope.tenantId), inArray(complaints.customer_id, scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(visibleCustomers(scope, customerDirectory))))!;

/**
 * A complaint the caller may see, or 404 `complaint.not_found` (also for another tenant's or customer's).
 * With `lock`, the row is locked for the transaction so concurrent steps on one complaint apply in turn.
 */
export async function loadComplaint(scope: RequestScope, id: number, options: { lock?: boolean } = {}): Promise<ComplaintRow> {
  const query = scope.tx.select().from(complaints).where(and(visibleComplaints(scope), eq(complaints.id, id)));
  const [row] = options.lock ? await query.for('update', { of: complaints }) : await query;
  if (!row) throw new ApiError('complaint.not_found', { id });
  return row;
}

/** Refuses an action the flow does not allow now (409 with the actions that are possible). */
export function assertAllowed(row: ComplaintRow, action: ComplaintAction): ComplaintStatus {
  const decision = decide(row.status, row.customer_confirmation, action);
  if (!decision.ok) throw new ApiError(decision.error, { status: row.status, customer_confirmation: row.customer_confirmation, action, reason: decision.reason, allowed_actions: decision.allowed });
  return decision.to;
}

/** One row of the complaint's history. */
export type StepEvent = { event: string; from: ComplaintStatus | null; to: ComplaintStatus | null; note?: string | null; data?: Record<string, unknown>; actorId?: number | null };

/** Appends to the history; the actor is the signed-in user unless given (null: the system). */
export async function writeComplaintEvent(scope: RequestScope, complaintId: number, step: StepEvent, at = new Date()): Promise<number> {
  const [row] = await scope.tx
    .insert(complaintEvents)
    .values({
      tenant_id: scope.tenantId,
      complaint_id: complaintId,
      event: step.event,
      from_status: step.from,
      to_status: step.to,
      actor_id: step.actorId === undefined ? await actingUserId(scope) : step.actorId,
      note: step.note ?? null,
      data: step.data ?? {},
      at,
    })
    .returning({ id: complaintEvents.id });
  return row!.id;
}

/**
 * Applies one step of the flow: the row update (version bumped), its history row, the audit entry and the
 * `complaint.<event>` domain event, all in the caller's transaction.
 * @example await applyStep(scope, row, { acknowledged_at: now }, { event: 'acknowledged', from: 'open', to: 'acknowledged' })
 */
export async function applyStep(scope: RequestScope, row: ComplaintRow, patch: Partial<ComplaintRow>, step: StepEvent, now = new Date()): Promise<{ row: ComplaintRow; eventId: number }> {
  const [updated] = await scope.tx
    .update(complaints)
    .set({ ...patch, ...(step.to ? { status: step.to } : {}), version: sql`${complaints.version} + 1`, updated_at: now })
    .where(and(eq(complaints.tenant_id, scope.tenantId), eq(complaints.id, row.id)))
    .returning();
  const eventId = await writeComplaintEvent(scope, row.id, step, now);
  await audit(scope, { action: `complaint.${step.event}`, entity_type: 'complaint', entity_id: row.id, before: row, after: updated });
  await emitEvent(scope, {
    type: `complaint.${step.event}`,
    entity_type: 'complaint',
    entity_id: row.id,
    payload: { complaint_no: row.complaint_no, customer_id: row.customer_id, from_status: step.from, to_status: step.to, priority: updated!.priority, assignee_id: updated!.assignee_id, ...step.data },
  });
  return { row: updated!, eventId };
}
