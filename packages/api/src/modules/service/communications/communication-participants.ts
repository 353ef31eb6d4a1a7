import { and, eq, inArray, or } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { sealField, blindIndexOf } from '../../../platform/crypto/field-crypto.ts';
import { maskPii } from '../../../platform/crypto/pii.ts';
import { ApiError } from '../../../platform/errors.ts';
import './communications.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { staffUserIds } from '../../../platform/staff-users.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory } from '../../customers/contacts/contacts.public.ts';
import type { Participant } from './communications.contract.ts';
import type { CommunicationParticipant, CommunicationRow } from './communications.schema.ts';

/**
 * Refuses contacts that are not of the customer and users who are not staff of the tenant: a
 * communication must never point at another customer's people.
 * @example await assertParticipants(scope, 12, { contact_ids: [3], user_ids: [7] });
 */
export async function assertParticipants(scope: RequestScope, customerId: number, ids: { contact_ids?: readonly number[]; user_ids?: readonly number[] }): Promise<void> {
  const contactIds = [...new Set(ids.contact_ids ?? [])];
  if (contactIds.length > 0) {
    const rows = await scope.tx
      .select({ id: contactDirectory.id })
      .from(contactDirectory)
      .where(and(eq(contactDirectory.tenant_id, scope.tenantId), eq(contactDirectory.customer_id, customerId), inArray(contactDirectory.id, contactIds)));
    const found = new Set(rows.map((r) => r.id));
    const missing = contactIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new ApiError('communication.participant_invalid', { contact_ids: missing });
  }
  const userIds = [...new Set(ids.user_ids ?? [])];
  const staff = new Set(await staffUserIds(scope, userIds));
  const strangers = userIds.filter((id) => !staff.has(id));
  if (strangers.length > 0) throw new ApiError('communication.participant_invalid', { user_ids: strangers });
}

/** A contact an address or number belongs to. */
export type ContactMatch = { contact_id: number; customer_id: number };

/**
 * The contacts whose e-mail (or, with `field: 'mobile'`, mobile or phone) is exactly `value`, found
 * through the blind index: nothing is decrypted.
 * @example await contactsByChannel(scope, 'email', 'zhang@example.cn') // [{ contact_id: 3, customer_id: 12 }]
 */
export async function contactsByChannel(scope: RequestScope, field: 'email' | 'mobile', value: string): Promise<ContactMatch[]> {
  const channel =
    field === 'email'
      ? eq(contactDirectory.email_bidx, blindIndexOf(scope.keyRing, 'email', value))
      : or(eq(contactDirectory.mobile_bidx, blindIndexOf(scope.keyRing, 'mobile', value)), eq(contactDirectory.phone_bidx, blindIndexOf(scope.keyRing, 'phone', value)));
  const rows = await scope.tx
    .select({ contact_id: contactDirectory.id, customer_id: contactDirectory.customer_id })
    .from(contactDirectory)
    .where(and(eq(contactDirectory.tenant_id, scope.tenantId), channel))
    .orderBy(contactDirectory.id)
    .limit(50);
  return rows;
}

/**
 * A participant known only by an address: kept as ciphertext plus blind index, never in clear.
 * @example sealedParticipant(scope, 'to', 'li@example.cn', '李工')
 */
export function sealedParticipant(scope: RequestScope, role: CommunicationParticipant['role'], address: string, name?: string | null, field: 'email' | 'mobile' = 'email'): CommunicationParticipant {
  const sealed = sealField(scope.keyRing, field, address);
  return { role, ...(name ? { name } : {}), address_enc: sealed.enc ?? undefined, address_bidx: sealed.bidx ?? undefined };
}

/** Current names of the contacts and users the rows mention. */
export type ParticipantNames = { contacts: Map<number, string>; users: Map<number, string> };

/**
 * Looks up, in two queries, the names of every contact and user the given communications mention.
 * @example const names = await participantNames(scope, rows);
 */
export async function participantNames(scope: RequestScope, rows: readonly CommunicationRow[]): Promise<ParticipantNames> {
  const contactIds = new Set<number>();
  const userIds = new Set<number>();
  for (const row of rows) {
    for (const p of row.participants) {
      if (p.contact_id) contactIds.add(p.contact_id);
      if (p.user_id) userIds.add(p.user_id);
    }
    for (const item of row.details.action_items ?? []) userIds.add(item.owner_user_id);
  }
  const contacts = contactIds.size
    ? await scope.tx
        .select({ id: contactDirectory.id, name: contactDirectory.contact_name })
        .from(contactDirectory)
        .where(and(eq(contactDirectory.tenant_id, scope.tenantId), inArray(contactDirectory.id, [...contactIds])))
    : [];
  const staff = userIds.size
    ? await scope.tx
        .select({ id: users.id, name: users.display_name })
        .from(users)
        .where(and(eq(users.tenant_id, scope.tenantId), inArray(users.id, [...userIds])))
    : [];
  return { contacts: new Map(contacts.map((c) => [c.id, c.name])), users: new Map(staff.map((u) => [u.id, u.name])) };
}

/**
 * A sealed address for the caller: clear with pii:read, masked otherwise.
 * @example revealAddress(scope, participant.address_enc) // 'li@example.cn' or a masked form
 */
export function revealAddress(scope: RequestScope, enc: string | undefined): string | null {
  if (!enc) return null;
  const plain = scope.keyRing.decrypt(enc);
  if (scope.principal.permissions.has('pii:read')) return plain;
  return maskPii(plain.includes('@') ? 'email' : 'mobile', plain);
}

/**
 * The participants as the API shows them, names resolved.
 * @example presentParticipants(scope, row, names)
 */
export function presentParticipants(scope: RequestScope, row: CommunicationRow, names: ParticipantNames): Participant[] {
  return row.participants.map((p) => ({
    role: p.role,
    contact_id: p.contact_id ?? null,
    user_id: p.user_id ?? null,
    name: (p.contact_id ? names.contacts.get(p.contact_id) : p.user_id ? names.users.get(p.user_id) : undefined) ?? p.name ?? null,
    address: revealAddress(scope, p.address_enc),
  }));
}

/**
 * Records that the caller saw sealed addresses in clear: reading personal data is itself audited.
 * @example await auditAddressReads(scope, rows, { type: 'customer', id: 12 });
 */
export async function auditAddressReads(scope: RequestScope, rows: readonly CommunicationRow[], entity: { type: 'customer' | 'communication'; id: number }): Promise<void> {
  if (!scope.principal.permissions.has('pii:read')) return;
  const revealed = rows.filter((row) => row.participants.some((p) => p.address_enc));
  if (revealed.length === 0) return;
  await audit(scope, { action: 'pii.read', entity_type: entity.type, entity_id: entity.id, after: { communication_ids: revealed.map((r) => r.id) } });
}
