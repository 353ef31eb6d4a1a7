import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { countReferences, foreignKeyReferences, repointReferences } from '../../../db/foreign-key-references.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory, moveContactsToCustomer } from '../contacts/contacts.public.ts';
import { countMergesInto, customerDirectory, redirectMerges, reparentSubsidiaries } from '../customers/customers.public.ts';
import { departmentNamesOf, moveDepartmentsToCustomer } from '../org-structure/org-structure.public.ts';
import { withOwnerRole } from '../../../platform/owner-role.ts';
import { mergeCustomerTags, tagsOfCustomers } from '../tags/tags.public.ts';

// A merge is the one operation that re-parents rows of several modules (contacts, org structure, tags,
// portal users) at once; each owning module moves its own rows, called here in one transaction with one
// audit entry.

/** Tables that reference customers and that the merge handles itself; any other reference is moved generically. */
const HANDLED_TABLES = new Set(['customers', 'customer_contacts', 'customer_departments', 'customer_tags', 'customer_merges']);

/** A reference to the merged customer in another module's table. */
export type OtherReference = { table: string; column: string; count: number };

/** Counts of what a merge moves. */
export type MergeMoves = {
  contacts: number;
  departments: number;
  tags: number;
  duplicate_tags: number;
  subsidiaries: number;
  portal_users: number;
  previous_merges: number;
  other_references: OtherReference[];
};

/** A contact without its channels: enough to show and to judge primaries. */
export type ContactBrief = { id: number; customer_id: number; contact_name: string; position: string | null; is_primary: boolean; is_decision_maker: boolean; reachable: boolean };

/** What would move, and the facts the warnings need. */
export type ReferenceInspection = {
  contacts: { survivor: ContactBrief[]; merged: ContactBrief[] };
  moves: MergeMoves;
  departmentNameOverlap: string[];
  subsidiariesAfter: number;
};

/**
 * Every other table's reference to a customer (contracts, service records, …, and tables modules add later): found
 * in the database catalogue, so they move with the merge without this module naming or querying them itself.
 */
const otherCustomerReferences = (scope: RequestScope) => foreignKeyReferences(scope.tx, 'customers', [...HANDLED_TABLES]);

/** What a merge of `mergedId` into `survivorId` would move, and the facts its warnings need. */
export async function inspectReferences(scope: RequestScope, survivorId: number, mergedId: number): Promise<ReferenceInspection> {
  const { tx, tenantId } = scope;
  const pair = [survivorId, mergedId];
  const [contactRows, departmentRows, tagRows, childRows, portalUsers, previousMerges, others] = await Promise.all([
    tx
      .select({
        id: contactDirectory.id,
        customer_id: contactDirectory.customer_id,
        contact_name: contactDirectory.contact_name,
        position: contactDirectory.position,
        is_primary: contactDirectory.is_primary,
        is_decision_maker: contactDirectory.is_decision_maker,
        reachable: sql<boolean>`(${contactDirectory.mobile_enc} is not null or ${contactDirectory.phone_enc} is not null or ${contactDirectory.email_enc} is not null)`,
      })
      .from(contactDirectory)
      .where(and(eq(contactDirectory.tenant_id, tenantId), inArray(contactDirectory.customer_id, pair)))
      .orderBy(asc(contactDirectory.id)),
    departmentNamesOf(scope, pair),
    tagsOfCustomers(scope, pair),
    tx
      .select({ id: customerDirectory.id, parent: customerDirectory.parent_customer_id })
      .from(customerDirectory)
      .where(and(eq(customerDirectory.tenant_id, tenantId), inArray(customerDirectory.parent_customer_id, pair))),
    tx.$count(users, and(eq(users.tenant_id, tenantId), eq(users.customer_id, mergedId))),
    countMergesInto(scope, mergedId),
    otherCustomerReferences(scope),
  ]);

  const other_references: OtherReference[] = [];
  for (const ref of others) {
    const count = await countReferences(tx, tenantId, ref, mergedId);
    if (count > 0) other_references.push({ ...ref, count });
  }

  const survivorTags = new Set(tagRows.filter((t) => t.customer_id === survivorId).map((t) => t.id));
  const mergedTags = tagRows.filter((t) => t.customer_id === mergedId);
  const duplicateTags = mergedTags.filter((t) => survivorTags.has(t.id)).length;
  const departmentNames = (id: number) => new Set(departmentRows.filter((d) => d.customer_id === id).map((d) => d.name));
  const survivorDepartments = departmentNames(survivorId);
  const mergedChildren = childRows.filter((c) => c.parent === mergedId && c.id !== survivorId);
  const survivorChildren = childRows.filter((c) => c.parent === survivorId && c.id !== mergedId);
  const contacts = contactRows.map((c) => ({ ...c, reachable: Boolean(c.reachable) }));
  return {
    contacts: { survivor: contacts.filter((c) => c.customer_id === survivorId), merged: contacts.filter((c) => c.customer_id === mergedId) },
    moves: {
      contacts: contacts.filter((c) => c.customer_id === mergedId).length,
      departments: departmentRows.filter((d) => d.customer_id === mergedId).length,
      tags: mergedTags.length - duplicateTags,
      duplicate_tags: duplicateTags,
      subsidiaries: mergedChildren.length,
      portal_users: portalUsers,
      previous_merges: previousMerges,
      other_references,
    },
    departmentNameOverlap: [...departmentNames(mergedId)].filter((name) => survivorDepartments.has(name)).sort(),
    subsidiariesAfter: mergedChildren.length + survivorChildren.length,
  };
}

/**
 * Re-points everything of `mergedId` to `survivorId`: contacts (dropping the merged customer's primary
 * flag when the survivor has one — one primary per customer), departments, tags (without duplicates),
 * subsidiaries, earlier merges, portal users and any other table's reference.
 */
export async function moveReferences(scope: RequestScope, survivorId: number, mergedId: number, options: { dropMergedPrimary: boolean }): Promise<MergeMoves & { dropped_primary_contact_ids: number[] }> {
  const { tx, tenantId } = scope;
  const contactMoves = await moveContactsToCustomer(scope, mergedId, survivorId, { dropPrimary: options.dropMergedPrimary });
  const departments = await moveDepartmentsToCustomer(scope, mergedId, survivorId);
  const tagMoves = await mergeCustomerTags(scope, mergedId, survivorId);
  const subsidiaries = await reparentSubsidiaries(scope, mergedId, survivorId);
  // Earlier merges into the merged customer now resolve to the survivor: old codes keep leading somewhere live.
  const previousMerges = await redirectMerges(scope, mergedId, survivorId);
  const portalUsers = await withOwnerRole(tx, (owner) =>
    owner
      .update(users)
      .set({ customer_id: survivorId })
      .where(and(eq(users.tenant_id, tenantId), eq(users.customer_id, mergedId)))
      .returning({ id: users.id }),
  );
  const other_references: OtherReference[] = [];
  for (const ref of await otherCustomerReferences(scope)) {
    const count = await repointReferences(tx, tenantId, ref, mergedId, survivorId);
    if (count > 0) other_references.push({ ...ref, count });
  }
  return {
    contacts: contactMoves.moved,
    departments,
    tags: tagMoves.moved,
    duplicate_tags: tagMoves.duplicates,
    subsidiaries,
    portal_users: portalUsers.length,
    previous_merges: previousMerges,
    other_references,
    dropped_primary_contact_ids: contactMoves.droppedPrimaryIds,
  };
}
