import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './tags.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../customers/customers.public.ts';
import type { CustomerTags } from './tags.contract.ts';
import { customerTags, tags } from './tags.schema.ts';

/** The tags a customer carries, by name. */
export async function tagsOfCustomer(scope: RequestScope, customerId: number): Promise<CustomerTags> {
  const rows = await tagsOfCustomers(scope, [customerId]);
  return { customer_id: customerId, tags: rows.map(({ id, name, color }) => ({ id, name, color })) };
}

/**
 * The tags of several customers in one query, by name: a list page shows each row's tags.
 * @example (await tagsOfCustomers(scope, [7, 9])).filter((t) => t.customer_id === 7) // [{ customer_id: 7, id: 2, name: 'VIP', color: '#f00' }]
 */
export async function tagsOfCustomers(scope: RequestScope, customerIds: number[]): Promise<{ customer_id: number; id: number; name: string; color: string }[]> {
  if (customerIds.length === 0) return [];
  return scope.tx
    .select({ customer_id: customerTags.customer_id, id: tags.id, name: tags.name, color: tags.color })
    .from(customerTags)
    .innerJoin(tags, and(eq(tags.tenant_id, customerTags.tenant_id), eq(tags.id, customerTags.tag_id)))
    .where(and(eq(customerTags.tenant_id, scope.tenantId), inArray(customerTags.customer_id, customerIds)))
    .orderBy(asc(tags.name));
}

/**
 * The ids of the customers carrying a tag, as a subquery for the caller's filter (`inArray(x.id, …)`), so a
 * list filtered by tag stays one statement.
 * @example .where(inArray(customers.id, customersTaggedWith(scope, tagId)))
 */
export function customersTaggedWith(scope: RequestScope, tagId: number) {
  return scope.tx
    .select({ customer_id: customerTags.customer_id })
    .from(customerTags)
    .where(and(eq(customerTags.tenant_id, scope.tenantId), eq(customerTags.tag_id, tagId)));
}

/** Refuses (404 `tag.not_found`, naming all the given ids) unless every tag exists in the caller's tenant. */
export async function assertTagsExist(scope: RequestScope, tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return;
  const found = await scope.tx
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.tenant_id, scope.tenantId), inArray(tags.id, tagIds)));
  if (found.length !== new Set(tagIds).size) throw new ApiError('tag.not_found', { tag_ids: tagIds });
}

/**
 * Gives a customer just created its first tags (checked with `assertTagsExist`); the customer's own
 * creation is what gets audited, so nothing is audited here.
 */
export async function attachTags(scope: RequestScope, customerId: number, tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return;
  await scope.tx.insert(customerTags).values([...new Set(tagIds)].map((tagId) => ({ tenant_id: scope.tenantId, customer_id: customerId, tag_id: tagId })));
}

/**
 * Moves the tags of customer `fromId` to customer `toId` (a merge): a tag both carry is dropped from
 * `fromId` rather than carried twice.
 * @example const { moved, duplicates } = await mergeCustomerTags(scope, mergedId, survivorId);
 */
export async function mergeCustomerTags(scope: RequestScope, fromId: number, toId: number): Promise<{ moved: number; duplicates: number }> {
  const ofCustomer = (customerId: number) => and(eq(customerTags.tenant_id, scope.tenantId), eq(customerTags.customer_id, customerId));
  const tagsOfTarget = scope.tx.select({ tag_id: customerTags.tag_id }).from(customerTags).where(ofCustomer(toId));
  const duplicates = await scope.tx
    .delete(customerTags)
    .where(and(ofCustomer(fromId), inArray(customerTags.tag_id, tagsOfTarget)))
    .returning({ tag_id: customerTags.tag_id });
  const moved = await scope.tx.update(customerTags).set({ customer_id: toId }).where(ofCustomer(fromId)).returning({ tag_id: customerTags.tag_id });
  return { moved: moved.length, duplicates: duplicates.length };
}

/**
 * Sets a customer's tags to `wanted`, touching only what changes. Every tag must exist in the tenant
 * (404 `tag.not_found` with the missing ids, nothing changed); the audit records the sets before and after.
 */
async function setCustomerTags(scope: RequestScope, customerId: number, change: (current: number[]) => number[]): Promise<CustomerTags> {
  const customer = await findVisibleCustomer(scope, customerId);
  if (customer.archived_at) throw new ApiError('customer.archived', { id: customerId });
  const current = (await tagsOfCustomer(scope, customerId)).tags.map((t) => t.id);
  const wanted = [...new Set(change(current))];
  if (wanted.length > 0) {
    const found = await scope.tx.select({ id: tags.id }).from(tags).where(and(eq(tags.tenant_id, scope.tenantId), inArray(tags.id, wanted)));
    const missing = wanted.filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0) throw new ApiError('tag.not_found', { tag_ids: missing });
  }
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  if (removed.length > 0) {
    await scope.tx
      .delete(customerTags)
      .where(and(eq(customerTags.tenant_id, scope.tenantId), eq(customerTags.customer_id, customerId), inArray(customerTags.tag_id, removed)));
  }
  if (added.length > 0) {
    await scope.tx
      .insert(customerTags)
      .values(added.map((tagId) => ({ tenant_id: scope.tenantId, customer_id: customerId, tag_id: tagId })))
      .onConflictDoNothing();
  }
  if (added.length > 0 || removed.length > 0) {
    await audit(scope, { action: 'customer.tags_changed', entity_type: 'customer', entity_id: customerId, before: { tag_ids: current }, after: { tag_ids: wanted } });
    await emitEvent(scope, { type: 'customer.tags_changed', entity_type: 'customer', entity_id: customerId, payload: { added, removed } });
  }
  return tagsOfCustomer(scope, customerId);
}

/** Replaces the customer's tags with exactly `tagIds`. */
export const replaceCustomerTags = (scope: RequestScope, customerId: number, tagIds: number[]) => setCustomerTags(scope, customerId, () => tagIds);

/** Adds one tag; adding a tag the customer already has changes nothing. */
export const addCustomerTag = (scope: RequestScope, customerId: number, tagId: number) => setCustomerTags(scope, customerId, (current) => [...current, tagId]);

/** Removes one tag (which must exist); removing a tag the customer does not have changes nothing. */
export async function removeCustomerTag(scope: RequestScope, customerId: number, tagId: number): Promise<CustomerTags> {
  const [tag] = await scope.tx.select({ id: tags.id }).from(tags).where(and(eq(tags.tenant_id, scope.tenantId), eq(tags.id, tagId)));
  if (!tag) throw new ApiError('tag.not_found', { tag_ids: [tagId] });
  return setCustomerTags(scope, customerId, (current) => current.filter((id) => id !== tagId));
}
