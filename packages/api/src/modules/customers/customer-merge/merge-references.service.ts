import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { customerContacts } from '../contacts/contacts.schema.ts';
import { customerMerges, customers } from '../customers/customers.schema.ts';
import { customerDepartments } from '../org-structure/org-structure.schema.ts';
import { withOwnerRole } from '../../../platform/owner-role.ts';
import { customerTags } from '../tags/tags.schema.ts';

// A merge is the one operation that re-parents rows of several modules (contacts, org structure, tags,
// portal users) at once; doing it here keeps it in one transaction with one audit entry.

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
 * Every foreign key `(tenant_id, x) → customers(tenant_id, id)` of a table this module does not know by
 * name — tables other modules add later (contracts, service records …) move with the merge too.
 */
async function otherCustomerReferences(scope: RequestScope): Promise<{ table: string; column: string }[]> {
  const rows = rawRows<{ table_name: string; column_name: string }>(
    await scope.tx.execute(sql`
      select cl.relname::text as table_name, att.attname::text as column_name
        from pg_constraint con
        join pg_class cl on cl.oid = con.conrelid
        join pg_attribute ref on ref.attrelid = con.confrelid and ref.attname = 'id'
        join pg_attribute att on att.attrelid = con.conrelid and att.attnum = con.conkey[array_position(con.confkey, ref.attnum)]
       where con.contype = 'f' and con.conparentid = 0 and con.confrelid = 'customers'::regclass
         and exists (select 1 from pg_attribute t where t.attrelid = con.conrelid and t.attname = 'tenant_id' and not t.attisdropped)
       order by 1, 2`),
  );
  return rows.filter((r) => !HANDLED_TABLES.has(r.table_name)).map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** What a merge of `mergedId` into `survivorId` would move, and the facts its warnings need. */
export async function inspectReferences(scope: RequestScope, survivorId: number, mergedId: number): Promise<ReferenceInspection> {
  const { tx, tenantId } = scope;
  const pair = [survivorId, mergedId];
  const [contactRows, departmentRows, tagRows, childRows, portalUsers, previousMerges, others] = await Promise.all([
    tx
      .select({
        id: customerContacts.id,
        customer_id: customerContacts.customer_id,
        contact_name: customerContacts.contact_name,
        position: customerContacts.position,
        is_primary: customerContacts.is_primary,
        is_decision_maker: customerContacts.is_decision_maker,
        reachable: sql<boolean>`(${customerContacts.mobile_enc} is not null or ${customerContacts.phone_enc} is not null or ${customerContacts.email_enc} is not null)`,
      })
      .from(customerContacts)
      .where(and(eq(customerContacts.tenant_id, tenantId), inArray(customerContacts.customer_id, pair)))
      .orderBy(asc(customerContacts.id)),
    tx
      .select({ customer_id: customerDepartments.customer_id, name: customerDepartments.name })
      .from(customerDepartments)
      .where(and(eq(customerDepartments.tenant_id, tenantId), inArray(customerDepartments.customer_id, pair))),
    tx
      .select({ customer_id: customerTags.customer_id, tag_id: customerTags.tag_id })
      .from(customerTags)
      .where(and(eq(customerTags.tenant_id, tenantId), inArray(customerTags.customer_id, pair))),
    tx
      .select({ id: customers.id, parent: customers.parent_customer_id })
      .from(customers)
      .where(and(eq(customers.tenant_id, tenantId), inArray(customers.parent_customer_id, pair))),
    tx.$count(users, and(eq(users.tenant_id, tenantId), eq(users.customer_id, mergedId))),
    tx.$count(customerMerges, and(eq(customerMerges.tenant_id, tenantId), eq(customerMerges.survivor_id, mergedId))),
    otherCustomerReferences(scope),
  ]);

  const other_references: OtherReference[] = [];
  for (const ref of others) {
    const [row] = rawRows<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from ${sql.identifier(ref.table)} where tenant_id = ${tenantId} and ${sql.identifier(ref.column)} = ${mergedId}`),
    );
    if (Number(row?.n ?? 0) > 0) other_references.push({ ...ref, count: Number(row!.n) });
  }

  const survivorTags = new Set(tagRows.filter((t) => t.customer_id === survivorId).map((t) => t.tag_id));
  const mergedTags = tagRows.filter((t) => t.customer_id === mergedId);
  const duplicateTags = mergedTags.filter((t) => survivorTags.has(t.tag_id)).length;
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
  const now = new Date();
  const ofMerged = eq(customerContacts.customer_id, mergedId);
  const dropped = options.dropMergedPrimary
    ? await tx
        .update(customerContacts)
        .set({ is_primary: false })
        .where(and(eq(customerContacts.tenant_id, tenantId), ofMerged, eq(customerContacts.is_primary, true)))
        .returning({ id: customerContacts.id })
    : [];
  const contacts = await tx
    .update(customerContacts)
    .set({ customer_id: survivorId, version: sql`${customerContacts.version} + 1`, updated_at: now })
    .where(and(eq(customerContacts.tenant_id, tenantId), ofMerged))
    .returning({ id: customerContacts.id });
  const departments = await tx
    .update(customerDepartments)
    .set({ customer_id: survivorId, version: sql`${customerDepartments.version} + 1`, updated_at: now })
    .where(and(eq(customerDepartments.tenant_id, tenantId), eq(customerDepartments.customer_id, mergedId)))
    .returning({ id: customerDepartments.id });
  const survivorTagIds = tx
    .select({ tag_id: customerTags.tag_id })
    .from(customerTags)
    .where(and(eq(customerTags.tenant_id, tenantId), eq(customerTags.customer_id, survivorId)));
  const duplicateTags = await tx
    .delete(customerTags)
    .where(and(eq(customerTags.tenant_id, tenantId), eq(customerTags.customer_id, mergedId), inArray(customerTags.tag_id, survivorTagIds)))
    .returning({ tag_id: customerTags.tag_id });
  const tags = await tx
    .update(customerTags)
    .set({ customer_id: survivorId })
    .where(and(eq(customerTags.tenant_id, tenantId), eq(customerTags.customer_id, mergedId)))
    .returning({ tag_id: customerTags.tag_id });
  const subsidiaries = await tx
    .update(customers)
    .set({ parent_customer_id: survivorId, version: sql`${customers.version} + 1`, updated_at: now })
    .where(and(eq(customers.tenant_id, tenantId), eq(customers.parent_customer_id, mergedId), ne(customers.id, survivorId)))
    .returning({ id: customers.id });
  // Earlier merges into the merged customer now resolve to the survivor: old codes keep leading somewhere live.
  const previousMerges = await tx
    .update(customerMerges)
    .set({ survivor_id: survivorId })
    .where(and(eq(customerMerges.tenant_id, tenantId), eq(customerMerges.survivor_id, mergedId)))
    .returning({ id: customerMerges.id });
  const portalUsers = await withOwnerRole(tx, (owner) =>
    owner
      .update(users)
      .set({ customer_id: survivorId })
      .where(and(eq(users.tenant_id, tenantId), eq(users.customer_id, mergedId)))
      .returning({ id: users.id }),
  );
  const other_references: OtherReference[] = [];
  for (const ref of await otherCustomerReferences(scope)) {
    const moved = rawRows<{ n: number }>(
      await tx.execute(sql`with moved as (
          update ${sql.identifier(ref.table)} set ${sql.identifier(ref.column)} = ${survivorId}
           where tenant_id = ${tenantId} and ${sql.identifier(ref.column)} = ${mergedId} returning 1)
        select count(*)::int as n from moved`),
    );
    const count = Number(moved[0]?.n ?? 0);
    if (count > 0) other_references.push({ ...ref, count });
  }
  return {
    contacts: contacts.length,
    departments: departments.length,
    tags: tags.length,
    duplicate_tags: duplicateTags.length,
    subsidiaries: subsidiaries.length,
    portal_users: portalUsers.length,
    previous_merges: previousMerges.length,
    other_references,
    dropped_primary_contact_ids: dropped.map((d) => d.id),
  };
}
