import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './complaints.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { staffUserIds, tenantAdminIds } from '../../../platform/staff-users.ts';
import type { ComplaintPolicy, ComplaintPolicyInput } from './complaint-policy.contract.ts';
import { DEFAULT_COMPLAINT_DEADLINES, type ComplaintDeadlines } from './complaint-priority.ts';
import { complaintPolicies, type EscalationLevel } from './complaints.schema.ts';

/**
 * The chain when a tenant stored none: the customer's manager as soon as a deadline is missed, then the
 * tenant's admins as director (after an hour) and as executive (after four hours). Admins stand in for
 * "senior management" because roles have no finer rank; a tenant names real people with `PUT …/policy`.
 */
export function defaultChain(adminIds: number[]): EscalationLevel[] {
  return [
    { name: 'manager', after_minutes: 0, notify: 'customer_manager' },
    { name: 'director', after_minutes: 60, notify: 'users', user_ids: adminIds },
    { name: 'executive', after_minutes: 240, notify: 'users', user_ids: adminIds },
  ];
}

/** The stored policy or the default, as the API shows it. */
export async function complaintPolicyOf(scope: RequestScope): Promise<ComplaintPolicy> {
  const [row] = await scope.tx.select().from(complaintPolicies).where(eq(complaintPolicies.tenant_id, scope.tenantId));
  if (row) return { chain: row.chain, deadlines: row.deadlines, is_default: false, version: row.version };
  return { chain: defaultChain(await tenantAdminIds(scope)), deadlines: DEFAULT_COMPLAINT_DEADLINES, is_default: true, version: 0 };
}

/** The deadlines of the tenant's policy (the default when none is stored). */
export async function complaintDeadlinesOf(scope: RequestScope): Promise<ComplaintDeadlines> {
  const [row] = await scope.tx.select({ deadlines: complaintPolicies.deadlines }).from(complaintPolicies).where(eq(complaintPolicies.tenant_id, scope.tenantId));
  return row?.deadlines ?? DEFAULT_COMPLAINT_DEADLINES;
}

/** What is wrong with a policy beyond its shape; empty when it is fine. */
async function policyProblems(scope: RequestScope, input: ComplaintPolicyInput): Promise<string[]> {
  const problems: string[] = [];
  input.chain.forEach((level, i) => {
    const previous = input.chain[i - 1];
    if (previous && level.after_minutes <= previous.after_minutes) problems.push(`chain[${i}].after_minutes must be greater than ${previous.after_minutes}`);
    if (level.notify === 'users' && !level.user_ids?.length) problems.push(`chain[${i}].user_ids must name at least one user`);
    if (level.notify === 'customer_manager' && level.user_ids?.length) problems.push(`chain[${i}].user_ids is only for notify "users"`);
  });
  const named = [...new Set(input.chain.flatMap((level) => level.user_ids ?? []))];
  const staff = new Set(await staffUserIds(scope, named));
  const unknown = named.filter((id) => !staff.has(id));
  if (unknown.length) problems.push(`unknown or non-staff users: ${unknown.join(', ')}`);
  for (const [priority, minutes] of Object.entries(input.deadlines)) {
    if (minutes.resolve_minutes < minutes.acknowledge_minutes) problems.push(`deadlines.${priority}.resolve_minutes must not be shorter than acknowledge_minutes`);
  }
  return problems;
}

/**
 * Replaces the tenant's policy when `expected` is still the version in force (`null`: any).
 * @example await putComplaintPolicy(scope, 0, { chain: [...], deadlines: {...} })
 */
export async function putComplaintPolicy(scope: RequestScope, expected: number | null, input: ComplaintPolicyInput): Promise<ComplaintPolicy> {
  const problems = await policyProblems(scope, input);
  if (problems.length) throw new ApiError('complaint.policy_invalid', { problems });
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext('crm.complaint_policy'), ${scope.tenantId}::int)`);
  const before = await complaintPolicyOf(scope);
  if (expected !== null && expected !== before.version) throw new ApiError('precondition.failed', { current_version: before.version });
  const chain: EscalationLevel[] = input.chain.map((level) => ({ name: level.name, after_minutes: level.after_minutes, notify: level.notify, ...(level.notify === 'users' ? { user_ids: level.user_ids } : {}) }));
  const [row] = await scope.tx
    .insert(complaintPolicies)
    .values({ tenant_id: scope.tenantId, chain, deadlines: input.deadlines })
    .onConflictDoUpdate({ target: complaintPolicies.tenant_id, set: { chain, deadlines: input.deadlines, version: sql`${complaintPolicies.version} + 1`, updated_at: new Date() } })
    .returning();
  const after: ComplaintPolicy = { chain: row!.chain, deadlines: row!.deadlines, is_default: false, version: row!.version };
  await audit(scope, { action: 'complaint_policy.updated', entity_type: 'complaint_policy', entity_id: scope.tenantId, before, after });
  return after;
}
