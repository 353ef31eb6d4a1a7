import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { nextDailyCode } from '../../../platform/code-sequence.ts';
import { ApiError } from '../../../platform/errors.ts';
import './customers.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { assertUserReferences, type UserReference } from '../../../platform/staff-users.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactFactsOf, contactsOfCustomers, insertContacts } from '../contacts/contacts.public.ts';
import { departmentsOf } from '../org-structure/org-structure.public.ts';
import { assertTagsExist, attachTags, tagsOfCustomer } from '../tags/tags.public.ts';
import { assessCompleteness, isComplete } from './customer-completeness.ts';
import { DUPLICATE_BLOCK_SCORE, findDuplicates } from './customer-duplicates.service.ts';
import { normaliseCustomerName, pinyinKeys, websiteDomain } from './customer-name.ts';
import { visibleCustomers } from './customer-visibility.ts';
import type { Customer, CustomerCreate, CustomerUpdate } from './customers.contract.ts';
import { customers } from './customers.schema.ts';
import { isPortalPrincipal } from '../../../platform/auth/permissions.ts';

export type CustomerRow = typeof customers.$inferSelect;

/** Columns derived from the name and website, kept in step on every write. */
function searchKeys(name: string, website: string | null | undefined) {
  return { name_normalized: normaliseCustomerName(name), name_pinyin: pinyinKeys(name), website_domain: websiteDomain(website) };
}

/** A customer the caller may see, or 404 (never 403: another tenant's ids must not be confirmed). */
export async function findVisibleCustomer(scope: RequestScope, id: number): Promise<CustomerRow> {
  const [row] = await scope.tx.select().from(customers).where(and(visibleCustomers(scope), eq(customers.id, id)));
  if (!row) throw new ApiError('customer.not_found', { id });
  return row;
}

async function assertParent(scope: RequestScope, parentId: number | null | undefined, selfId?: number) {
  if (!parentId) return;
  if (parentId === selfId) throw new ApiError('customer.parent_invalid', { reason: 'self' });
  const [parent] = await scope.tx
    .select({ id: customers.id, parent: customers.parent_customer_id })
    .from(customers)
    .where(and(visibleCustomers(scope), eq(customers.id, parentId)));
  if (!parent) throw new ApiError('customer.parent_invalid', { parent_customer_id: parentId });
  // Groups are two levels deep (parent company, subsidiaries): no cycles, no grand-children.
  if (parent.parent !== null) throw new ApiError('customer.parent_invalid', { reason: 'parent is itself a subsidiary' });
  if (selfId !== undefined) {
    const [child] = await scope.tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.parent_customer_id, selfId)))
      .limit(1);
    if (child) throw new ApiError('customer.parent_invalid', { reason: 'customer has subsidiaries of its own' });
  }
}

/** The account manager works the customer: a member of staff of the tenant who may write customers. */
const managerReference = (id: number | null | undefined): UserReference => ({ field: 'assigned_manager_id', id, permission: 'customer:write' });

/** Recomputes and stores completeness after any change to a customer or its contacts. */
export async function refreshCompleteness(scope: RequestScope, customerId: number): Promise<void> {
  const [row] = await scope.tx
    .select()
    .from(customers)
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.id, customerId)));
  if (!row) return;
  const result = assessCompleteness({ ...row, contacts: await contactFactsOf(scope, customerId) });
  await scope.tx
    .update(customers)
    .set({ completeness_score: result.score, completeness_missing: result.missing })
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.id, customerId)));
}

/**
 * Creates a customer with its contacts and tags (REQ-016 §8). Likely duplicates are refused with 409
 * `customer.duplicate` and scored candidates, unless `force`.
 */
