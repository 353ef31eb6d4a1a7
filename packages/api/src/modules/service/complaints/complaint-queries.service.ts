import { and, asc, desc, eq, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { ApiError } from '../../../platform/errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { isPortalPrincipal } from '../../../platform/auth/permissions.ts';
import { presentComplaint, presentEvents } from './complaint-present.ts';
import { loadComplaint, visibleComplaints } from './complaint-steps.ts';
import type { Complaint, ComplaintDetail, ComplaintListQuery } from './complaints.contract.ts';
import { complaintEscalations, complaintEvents, complaints } from './complaints.schema.ts';

/** `%`, `_` and `\` match themselves in the search words. */
const likeWords = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A complaint with its history, its escalations and its deadlines, as `scope`'s caller may see it.
 * @example const detail = await complaintDetail(scope, 42); detail.events[0].event // 'submitted'
 */
export async function complaintDetail(scope: RequestScope, id: number): Promise<ComplaintDetail> {
  const row = await loadComplaint(scope, id);
  const events = await scope.tx
    .select()
    .from(complaintEvents)
    .where(and(eq(complaintEvents.tenant_id, scope.tenantId), eq(complaintEvents.complaint_id, id)))
    .orderBy(asc(complaintEvents.id));
  const escalations = isPortalPrincipal(scope.principal)
    ? []
    : await scope.tx
        .select()
        .from(complaintEscalations)
        .where(and(eq(complaintEscalations.tenant_id, scope.tenantId), eq(complaintEscalations.complaint_id, id)))
        .orderBy(asc(complaintEscalations.escalated_at), asc(complaintEscalations.deadline), asc(complaintEscalations.level));
  return {
    ...presentComplaint(row, scope.principal),
    events: presentEvents(events, scope.principal),
    escalations: escalations.map((e) => ({ deadline: e.deadline, level: e.level, level_name: e.level_name, notified_user_ids: e.notified_user_ids, escalated_at: formatLocalDateTime(e.escalated_at) })),
  };
}

/** `overdue=true`: a deadline passed and is still unmet. */
const overdueAt = (now: Date): SQL =>
  sql`((${complaints.status} = 'open' and ${complaints.acknowledge_due_at} <= ${now.toISOString()}::timestamptz) or (${complaints.status} in ('open', 'acknowledged', 'investigating') and ${complaints.resolve_due_at} <= ${now.toISOString()}::timestamptz))`;

function listConditions(scope: RequestScope, query: ComplaintListQuery, now: Date): SQL[] {
  const where: SQL[] = [visibleComplaints(scope)];
  if (query.status) where.push(eq(complaints.status, query.status));
  if (query.customer_id) where.push(eq(complaints.customer_id, query.customer_id));
  if (query.assignee) {
    const assignee = query.assignee === 'me' ? scope.principal.userId : Number(query.assignee);
    if (assignee === null) throw new ApiError('request.invalid', { reason: 'assignee=me needs a signed-in user' });
    where.push(eq(complaints.assignee_id, assignee));
  }
  if (query.category) where.push(eq(complaints.category, query.category));
  if (query.priority) where.push(eq(complaints.priority, query.priority));
  if (query.overdue === 'true') where.push(overdueAt(now));
  if (query.overdue === 'false') where.push(sql`not ${overdueAt(now)}`);
  if (query.q) {
    const words = likeWords(query.q);
    // Lessons learned are internal: a portal user's search does not look into them.
    const fields = [complaints.complaint_no, complaints.title, complaints.description, ...(isPortalPrincipal(scope.principal) ? [] : [complaints.lessons_learned])];
    where.push(or(...fields.map((field) => ilike(field, words)))!);
  }
  return where;
}

/**
 * A page of complaints, newest first, keyset-paginated on (created_at, id).
 * @example await listComplaints(scope, { status: 'open', assignee: 'me', limit: 20 })
 */
export async function listComplaints(scope: RequestScope, query: ComplaintListQuery, now = new Date()): Promise<{ items: Complaint[]; next_cursor: string | null }> {
  const where = listConditions(scope, query, now);
  const after = decodeCursor(query.cursor);
  if (after) where.push(sql`(${complaints.created_at}, ${complaints.id}) < (${String(after.value)}::timestamptz, ${after.id})`);
  const rows = await scope.tx
    .select()
    .from(complaints)
    .where(and(...where))
    .orderBy(desc(complaints.created_at), desc(complaints.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => presentComplaint(row, scope.principal, now)),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.created_at.toISOString(), id: last.id }) : null,
  };
}

/**
 * Closed complaints' lessons learned, searchable by words in the title, category, lessons, cause, solution
 * or measures; most recently closed first.
 * @example await searchComplaintLessons(scope, { q: '固件', limit: 20 })
 */
export async function searchComplaintLessons(scope: RequestScope, query: { q?: string; limit: number; cursor?: string }) {
  const where: SQL[] = [visibleComplaints(scope), eq(complaints.status, 'closed'), isNotNull(complaints.lessons_learned), isNotNull(complaints.closed_at)];
  if (query.q) {
    const words = likeWords(query.q);
    const fields = [complaints.title, complaints.category, complaints.lessons_learned, complaints.cause, complaints.solution, complaints.improvement_measures];
    where.push(or(...fields.map((field) => ilike(field, words)))!);
  }
  const after = decodeCursor(query.cursor);
  if (after) where.push(sql`(${complaints.closed_at}, ${complaints.id}) < (${String(after.value)}::timestamptz, ${after.id})`);
  const rows = await scope.tx
    .select()
    .from(complaints)
    .where(and(...where))
    .orderBy(desc(complaints.closed_at), desc(complaints.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({
      id: row.id,
      complaint_no: row.complaint_no,
      customer_id: row.customer_id,
      title: row.title,
      category: row.category as Complaint['category'],
      cause: row.cause,
      solution: row.solution,
      improvement_measures: row.improvement_measures,
      lessons_learned: row.lessons_learned!,
      closed_at: formatLocalDateTime(row.closed_at!),
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.closed_at!.toISOString(), id: last.id }) : null,
  };
}
