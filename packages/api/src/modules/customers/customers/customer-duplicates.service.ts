import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { blindIndexOf } from '../../../platform/crypto/field-crypto.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { contactDirectory } from '../contacts/contacts.public.ts';
import { normaliseCustomerName, websiteDomain } from './customer-name.ts';
import { customers } from './customers.schema.ts';

export type DuplicateProbe = {
  customer_name?: string | null;
  website?: string | null;
  credit_code?: string | null;
  contacts?: { phone?: string | null; mobile?: string | null; email?: string | null }[];
};

export type DuplicateReason = 'credit_code' | 'name' | 'similar_name' | 'website_domain' | 'contact';

export type DuplicateCandidate = {
  customer_id: number;
  customer_code: string;
  customer_name: string;
  score: number;
  reasons: DuplicateReason[];
};

/** Similar names below this trigram similarity are not reported. */
const NAME_SIMILARITY_FLOOR = 0.5;
/** A candidate at or above this score blocks a create or update unless the caller forces it. */
export const DUPLICATE_BLOCK_SCORE = 0.6;

/** Evidence weights; independent pieces of evidence combine as 1 − Π(1 − wᵢ). */
const WEIGHTS = { credit_code: 0.99, exact_name: 0.95, contact: 0.8, domain: 0.7 } as const;

/**
 * Scored duplicate candidates for a new or changed customer: normalised name (exact and trigram-similar),
 * website domain, credit code, and contacts' phone / mobile / e-mail through their blind indexes.
 * @example await findDuplicates(scope, { customer_name: 'ABC科技（中国）有限公司' })
 */
export async function findDuplicates(scope: RequestScope, probe: DuplicateProbe, excludeId?: number): Promise<DuplicateCandidate[]> {
  const normalised = probe.customer_name ? normaliseCustomerName(probe.customer_name) : null;
  const domain = websiteDomain(probe.website);
  const credit = probe.credit_code?.trim().toUpperCase() || null;
  const channelIndexes: string[] = [];
  for (const contact of probe.contacts ?? []) {
    if (contact.mobile) channelIndexes.push(blindIndexOf(scope.keyRing, 'mobile', contact.mobile));
    if (contact.phone) channelIndexes.push(blindIndexOf(scope.keyRing, 'phone', contact.phone));
    if (contact.email) channelIndexes.push(blindIndexOf(scope.keyRing, 'email', contact.email));
  }

  const byContact = new Set<number>();
  if (channelIndexes.length > 0) {
    const rows = await scope.tx
      .selectDistinct({ id: contactDirectory.customer_id })
      .from(contactDirectory)
      .where(
        and(
          eq(contactDirectory.tenant_id, scope.tenantId),
          or(
            inArray(contactDirectory.mobile_bidx, channelIndexes),
            inArray(contactDirectory.phone_bidx, channelIndexes),
            inArray(contactDirectory.email_bidx, channelIndexes),
          ),
        ),
      )
      .limit(20);
    for (const row of rows) byContact.add(row.id);
  }

  const matchers = [
    normalised ? sql`${customers.name_normalized} = ${normalised}` : null,
    normalised && normalised.length >= 2 ? sql`${customers.name_normalized} % ${normalised}` : null,
    domain ? eq(customers.website_domain, domain) : null,
    credit ? eq(customers.credit_code, credit) : null,
    byContact.size > 0 ? inArray(customers.id, [...byContact]) : null,
  ].filter((m) => m !== null);
  if (matchers.length === 0) return [];

  // `0::real`, not `0`: a bare integer in ORDER BY names a column by position, and there is no column 0.
  const similarity = normalised ? sql<number>`similarity(${customers.name_normalized}, ${normalised})` : sql<number>`0::real`;
  const rows = await scope.tx
    .select({
      id: customers.id,
      code: customers.customer_code,
      name: customers.customer_name,
      normalized: customers.name_normalized,
      domain: customers.website_domain,
      credit: customers.credit_code,
      similarity,
    })
    .from(customers)
    .where(and(eq(customers.tenant_id, scope.tenantId), isNull(customers.archived_at), excludeId ? ne(customers.id, excludeId) : undefined, or(...matchers)))
    .orderBy(sql`${similarity} desc`)
    .limit(20);

  const candidates = rows.map((row) => {
    const reasons: DuplicateReason[] = [];
    const weights: number[] = [];
    if (credit && row.credit === credit) (reasons.push('credit_code'), weights.push(WEIGHTS.credit_code));
    if (normalised && row.normalized === normalised) (reasons.push('name'), weights.push(WEIGHTS.exact_name));
    else if (Number(row.similarity) >= NAME_SIMILARITY_FLOOR) (reasons.push('similar_name'), weights.push(Number(row.similarity) * 0.9));
    if (domain && row.domain === domain) (reasons.push('website_domain'), weights.push(WEIGHTS.domain));
    if (byContact.has(row.id)) (reasons.push('contact'), weights.push(WEIGHTS.contact));
    const score = 1 - weights.reduce((rest, w) => rest * (1 - w), 1);
    return { customer_id: row.id, customer_code: row.code, customer_name: row.name, score: Math.round(score * 100) / 100, reasons };
  });
  return candidates.filter((c) => c.reasons.length > 0).sort((a, b) => b.score - a.score);
}