export async function createCustomer(scope: RequestScope, input: CustomerCreate, options: { force: boolean }) {
  if (isPortalPrincipal(scope.principal)) throw new ApiError('auth.forbidden');
  await assertParent(scope, input.parent_customer_id);
  await assertUserReferences(scope, [managerReference(input.assigned_manager_id)]);
  await assertTagsExist(scope, input.tag_ids);
  if (!options.force) {
    const candidates = await findDuplicates(scope, input);
    const blocking = candidates.filter((c) => c.score >= DUPLICATE_BLOCK_SCORE);
    if (blocking.length > 0) throw new ApiError('customer.duplicate', { candidates: blocking });
  }
  const now = new Date();
  const code = await nextDailyCode(scope, 'CUST', now);
  const { contacts, tag_ids: tagIds, ...fields } = input;
  const [row] = await scope.tx
    .insert(customers)
    .values({
      ...fields,
      tenant_id: scope.tenantId,
      customer_code: code,
      ...searchKeys(fields.customer_name, fields.website),
      created_at: now,
      updated_at: now,
    })
    .returning();
  if (!row) throw new ApiError('internal');
  const contactRows = await insertContacts(scope, row.id, contacts);
  await attachTags(scope, row.id, tagIds);
  await refreshCompleteness(scope, row.id);
  await audit(scope, { action: 'customer.created', entity_type: 'customer', entity_id: row.id, after: { ...row, contact_ids: contactRows.map((c) => c.id), tag_ids: tagIds } });
  await emitEvent(scope, { type: 'customer.created', entity_type: 'customer', entity_id: row.id, payload: { customer_code: code, level: row.level, status: row.status } });
  return {
    customer_id: row.id,
    customer_code: row.customer_code,
    customer_name: row.customer_name,
    status: row.status,
    created_at: formatLocalDateTime(row.created_at),
    contacts: contactRows.map((c) => ({ id: c.id, contact_name: c.contact_name })),
  };
}

/** The full profile: fields, manager, contacts (masked per rights), departments, tags, completeness. */
export async function getCustomer(scope: RequestScope, id: number): Promise<Customer> {
  const row = await findVisibleCustomer(scope, id);
  const [contacts, departments, tagged, manager] = await Promise.all([
    contactsOfCustomers(scope, [id]),
    departmentsOf(scope, id),
    tagsOfCustomer(scope, id),
    row.assigned_manager_id === null
      ? Promise.resolve([])
      : scope.tx
          .select({ name: users.display_name })
          .from(users)
          .where(and(eq(users.tenant_id, scope.tenantId), eq(users.id, row.assigned_manager_id))),
  ]);
  return {
    ...presentCustomerCore(row, manager[0]?.name ?? null),
    address: row.address,
    website: row.website,
    description: row.description,
    source: row.source,
    credit_code: row.credit_code,
    parent_customer_id: row.parent_customer_id,
    version: row.version,
    created_at: row.created_at.toISOString(),
    contacts,
    departments: departments.map((d) => ({ id: d.id, customer_id: d.customer_id, parent_id: d.parent_id, name: d.name, sort_order: d.sort_order, version: d.version })),
    tags: tagged.tags,
    completeness: {
      score: row.completeness_score,
      missing: row.completeness_missing,
      complete: isComplete(row.completeness_missing),
    },
  };
}

/** Fields shared by the detail and the list item. */
export function presentCustomerCore(row: CustomerRow, managerName: string | null) {
  return {
    id: row.id,
    customer_code: row.customer_code,
    customer_name: row.customer_name,
    customer_type: row.customer_type,
    industry: row.industry,
    scale: row.scale,
    status: row.status,
    level: row.level,
    region: row.region,
    assigned_manager_id: row.assigned_manager_id,
    assigned_manager_name: managerName,
    archived_at: row.archived_at?.toISOString() ?? null,
    updated_at: row.updated_at.toISOString(),
  };
}

