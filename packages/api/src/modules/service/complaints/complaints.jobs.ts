/**
 * # Complaint escalation (REQ-016 §9 投诉升级)
 *
 * A complaint still `open` past its acknowledge deadline, or not resolved past its resolve deadline, climbs the
 * tenant's chain (default: the customer's manager at once, the admins as director after 60 minutes and as
 * executive after 240): each level whose `after_minutes` have passed since the missed deadline is reached.
 *
 * Exactly once: every (complaint, deadline, level) is inserted into `complaint_escalations`, whose primary key
 * is that triple, in the same transaction as its notification, history row, audit entry, outbox event and the
 * raised `escalation_level`; only the run whose insert created the row announces it. A concurrent run (another
 * replica, an overlapping timer) waits on the complaint's row lock and then finds the rows there; a crash rolls
 * everything back. Each complaint is its own transaction, so one failure never holds up the rest.
 */
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/create-db.ts';
import type { KeyRing } from '../../../platform/crypto/key-ring.ts';
import { audit } from '../../../platform/audit.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { staffUserIds, tenantAdminIds } from '../../../platform/staff-users.ts';
import { inTenantJob, jobTenants } from '../../../platform/tenant-jobs.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import { notify } from '../../success/notifications/notifications.public.ts';
import { complaintPolicyOf } from './complaint-policy.service.ts';
import { overdueDeadlines } from './complaint-present.ts';
import { writeComplaintEvent } from './complaint-steps.ts';
import { complaintEscalations, complaints, type ComplaintDeadline, type ComplaintRow, type EscalationLevel } from './complaints.schema.ts';

/** What one run did, for logs and tests. */
export type EscalationReport = { tenants: number; complaints: number; escalations: number; failures: number };

type Deps = { db: Db; keyRing: KeyRing; logger?: Logger };

/** One step up the chain that is due: the deadline missed and the level (1-based) reached. */
export type DueEscalation = { deadline: ComplaintDeadline; level: number; spec: EscalationLevel };

/**
 * The levels a complaint has reached at `now`, for each deadline it missed (recorded or not).
 * @example dueEscalations(row, chain, now) // [{ deadline: 'acknowledge', level: 1, spec: chain[0] }]
 */
export function dueEscalations(row: Pick<ComplaintRow, 'status' | 'acknowledge_due_at' | 'resolve_due_at'>, chain: readonly EscalationLevel[], now: Date): DueEscalation[] {
  const due: DueEscalation[] = [];
  for (const deadline of overdueDeadlines(row, now)) {
    const missedAt = deadline === 'acknowledge' ? row.acknowledge_due_at : row.resolve_due_at;
    chain.forEach((spec, i) => {
      if (missedAt.getTime() + spec.after_minutes * 60_000 <= now.getTime()) due.push({ deadline, level: i + 1, spec });
    });
  }
  return due;
}

/** Who hears at a level: the named staff, or the customer's manager (else the assignee); the admins if nobody else. */
async function recipientsOf(scope: RequestScope, row: ComplaintRow, spec: EscalationLevel): Promise<number[]> {
  let ids: number[] = [];
  if (spec.notify === 'users') ids = await staffUserIds(scope, spec.user_ids ?? []);
  else {
    const [customer] = await scope.tx
      .select({ manager: customerDirectory.assigned_manager_id })
      .from(customerDirectory)
      .where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, row.customer_id)));
    const candidates = [customer?.manager, row.assignee_id].filter((id): id is number => typeof id === 'number');
    const staff = new Set(await staffUserIds(scope, candidates));
    ids = candidates.filter((id) => staff.has(id)).slice(0, 1);
  }
  // An escalation nobody hears is no escalation: fall back to the tenant's admins.
  return ids.length > 0 ? ids : tenantAdminIds(scope);
}

const DEADLINE_TEXT: Record<ComplaintDeadline, { zh: string; en: string }> = {
  acknowledge: { zh: '未按时受理', en: 'was not acknowledged in time' },
  resolve: { zh: '未按时解决', en: 'was not resolved in time' },
};

