import { isPortalPrincipal, type Principal } from '../../../platform/auth/permissions.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { ComplaintClassification } from '../complaint-classifier/complaint-classifier.public.ts';
import { allowedActions } from './complaint-flow.ts';
import type { Complaint, ComplaintEvent } from './complaints.contract.ts';
import type { ComplaintDeadline, ComplaintEventRow, ComplaintRow } from './complaints.schema.ts';

const local = (date: Date | null) => (date ? formatLocalDateTime(date) : null);


/** The steps a customer sees on their complaint; investigation notes, reassignment and escalations stay internal. */
const CUSTOMER_VISIBLE_EVENTS = new Set(['submitted', 'acknowledged', 'resolved', 'confirmed', 'rejected', 'closed']);

/**
 * The deadlines a complaint has missed and not yet met at `now`.
 * @example overdueDeadlines(row, new Date()) // ['acknowledge']
 */
export function overdueDeadlines(row: Pick<ComplaintRow, 'status' | 'acknowledge_due_at' | 'resolve_due_at'>, now: Date): ComplaintDeadline[] {
  const missed: ComplaintDeadline[] = [];
  if (row.status === 'open' && row.acknowledge_due_at <= now) missed.push('acknowledge');
  if (row.status !== 'resolved' && row.status !== 'closed' && row.resolve_due_at <= now) missed.push('resolve');
  return missed;
}

/** A complaint as the API shows it to `principal`. */
export function presentComplaint(row: ComplaintRow, principal: Principal, now = new Date()): Complaint {
  const portal = isPortalPrincipal(principal);
  return {
    id: row.id,
    complaint_no: row.complaint_no,
    customer_id: row.customer_id,
    contact_id: row.contact_id,
    source: row.source,
    service_record_id: row.service_record_id,
    submitted_by: row.submitted_by,
    title: row.title,
    description: row.description,
    // Triage is the provider's: the classifier's labels and driving words, severity, sentiment, priority and
    // who handles it internally stay with staff.
    classification: portal ? null : (row.classification as ComplaintClassification),
    category: row.category as Complaint['category'],
    severity: portal ? null : (row.severity as Complaint['severity']),
    sentiment: portal ? null : (row.sentiment as Complaint['sentiment']),
    corrected: portal ? false : row.corrected_by !== null,
    priority: portal ? null : (row.priority as Complaint['priority']),
    status: row.status,
    assignee_id: portal ? null : row.assignee_id,
    queue: portal ? null : row.queue,
    acknowledge_due_at: formatLocalDateTime(row.acknowledge_due_at),
    resolve_due_at: formatLocalDateTime(row.resolve_due_at),
    acknowledged_at: local(row.acknowledged_at),
    resolved_at: local(row.resolved_at),
    closed_at: local(row.closed_at),
    overdue: overdueDeadlines(row, now),
    cause: portal ? null : row.cause,
    impact_scope: portal ? null : row.impact_scope,
    solution: row.solution,
    improvement_measures: row.improvement_measures,
    customer_confirmation: row.customer_confirmation,
    customer_feedback: row.customer_feedback,
    customer_satisfaction: row.customer_satisfaction,
    lessons_learned: portal ? null : row.lessons_learned,
    escalation_level: portal ? 0 : row.escalation_level,
    allowed_actions: allowedActions(row.status, row.customer_confirmation).filter((action) => !portal || action === 'confirm' || action === 'reject'),
    version: row.version,
    created_at: formatLocalDateTime(row.created_at),
    updated_at: formatLocalDateTime(row.updated_at),
  };
}

/** The events `principal` may see, oldest first. */
export function presentEvents(rows: ComplaintEventRow[], principal: Principal): ComplaintEvent[] {
  const portal = isPortalPrincipal(principal);
  return rows
    .filter((row) => !portal || CUSTOMER_VISIBLE_EVENTS.has(row.event))
    .map((row) => ({
      id: row.id,
      event: row.event,
      from_status: row.from_status as ComplaintEvent['from_status'],
      to_status: row.to_status as ComplaintEvent['to_status'],
      actor_id: row.actor_id,
      note: row.note,
      // Event data carries internals (classification, assignee, escalation recipients).
      data: portal ? {} : row.data,
      at: formatLocalDateTime(row.at),
    }));
}