/** Applies a partial update if the caller's version is current; re-checks duplicates when identity fields change. */
export async function updateCustomer(scope: RequestScope, id: number, expected: number | null, patch: CustomerUpdate, options: { force: boolean }): Promise<CustomerRow> {
  const before = await findVisibleCustomer(scope, id);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  if (before.archived_at) throw new ApiError('customer.archived');
  if ('parent_customer_id' in patch) await assertParent(scope, patch.parent_customer_id, id);
  if (patch.assigned_manager_id !== before.assigned_manager_id) await assertUserReferences(scope, [managerReference(patch.assigned_manager_id)]);
  const identityChanged = ['customer_name', 'website', 'credit_code'].some((k) => k in patch && patch[k as keyof CustomerUpdate] !== before[k as keyof CustomerRow]);
  if (identityChanged && !options.force) {
    const candidates = await findDuplicates(scope, { customer_name: patch.customer_name ?? before.customer_name, website: patch.website ?? before.website, credit_code: patch.credit_code ?? before.credit_code }, id);
    const blocking = candidates.filter((c) => c.score >= DUPLICATE_BLOCK_SCORE);
    if (blocking.length > 0) throw new ApiError('customer.duplicate', { candidates: blocking });
  }
  const name = patch.customer_name ?? before.customer_name;
  const website = 'website' in patch ? patch.website : before.website;
  const [after] = await scope.tx
    .update(customers)
    .set({ ...patch, ...searchKeys(name, website), version: before.version + 1, updated_at: new Date() })
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.id, id), eq(customers.version, before.version)))
    .returning();
  if (!after) throw new ApiError('precondition.failed');
  await refreshCompleteness(scope, id);
  await audit(scope, { action: 'customer.updated', entity_type: 'customer', entity_id: id, before, after });
  await emitEvent(scope, { type: 'customer.updated', entity_type: 'customer', entity_id: id, payload: { changed: Object.keys(patch) } });
  return after;
}

/** Archives (hides from lists, keeps everything) or restores a customer. */
export async function setArchived(scope: RequestScope, id: number, archived: boolean): Promise<CustomerRow> {
  const before = await findVisibleCustomer(scope, id);
  const [after] = await scope.tx
    .update(customers)
    .set({ archived_at: archived ? (before.archived_at ?? new Date()) : null, version: before.version + 1, updated_at: new Date() })
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.id, id)))
    .returning();
  if (!after) throw new ApiError('customer.not_found');
  const action = archived ? 'customer.archived' : 'customer.restored';
  await audit(scope, { action, entity_type: 'customer', entity_id: id, before: { archived_at: before.archived_at }, after: { archived_at: after.archived_at } });
  await emitEvent(scope, { type: action, entity_type: 'customer', entity_id: id, payload: {} });
  return after;
}

export const notArchived = isNull(customers.archived_at);

/**
 * Lets another module move a customer's lifecycle status (contracts do: 潜在 → 正式 → 流失). The customer
 * row is locked before `decide` runs, so concurrent callers decide one after the other, each seeing what
 * the previous one committed; a change is stored, audited with its basis and announced.
 * @example await changeCustomerStatus(scope, id, async (current) => ({ status: 2, basis: 'first active contract' }));
 */
export async function changeCustomerStatus(
  scope: RequestScope,
  customerId: number,
  decide: (current: number) => Promise<{ status: number; basis: unknown }>,
): Promise<void> {
  const [customer] = await scope.tx
    .select({ status: customers.status })
    .from(customers)
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.id, customerId)))
    .for('update');
  if (!customer) return;
  const { status, basis } = await decide(customer.status);
  if (status === customer.status) return;
  await scope.tx
    .update(customers)
    .set({ status, version: sql`${customers.version} + 1`, updated_at: new Date() })
    .where(and(eq(customers.tenant_id, scope.tenantId), eq(customers.id, customerId)));
  await audit(scope, { action: 'customer.status_changed', entity_type: 'customer', entity_id: customerId, before: { status: customer.status }, after: { status, basis } });
  await emitEvent(scope, { type: 'customer.status_changed', entity_type: 'customer', entity_id: customerId, payload: { from: customer.status, to: status, basis } });
}