/** Records and announces the escalations due for one complaint (locked); returns how many were new. */
async function escalateComplaint(scope: RequestScope, row: ComplaintRow, chain: readonly EscalationLevel[], now: Date): Promise<number> {
  let created = 0;
  for (const step of dueEscalations(row, chain, now)) {
    const recipients = await recipientsOf(scope, row, step.spec);
    const [inserted] = await scope.tx
      .insert(complaintEscalations)
      .values({ tenant_id: scope.tenantId, complaint_id: row.id, deadline: step.deadline, level: step.level, level_name: step.spec.name, notified_user_ids: recipients, escalated_at: now })
      .onConflictDoNothing()
      .returning();
    if (!inserted) continue;
    created += 1;
    const missed = DEADLINE_TEXT[step.deadline];
    await notify(scope, {
      recipient_ids: recipients,
      kind: 'complaint.escalated',
      title: { zh: `投诉升级（${step.spec.name}）：${row.complaint_no} ${missed.zh}`, en: `Complaint escalated (${step.spec.name}): ${row.complaint_no} ${missed.en}` },
      body: { zh: `${row.priority}「${row.title}」`, en: `${row.priority} "${row.title}"` },
      entity_type: 'complaint',
      entity_id: row.id,
      data: { deadline: step.deadline, level: step.level, level_name: step.spec.name, customer_id: row.customer_id },
      dedupe_key: `complaint:${row.id}:${step.deadline}:${step.level}`,
    });
    const data = { deadline: step.deadline, level: step.level, level_name: step.spec.name, notified_user_ids: recipients };
    await writeComplaintEvent(scope, row.id, { event: 'escalated', from: row.status, to: null, actorId: null, data }, now);
    await emitEvent(scope, { type: 'complaint.escalated', entity_type: 'complaint', entity_id: row.id, payload: { complaint_no: row.complaint_no, customer_id: row.customer_id, priority: row.priority, ...data } });
    await audit(scope, { action: 'complaint.escalated', entity_type: 'complaint', entity_id: row.id, after: data });
  }
  if (created > 0) {
    await scope.tx
      .update(complaints)
      .set({
        escalation_level: sql`greatest(${complaints.escalation_level}, (select max(level) from ${complaintEscalations} e where e.tenant_id = ${scope.tenantId} and e.complaint_id = ${row.id}))`,
        version: sql`${complaints.version} + 1`,
        updated_at: now,
      })
      .where(and(eq(complaints.tenant_id, scope.tenantId), eq(complaints.id, row.id)));
  }
  return created;
}

/** Complaints that missed a deadline at `now` (the partial indexes serve both halves). */
const overdueWhere = (tenantId: number, now: Date) =>
  and(
    eq(complaints.tenant_id, tenantId),
    or(
      and(eq(complaints.status, 'open'), lte(complaints.acknowledge_due_at, now)),
      and(inArray(complaints.status, ['open', 'acknowledged', 'investigating']), lte(complaints.resolve_due_at, now)),
    ),
  );

/**
 * One pass over every tenant's overdue complaints at `now`.
 * @example const report = await runComplaintEscalations({ db, keyRing }, new Date());
 */
export async function runComplaintEscalations(deps: Deps, now: Date): Promise<EscalationReport> {
  const report: EscalationReport = { tenants: 0, complaints: 0, escalations: 0, failures: 0 };
  const runId = `complaint-escalation-${now.toISOString()}-${Math.random().toString(36).slice(2, 8)}`;
  for (const tenant of await jobTenants(deps.db)) {
    report.tenants += 1;
    const inTenant = <T>(work: (scope: RequestScope) => Promise<T>) => inTenantJob(deps, tenant, 'complaint-escalation', runId, work);
    const overdue = await inTenant((scope) => scope.tx.select({ id: complaints.id }).from(complaints).where(overdueWhere(tenant.id, now)));
    if (overdue.length === 0) continue;
    const chain = (await inTenant((scope) => complaintPolicyOf(scope))).chain;
    for (const { id } of overdue) {
      try {
        report.escalations += await inTenant(async (scope) => {
          const [row] = await scope.tx.select().from(complaints).where(and(overdueWhere(tenant.id, now), eq(complaints.id, id))).for('update');
          return row ? escalateComplaint(scope, row, chain, now) : 0;
        });
        report.complaints += 1;
      } catch (error) {
        report.failures += 1;
        deps.logger?.warn({ err: error, tenant_id: tenant.id, complaint_id: id }, 'complaint escalation failed');
      }
    }
  }
  return report;
}
