import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import { users } from './identity/users.schema.ts';
import { permissionsOf, type Permission, type Principal } from './auth/permissions.ts';
import { ApiError, type ErrorCode } from './errors.ts';
import type { RequestScope } from './request-context.ts';

/** Why a user id may not stand in a field: not a user of the caller's tenant, a portal user, or a role that cannot do the work. */
export type UserReferenceReason = 'not_in_tenant' | 'portal_user' | 'role';

/**
 * A field of a write that names a user, and what that user must be allowed to do there (no permission: any
 * member of staff). `id` null or undefined names nobody and is always fine.
 */
export type UserReference = { field: string; id: number | null | undefined; permission?: Permission };

/** What is wrong with one reference: the 422 details. */
export type UserReferenceProblem = { field: string; user_id: number; reason: UserReferenceReason; required_permission?: Permission };

type UserFacts = { id: number; roles: string[]; customer_id: number | null };

/** Portal users belong to a customer: they may file and follow, never own, sign or be assigned staff work. */
const isPortalUser = (user: UserFacts): boolean => user.customer_id !== null || user.roles.includes('customer');

async function usersOf(scope: RequestScope, ids: readonly number[]): Promise<Map<number, UserFacts>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await scope.tx
    .select({ id: users.id, roles: users.roles, customer_id: users.customer_id })
    .from(users)
    .where(and(eq(users.tenant_id, scope.tenantId), inArray(users.id, wanted)));
  return new Map(rows.map((row) => [row.id, row]));
}

function problemOf(reference: UserReference & { id: number }, user: UserFacts | undefined): UserReferenceProblem | null {
  const base = { field: reference.field, user_id: reference.id };
  if (!user) return { ...base, reason: 'not_in_tenant' };
  if (isPortalUser(user)) return { ...base, reason: 'portal_user' };
  if (reference.permission && !permissionsOf(user.roles).has(reference.permission)) return { ...base, reason: 'role', required_permission: reference.permission };
  return null;
}

/**
 * What is wrong with each user a write names, in the order given; empty when every one may stand there.
 * @example await userReferenceProblems(scope, [{ field: 'owner_id', id: 7, permission: 'customer:write' }]) // [{ field: 'owner_id', user_id: 7, reason: 'role', … }]
 */
export async function userReferenceProblems(scope: RequestScope, references: readonly UserReference[]): Promise<UserReferenceProblem[]> {
  const named = references.filter((r): r is UserReference & { id: number } => r.id !== null && r.id !== undefined);
  const found = await usersOf(scope, named.map((r) => r.id));
  return named.map((r) => problemOf(r, found.get(r.id))).filter((p): p is UserReferenceProblem => p !== null);
}

/**
 * A user carried over from another record (a renewal's owner from its predecessor): kept while they may still
 * stand in the field, else null, so that the write falls back to its default rather than fail on a field the
 * caller did not send.
 * @example owner_id: await stillFitting(scope, { field: 'owner_id', id: predecessor.owner_id, permission: 'customer:write' })
 */
export async function stillFitting(scope: RequestScope, reference: UserReference): Promise<number | null> {
  if (reference.id === null || reference.id === undefined) return null;
  return (await userReferenceProblems(scope, [reference])).length === 0 ? reference.id : null;
}

/**
 * Refuses a write whose user fields name someone outside the tenant, a portal user, or a member of staff
 * whose roles cannot do the work (422 before anything is written; the database's foreign keys catch what a
 * race slips past). `code` keeps the domain codes clients already know (`task.assignee_invalid`).
 * @example await assertUserReferences(scope, [{ field: 'assigned_manager_id', id: input.assigned_manager_id, permission: 'customer:write' }]);
 */
export async function assertUserReferences(scope: RequestScope, references: readonly UserReference[], code: ErrorCode = 'user.reference_invalid'): Promise<void> {
  const [first] = await userReferenceProblems(scope, references);
  if (first) throw new ApiError(code, first);
}

/**
 * The members of staff of the tenant among `ids` (not portal users, not another tenant's users), by id.
 * @example await staffUserIds(scope, [3, 4]) // [3] when 4 is a portal user or of another tenant
 */
