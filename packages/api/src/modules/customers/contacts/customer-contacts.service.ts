import { and, eq, ne, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer, refreshCompleteness } from '../customers/customers.public.ts';
import type { Contact, ContactInput, ContactUpdate } from './contacts.contract.ts';
import { customerContacts } from './contacts.schema.ts';
import { assertNoPrimary, type ContactRow, contactsOfCustomers, deleteContact, findContact, insertContacts, updateContact } from './contacts.service.ts';

/**
 * The customer whose contacts are being changed: visible to the caller (404 otherwise, even for another
 * tenant's id) and not archived, since an archived profile is kept as it was.
 */
async function writableCustomer(scope: RequestScope, customerId: number): Promise<void> {
  const customer = await findVisibleCustomer(scope, customerId);
  if (customer.archived_at) throw new ApiError('customer.archived', { id: customerId });
}

/** Outbox event without contact details: subscribers fetch what they are allowed to see. */
const contactEvent = (scope: RequestScope, type: string, contactId: number, customerId: number, payload: Record<string, unknown> = {}) =>
  emitEvent(scope, { type, entity_type: 'contact', entity_id: contactId, payload: { customer_id: customerId, ...payload } });

/** The contacts of a visible customer, primary first, masked per the caller's rights. */
export async function listCustomerContacts(scope: RequestScope, customerId: number): Promise<Contact[]> {
  await findVisibleCustomer(scope, customerId);
  return contactsOfCustomers(scope, [customerId]);
}

/** One contact of a visible customer. */
export async function getCustomerContact(scope: RequestScope, customerId: number, contactId: number): Promise<ContactRow> {
  await findVisibleCustomer(scope, customerId);
  return findContact(scope, customerId, contactId);
}

/** Adds a contact; a second primary is refused (409) rather than silently demoting the first. */
export async function createCustomerContact(scope: RequestScope, customerId: number, input: ContactInput): Promise<ContactRow> {
  await writableCustomer(scope, customerId);
  if (input.is_primary) await assertNoPrimary(scope, customerId);
  const [row] = await insertContacts(scope, customerId, [input]);
  if (!row) throw new ApiError('internal');
  await refreshCompleteness(scope, customerId);
  await audit(scope, { action: 'contact.created', entity_type: 'contact', entity_id: row.id, after: row });
  await contactEvent(scope, 'contact.created', row.id, customerId);
  return row;
}

/** Updates a contact at the version the caller read (`null` = any) and keeps completeness current. */
export async function updateCustomerContact(scope: RequestScope, customerId: number, contactId: number, expected: number | null, patch: ContactUpdate): Promise<ContactRow> {
  await writableCustomer(scope, customerId);
  const row = await updateContact(scope, customerId, contactId, expected, patch);
  await refreshCompleteness(scope, customerId);
  await contactEvent(scope, 'contact.updated', contactId, customerId, { changed: Object.keys(patch) });
  return row;
}

/** Removes a contact at the version the caller read, if one was given. */
export async function deleteCustomerContact(scope: RequestScope, customerId: number, contactId: number, expected: number | null): Promise<void> {
  await writableCustomer(scope, customerId);
  const row = await findContact(scope, customerId, contactId);
  if (expected !== null && row.version !== expected) throw new ApiError('precondition.failed', { current_version: row.version });
  await deleteContact(scope, customerId, contactId);
  await refreshCompleteness(scope, customerId);
  await contactEvent(scope, 'contact.deleted', contactId, customerId);
}

/**
 * Moves the primary flag to this contact in one transaction. The customer's contact rows are locked first
 * so two concurrent moves run one after the other instead of colliding on the one-primary index.
 */
export async function makePrimaryContact(scope: RequestScope, customerId: number, contactId: number): Promise<void> {
  await writableCustomer(scope, customerId);
  await scope.tx
    .select({ id: customerContacts.id })
    .from(customerContacts)
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.customer_id, customerId)))
    .for('update');
  const target = await findContact(scope, customerId, contactId);
  if (target.is_primary) return;
  const bump = { version: sql`${customerContacts.version} + 1`, updated_at: new Date() };
  const demoted = await scope.tx
    .update(customerContacts)
    .set({ is_primary: false, ...bump })
    .where(
      and(
        eq(customerContacts.tenant_id, scope.tenantId),
        eq(customerContacts.customer_id, customerId),
        eq(customerContacts.is_primary, true),
        ne(customerContacts.id, contactId),
      ),
    )
    .returning({ id: customerContacts.id });
  await scope.tx
    .update(customerContacts)
    .set({ is_primary: true, ...bump })
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), eq(customerContacts.id, contactId)));
  await refreshCompleteness(scope, customerId);
  const previous = demoted[0]?.id ?? null;
  await audit(scope, { action: 'contact.primary_changed', entity_type: 'customer', entity_id: customerId, before: { primary_contact_id: previous }, after: { primary_contact_id: contactId } });
  await contactEvent(scope, 'contact.primary_changed', contactId, customerId, { previous_primary_contact_id: previous });
}
