import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { blindIndexOf } from '../../../platform/crypto/field-crypto.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../customers/customers.public.ts';
import type { ContactLookupHit, ContactLookupQuery } from './contacts.contract.ts';
import { customerContacts } from './contacts.schema.ts';
import { presentContact } from './contacts.service.ts';

const LOOKUP_LIMIT = 50;
const CHANNELS = ['phone', 'mobile', 'email'] as const;
const BIDX_COLUMNS = { phone: customerContacts.phone_bidx, mobile: customerContacts.mobile_bidx, email: customerContacts.email_bidx };

/**
 * Contacts whose phone, mobile or e-mail is exactly one of the given values, among customers the caller
 * may see. Values are compared through their blind index, so nothing is decrypted to search.
 * @example await lookupContacts(scope, { mobile: '+86 138 0013 8000' }) // finds 13800138000
 */
export async function lookupContacts(scope: RequestScope, query: ContactLookupQuery): Promise<ContactLookupHit[]> {
  const probes = CHANNELS.flatMap((field) => {
    const value = query[field];
    return value ? [{ field, bidx: blindIndexOf(scope.keyRing, field, value) }] : [];
  });
  const rows = await scope.tx
    .select({
      contact: customerContacts,
      customer: { id: customerDirectory.id, customer_code: customerDirectory.customer_code, customer_name: customerDirectory.customer_name, archived_at: customerDirectory.archived_at },
    })
    .from(customerContacts)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, customerContacts.tenant_id), eq(customerDirectory.id, customerContacts.customer_id)))
    .where(and(eq(customerContacts.tenant_id, scope.tenantId), visibleCustomers(scope, customerDirectory), or(...probes.map((p) => eq(BIDX_COLUMNS[p.field], p.bidx))) as SQL))
    .orderBy(asc(customerDirectory.customer_name), asc(customerContacts.id))
    .limit(LOOKUP_LIMIT);
  if (scope.principal.permissions.has('pii:read') && rows.length > 0) {
    await audit(scope, { action: 'pii.read', entity_type: 'contact', entity_id: rows.map((r) => r.contact.id).join(','), after: { lookup: probes.map((p) => p.field) } });
  }
  return rows.map(({ contact, customer }) => ({
    contact: presentContact(scope, contact),
    customer: { ...customer, archived_at: customer.archived_at?.toISOString() ?? null },
    matched: probes.filter((p) => contact[`${p.field}_bidx`] === p.bidx).map((p) => p.field),
  }));
}