export async function staffUserIds(scope: RequestScope, ids: readonly number[]): Promise<number[]> {
  const found = await usersOf(scope, ids);
  return [...found.values()].filter((user) => !isPortalUser(user)).map((user) => user.id).sort((a, b) => a - b);
}

/**
 * The tenant's admins (staff only), by id: who hears what nobody else was named for.
 * @example await tenantAdminIds(scope) // [1]
 */
export async function tenantAdminIds(scope: RequestScope): Promise<number[]> {
  const rows = await scope.tx
    .select({ id: users.id, roles: users.roles, customer_id: users.customer_id })
    .from(users)
    .where(and(eq(users.tenant_id, scope.tenantId), arrayContains(users.roles, ['admin'])))
    .orderBy(users.id);
  return rows.filter((user) => !isPortalUser(user)).map((user) => user.id);
}

const actingUsers = new WeakMap<Principal, Promise<number | null>>();

/**
 * The caller as the user its records name (`created_by`, `author_id`, a default owner): its user id when that
 * is a user of the tenant, else null — an API key, the system, or a token of an external issuer whose subject
 * has no user here. Looked up once per request.
 * @example created_by: await actingUserId(scope)
 */
export function actingUserId(scope: RequestScope): Promise<number | null> {
  const { principal } = scope;
  if (principal.userId === null) return Promise.resolve(null);
  let known = actingUsers.get(principal);
  if (!known) {
    const userId = principal.userId;
    known = usersOf(scope, [userId]).then((found) => (found.has(userId) ? userId : null));
    actingUsers.set(principal, known);
  }
  return known;
}

/** The database's foreign keys from a user column to `users`: which field each guards, and its error code. */
const userForeignKeys: Record<string, { field: string; code?: ErrorCode }> = {
  customers_assigned_manager_id_fk: { field: 'assigned_manager_id' },
  contracts_staff_signatory_id_fk: { field: 'staff_signatory_id' },
  contracts_owner_id_fk: { field: 'owner_id' },
  leads_owner_id_fk: { field: 'owner_id' },
  opportunities_owner_id_fk: { field: 'owner_id' },
  tasks_assignee_id_fk: { field: 'assignee_id', code: 'task.assignee_invalid' },
  tasks_created_by_fk: { field: 'created_by' },
  task_comments_author_id_fk: { field: 'author_id' },
  complaints_assignee_id_fk: { field: 'assignee_id', code: 'complaint.assignee_invalid' },
  complaints_submitted_by_fk: { field: 'submitted_by' },
  complaints_corrected_by_fk: { field: 'corrected_by' },
  complaint_events_actor_id_fk: { field: 'actor_id' },
  complaint_classifier_corrections_corrected_by_fk: { field: 'corrected_by' },
  notifications_recipient_id_fk: { field: 'recipient_id' },
  communications_created_by_fk: { field: 'created_by' },
  segments_created_by_fk: { field: 'created_by' },
  survey_templates_created_by_fk: { field: 'created_by' },
  survey_campaigns_created_by_fk: { field: 'created_by' },
  survey_responses_portal_user_id_fk: { field: 'portal_user_id' },
  improvement_actions_owner_id_fk: { field: 'owner_id' },
  improvement_actions_created_by_fk: { field: 'created_by' },
};

/** Every constraint name of `userForeignKeys` (the schema test checks it against the tables). */
export const USER_FOREIGN_KEY_NAMES: readonly string[] = Object.keys(userForeignKeys);

/**
 * The 422 for a user foreign key the database refused (a user id that slipped past the check, say in a race),
 * or null for any other constraint.
 * @example userReferenceErrorOf('customers_assigned_manager_id_fk')?.code // 'user.reference_invalid'
 */
export function userReferenceErrorOf(constraint: string): ApiError | null {
  const known = userForeignKeys[constraint];
  if (!known) return null;
  return new ApiError(known.code ?? 'user.reference_invalid', { field: known.field, reason: 'not_in_tenant' satisfies UserReferenceReason, constraint });
}
