import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { audit } from '../../../platform/audit.ts';
import { blindIndexOf, revealField, sealedColumns } from '../../../platform/crypto/field-crypto.ts';
import { PII_FIELDS } from '../../../platform/crypto/pii.ts';
import { ApiError } from '../../../platform/errors.ts';
import './contacts.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { isDepartmentOf } from '../org-structure/org-structure.public.ts';
import type { Contact, ContactInput, ContactUpdate } from './contacts.contract.ts';
import { customerContacts } from './contacts.schema.ts';

/** A stored contact: PII as ciphertext and blind index. */
export type ContactRow = typeof customerContacts.$inferSelect;

/** The API view of a contact: PII decrypted, and masked unless the caller holds `pii:read`. */
export function presentContact(scope: RequestScope, row: ContactRow): Contact {
  const canRead = scope.principal.permissions.has('pii:read');
  return {
    id: row.id,
    customer_id: row.customer_id,
    contact_name: row.contact_name,
    position: row.position,
    department: row.department,
    department_id: row.department_id,
    reports_to_id: row.reports_to_id,
    phone: revealField(scope.keyRing, 'phone', row.phone_enc, canRead),
    mobile: revealField(scope.keyRing, 'mobile', row.mobile_enc, canRead),
    email: revealField(scope.keyRing, 'email', row.email_enc, canRead),
    wechat: revealField(scope.keyRing, 'wechat', row.wechat_enc, canRead),
    is_primary: row.is_primary ? 1 : 0,
    is_decision_maker: row.is_decision_maker ? 1 : 0,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * Contacts of the given customers, presented for the caller. Reading them unmasked is itself audited
 * (who saw whose contact details, when).
 */
export async function contactsOfCustomers(scope: RequestScope, customerIds: number[]): Promise<Contact[]> {
  if (customerIds.length === 0) return [];
  const rows = await scope.tx
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), inArray(customerContacts.customer_id, customerIds)))
    .orderBy(sql`${customerContacts.is_primary} desc`, asc(customerContacts.id));
  const contacts = rows.map((row) => presentContact(scope, row));
  const revealed = rows.filter((r) => r.phone_enc || r.mobile_enc || r.email_enc || r.wechat_enc);
  if (scope.principal.permissions.has('pii:read') && revealed.length > 0) {
    await audit(scope, {
      action: 'pii.read',
      entity_type: 'customer',
      entity_id: customerIds.join(','),
      after: { contact_ids: revealed.map((r) => r.id) },
    });
  }
  return contacts;
}

/** Checks that a department and a manager referenced by a contact belong to the same customer. */
async function assertPlacement(scope: RequestScope, customerId: number, input: { department_id?: number | null; reports_to_id?: number | null }, selfId?: number) {
  if (input.department_id && !(await isDepartmentOf(scope, customerId, input.department_id))) {
    throw new ApiError('department.not_found', { department_id: input.department_id });
  }
  if (input.reports_to_id) {
    if (input.reports_to_id === selfId) throw new ApiError('contact.reports_to_invalid', { reason: 'self' });
    const chain = await scope.tx.execute(sql`
      with recursive up(id, reports_to_id, depth) as (
        select id, reports_to_id, 1 from customer_contacts
         where tenant_id = ${scope.tenantId} and customer_id = ${customerId} and id = ${input.reports_to_id}
        union all
        select c.id, c.reports_to_id, up.depth + 1 from customer_contacts c join up on c.id = up.reports_to_id
         where c.tenant_id = ${scope.tenantId} and up.depth < 50
      ) select id from up`);
    const ids = rawRows<{ id: number }>(chain);
    if (ids.length === 0) throw new ApiError('contact.reports_to_invalid', { reports_to_id: input.reports_to_id });
    if (selfId !== undefined && ids.some((r) => Number(r.id) === selfId)) {
      throw new ApiError('contact.reports_to_invalid', { reason: 'cycle' });
    }
  }
}

/**
 * Refuses a second primary contact with the current one's id, so the client can offer to move the flag.
 * The partial unique index `contacts_one_primary_key` still decides under concurrency.
 */
export async function assertNoPrimary(scope: RequestScope, customerId: number): Promise<void> {
  const [primary] = await scope.tx
    .select({ id: customerContacts.id })
    .from(customerContacts)
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.customer_id, customerId), eq(customerContacts.is_primary, true)));
  if (primary) throw new ApiError('contact.primary_conflict', { primary_contact_id: primary.id });
}

/** Inserts contacts of one customer (create, import, merge); at most one may be primary. */
export async function insertContacts(scope: RequestScope, customerId: number, inputs: ContactInput[]): Promise<ContactRow[]> {
  if (inputs.length === 0) return [];
  if (inputs.filter((c) => c.is_primary).length > 1) throw new ApiError('contact.primary_conflict');
  for (const input of inputs) await assertPlacement(scope, customerId, input);
  return scope.tx
    .insert(customerContacts)
    .values(
      inputs.map((input) => ({
        tenant_id: scope.tenantId,
        customer_id: customerId,
        contact_name: input.contact_name,
        position: input.position ?? null,
        department: input.department ?? null,
        department_id: input.department_id ?? null,
        reports_to_id: input.reports_to_id ?? null,
        is_primary: input.is_primary ?? false,
        is_decision_maker: input.is_decision_maker ?? false,
        ...sealedColumns(scope.keyRing, input),
      })),
    )
    .returning();
}

