import { and, eq, ne, or, type SQL } from 'drizzle-orm';
import { blindIndexOf } from '../../../platform/crypto/field-crypto.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contactDirectory } from '../../customers/contacts/contacts.public.ts';
import { findDuplicates } from '../../customers/customers/customers.public.ts';
import type { LeadDuplicate } from './leads.contract.ts';
import { leads } from './sales-pipeline.schema.ts';

export type LeadProbe = { company_name?: string | null; mobile?: string | null; email?: string | null };

/**
 * What a (prospective) lead duplicates: other leads and customer contacts with exactly its mobile or e-mail
 * (blind index, nothing decrypted), and customers with the same or a similar company name (the customers
 * module's normalised and trigram match).
 * @example await findLeadDuplicates(scope, { mobile: '13800138000' }) // [{ kind: 'contact', id: 4, name: '张总', match: 'mobile', customer_id: 12 }]
 */
export async function findLeadDuplicates(scope: RequestScope, probe: LeadProbe, excludeLeadId?: number): Promise<LeadDuplicate[]> {
  const found: LeadDuplicate[] = [];
  const channels = (['mobile', 'email'] as const).filter((field) => probe[field]).map((field) => ({ field, bidx: blindIndexOf(scope.keyRing, field, probe[field]!) }));
  if (channels.length > 0) {
    const leadMatch = or(...channels.map((c) => eq(c.field === 'mobile' ? leads.mobile_bidx : leads.email_bidx, c.bidx))) as SQL;
    const leadRows = await scope.tx
      .select({ id: leads.id, name: leads.company_name, mobile: leads.mobile_bidx, email: leads.email_bidx, customer_id: leads.converted_customer_id })
      .from(leads)
      .where(and(eq(leads.tenant_id, scope.tenantId), excludeLeadId ? ne(leads.id, excludeLeadId) : undefined, leadMatch))
      .limit(20);
    const contactMatch = or(...channels.map((c) => eq(c.field === 'mobile' ? contactDirectory.mobile_bidx : contactDirectory.email_bidx, c.bidx))) as SQL;
    const contactRows = await scope.tx
      .select({ id: contactDirectory.id, name: contactDirectory.contact_name, mobile: contactDirectory.mobile_bidx, email: contactDirectory.email_bidx, customer_id: contactDirectory.customer_id })
      .from(contactDirectory)
      .where(and(eq(contactDirectory.tenant_id, scope.tenantId), contactMatch))
      .limit(20);
    const matchOf = (row: { mobile: string | null; email: string | null }) => channels.find((c) => row[c.field] === c.bidx)!.field;
    for (const row of leadRows) found.push({ kind: 'lead', id: row.id, name: row.name, match: matchOf(row), customer_id: row.customer_id });
    for (const row of contactRows) found.push({ kind: 'contact', id: row.id, name: row.name, match: matchOf(row), customer_id: row.customer_id });
  }
  if (probe.company_name) {
    const candidates = await findDuplicates(scope, { customer_name: probe.company_name });
    for (const c of candidates) {
      if (c.reasons.includes('name') || c.reasons.includes('similar_name')) found.push({ kind: 'customer', id: c.customer_id, name: c.customer_name, match: 'company_name', customer_id: c.customer_id });
    }
  }
  return found;
}
