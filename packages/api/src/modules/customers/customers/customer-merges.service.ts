import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { RequestScope } from '../../../platform/request-context.ts';
import { normaliseCustomerName, pinyinKeys, websiteDomain } from './customer-name.ts';
import { visibleCustomers } from './customer-visibility.ts';
import { customerMerges, customers } from './customers.schema.ts';
import { type CustomerRow, refreshCompleteness } from './customers.service.ts';

// What the customers module does for a merge (the customer-merge module plans it and calls these in one
// transaction): the customers table and the merge records are written here only.

/** What a merge may set on the survivor: profile fields, never its identity, version or derived columns. */
export type MergedProfile = Pick<CustomerRow, 'customer_name' | 'website'> &
  Partial<
    Omit<
      CustomerRow,
      | 'tenant_id'
      | 'id'
      | 'customer_code'
      | 'name_normalized'
      | 'name_pinyin'
      | 'website_domain'
      | 'completeness_score'
      | 'completeness_missing'
      | 'archived_at'
      | 'version'
      | 'created_at'
      | 'updated_at'
    >
  >;

/**
 * The customers among `ids` that the caller may see, in id order. `forUpdate` locks them: taken in id order,
 * two merges touching the same customers wait for each other instead of deadlocking.
 * @example const rows = await findVisibleCustomers(scope, [survivorId, mergedId], { forUpdate: true });
 */
export async function findVisibleCustomers(scope: RequestScope, ids: number[], options: { forUpdate: boolean }): Promise<CustomerRow[]> {
  const query = scope.tx
    .select()
    .from(customers)
    .where(and(visibleCustomers(scope), inArray(customers.id, ids)))
    .orderBy(asc(customers.id));
  return options.forUpdate ? query.for('update') : query;
}

/** How many earlier merges have `customerId` as their survivor. */
export function countMergesInto(scope: RequestScope, customerId: number): Promise<number> {
  return scope.tx.$count(customerMerges, and(eq(customerMerges.tenant_id, scope.tenantId), eq(customerMerges.survivor_id, customerId)));
}

/**
 * Makes the subsidiaries of `fromId` subsidiaries of `toId` (a merge); `toId` itself, if it was one, is left
 * alone so it does not become its own parent.
 * @example const moved = await reparentSubsidiaries(scope, mergedId, survivorId); // 2
 */
export async function reparentSubsidiaries(scope: RequestScope, fromId: number, toId: number): Promise<number> {
  const moved = await scope.tx
    .update(customers)
    .set({ parent_customer_id: toId, version: sql`${customers.version} + 1`, updated_at: new Date() })
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.parent_customer_id, fromId), ne(customers.id, toId)))
    .returning({ id: customers.id });
  return moved.length;
}

/**
 * Earlier merges into `fromId` now resolve to `toId`, so old customer codes keep leading somewhere live.
 * @example const redirected = await redirectMerges(scope, mergedId, survivorId); // 1
 */
export async function redirectMerges(scope: RequestScope, fromId: number, toId: number): Promise<number> {
  const redirected = await scope.tx
    .update(customerMerges)
    .set({ survivor_id: toId })
    .where(and(eq(customerMerges.tenant_id, scope.tenantId), eq(customerMerges.survivor_id, fromId)))
    .returning({ id: customerMerges.id });
  return redirected.length;
}

/**
 * Completes a merge on the customers side: the survivor takes the chosen values (search keys follow),
 * the merged customer is archived (kept, so its code resolves), both get their completeness recomputed,
 * and the merge is recorded. Answers the record's id and both rows as they are now, for the audit.
 * @example const { mergeId } = await markMerged(scope, { survivor, merged, values, fieldChoices, moved });
 */
export async function markMerged(
  scope: RequestScope,
  merge: { survivor: CustomerRow; merged: CustomerRow; values: MergedProfile; fieldChoices: Record<string, string>; moved: Record<string, unknown> },
): Promise<{ mergeId: number; survivorAfter: CustomerRow | undefined; mergedAfter: CustomerRow | undefined }> {
  const { survivor, merged, values } = merge;
  const now = new Date();
  const tenant = eq(customers.tenant_id, scope.tenantId);
  await scope.tx
    .update(customers)
    .set({
      ...values,
      name_normalized: normaliseCustomerName(values.customer_name),
      name_pinyin: pinyinKeys(values.customer_name),
      website_domain: websiteDomain(values.website),
      version: survivor.version + 1,
      updated_at: now,
    })
    .where(and(tenant, eq(customers.id, survivor.id)));
  await scope.tx
    .update(customers)
    .set({ archived_at: now, version: merged.version + 1, updated_at: now })
    .where(and(tenant, eq(customers.id, merged.id)));
  await refreshCompleteness(scope, survivor.id);
  await refreshCompleteness(scope, merged.id);
  const [record] = await scope.tx
    .insert(customerMerges)
    .values({
      tenant_id: scope.tenantId,
      survivor_id: survivor.id,
      merged_id: merged.id,
      merged_code: merged.customer_code,
      merged_name: merged.customer_name,
      field_choices: JSON.stringify(merge.fieldChoices),
      moved: JSON.stringify(merge.moved),
      actor_id: scope.principal.subject,
    })
    .returning({ id: customerMerges.id });
  const after = await scope.tx.select().from(customers).where(and(tenant, inArray(customers.id, [survivor.id, merged.id])));
  return { mergeId: record!.id, survivorAfter: after.find((r) => r.id === survivor.id), mergedAfter: after.find((r) => r.id === merged.id) };
}