/** A contact of this customer (in the caller's tenant), or 404. */
export async function findContact(scope: RequestScope, customerId: number, contactId: number): Promise<ContactRow> {
  const [row] = await scope.tx
    .select()
    .from(customerContacts)
    .where(
      and(
        eq(customerContacts.tenant_id, scope.tenantId),
        eq(customerContacts.customer_id, customerId),
        eq(customerContacts.id, contactId),
      ),
    );
  if (!row) throw new ApiError('contact.not_found', { id: contactId });
  return row;
}

/** Updates a contact if its version is still the one the caller read (`null` = any). */
export async function updateContact(scope: RequestScope, customerId: number, contactId: number, expected: number | null, patch: ContactUpdate): Promise<ContactRow> {
  const before = await findContact(scope, customerId, contactId);
  if (expected !== null && before.version !== expected) throw new ApiError('precondition.failed', { current_version: before.version });
  if (patch.is_primary && !before.is_primary) await assertNoPrimary(scope, customerId);
  await assertPlacement(scope, customerId, patch, contactId);
  const { phone, mobile, email, wechat, ...plain } = patch;
  const [after] = await scope.tx
    .update(customerContacts)
    .set({ ...plain, ...sealedColumns(scope.keyRing, { phone, mobile, email, wechat }), version: before.version + 1, updated_at: new Date() })
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.id, contactId), eq(customerContacts.version, before.version)))
    .returning();
  if (!after) throw new ApiError('precondition.failed');
  await audit(scope, { action: 'contact.updated', entity_type: 'contact', entity_id: contactId, before, after });
  return after;
}

/** Deletes a contact (audited); its direct reports are re-attached to its own manager. */
export async function deleteContact(scope: RequestScope, customerId: number, contactId: number): Promise<void> {
  const before = await findContact(scope, customerId, contactId);
  // Reports of the removed contact now report to its own manager, so reporting lines stay connected.
  await scope.tx
    .update(customerContacts)
    .set({ reports_to_id: before.reports_to_id, version: sql`${customerContacts.version} + 1`, updated_at: new Date() })
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.reports_to_id, contactId)));
  await scope.tx.delete(customerContacts).where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.id, contactId)));
  await audit(scope, { action: 'contact.deleted', entity_type: 'contact', entity_id: contactId, before });
}

/** Customers having a contact with this exact phone, mobile or e-mail (blind index, no decryption). */
export async function customerIdsByContactChannel(scope: RequestScope, value: string): Promise<number[]> {
  const probes = PII_FIELDS.map((field) => ({ field, bidx: blindIndexOf(scope.keyRing, field, value) }));
  const rows = await scope.tx
    .selectDistinct({ customer_id: customerContacts.customer_id })
    .from(customerContacts)
    .where(
      and(
        eq(customerContacts.tenant_id, scope.tenantId),
        or(
          eq(customerContacts.phone_bidx, probes[0]!.bidx),
          eq(customerContacts.mobile_bidx, probes[1]!.bidx),
          eq(customerContacts.email_bidx, probes[2]!.bidx),
          eq(customerContacts.wechat_bidx, probes[3]!.bidx),
        ),
      ),
    )
    .limit(50);
  return rows.map((r) => r.customer_id);
}

/** Contact facts completeness needs, per customer. */
export async function contactFactsOf(scope: RequestScope, customerId: number) {
  const rows = await scope.tx
    .select({
      is_primary: customerContacts.is_primary,
      is_decision_maker: customerContacts.is_decision_maker,
      reachable: sql<boolean>`(${customerContacts.mobile_enc} is not null or ${customerContacts.phone_enc} is not null or ${customerContacts.email_enc} is not null)`,
    })
    .from(customerContacts)
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.customer_id, customerId)));
  return rows;
}

/**
 * Moves every contact of customer `fromId` to customer `toId` (a merge). With `dropPrimary`, the moving
 * contacts lose their primary flag first: a customer has one primary contact, and the survivor keeps its own.
 * @example const { moved, droppedPrimaryIds } = await moveContactsToCustomer(scope, mergedId, survivorId, { dropPrimary: true });
 */
export async function moveContactsToCustomer(scope: RequestScope, fromId: number, toId: number, options: { dropPrimary: boolean }): Promise<{ moved: number; droppedPrimaryIds: number[] }> {
  const ofFrom = and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.customer_id, fromId));
  const dropped = options.dropPrimary
    ? await scope.tx.update(customerContacts).set({ is_primary: false }).where(and(ofFrom, eq(customerContacts.is_primary, true))).returning({ id: customerContacts.id })
    : [];
  const moved = await scope.tx
    .update(customerContacts)
    .set({ customer_id: toId, version: sql`${customerContacts.version} + 1`, updated_at: new Date() })
    .where(ofFrom)
    .returning({ id: customerContacts.id });
  return { moved: moved.length, droppedPrimaryIds: dropped.map((d) => d.id) };
}
