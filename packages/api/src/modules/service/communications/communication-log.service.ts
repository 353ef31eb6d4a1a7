import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { assertParticipants, contactsByChannel, sealedParticipant } from './communication-participants.ts';
import type { CommunicationCreate, EmailParty } from './communications.contract.ts';
import type { CommunicationParticipant, CommunicationRow } from './communications.schema.ts';
import { assertTextSize, assertTimeOrder, insertCommunication, saveCommunication, type NewCommunication } from './communications.service.ts';
import { assertActionOwners, syncActionItems } from './meeting.service.ts';

type Role = CommunicationParticipant['role'];
const contactsAs = (role: Role, ids: readonly number[]): CommunicationParticipant[] => [...new Set(ids)].map((contact_id) => ({ role, contact_id }));
const staffAs = (role: Role, userId: number | null): CommunicationParticipant[] => (userId === null ? [] : [{ role, user_id: userId }]);

/** An e-mail party as stored: a contact of the customer (given, or matched by address), else a sealed address. */
async function emailParticipant(scope: RequestScope, customerId: number, role: Role, party: EmailParty): Promise<CommunicationParticipant> {
  if ('contact_id' in party) return { role, contact_id: party.contact_id };
  const match = (await contactsByChannel(scope, 'email', party.address)).find((m) => m.customer_id === customerId);
  if (match) return { role, contact_id: match.contact_id };
  return sealedParticipant(scope, role, party.address, party.name);
}

/** What each kind stores besides the shared columns. */
async function columnsOf(scope: RequestScope, customerId: number, input: CommunicationCreate): Promise<NewCommunication> {
  const occurredAt = new Date(input.occurred_at);
  const base = { customer_id: customerId, kind: input.kind, occurred_at: occurredAt };
  const me = scope.principal.userId;
  switch (input.kind) {
    case 'call': {
      // Who called whom follows the direction: the contacts call in, or staff call out.
      const [contactRole, staffRole]: [Role, Role] = input.direction === 'inbound' ? ['caller', 'callee'] : ['callee', 'caller'];
      const duration = input.duration_seconds ?? null;
      return {
        ...base,
        direction: input.direction,
        channel: input.channel,
        subject: input.subject ?? null,
        body: input.body ?? input.summary ?? null,
        duration_seconds: duration,
        ended_at: duration === null ? null : new Date(occurredAt.getTime() + duration * 1000),
        participants: [...staffAs(staffRole, me), ...contactsAs(contactRole, input.contact_ids)],
      };
    }
    case 'meeting': {
      const endedAt = input.ended_at ? new Date(input.ended_at) : null;
      assertTimeOrder(occurredAt, endedAt);
      return {
        ...base,
        subject: input.subject,
        ended_at: endedAt,
        participants: [...staffAs('organizer', me), ...contactsAs('attendee', input.attendees.contact_ids), ...[...new Set(input.attendees.user_ids)].filter((id) => id !== me).map((user_id) => ({ role: 'attendee' as const, user_id }))],
        details: {
          ...(input.location ? { location: input.location } : {}),
          agenda: input.agenda,
          ...(input.minutes ? { minutes: input.minutes } : {}),
          decisions: input.decisions,
          action_items: [],
          action_item_seq: 0,
        },
      };
    }
    case 'email': {
      const parties = [
        await emailParticipant(scope, customerId, 'from', input.from),
        ...(await Promise.all(input.to.map((p) => emailParticipant(scope, customerId, 'to', p)))),
        ...(await Promise.all(input.cc.map((p) => emailParticipant(scope, customerId, 'cc', p)))),
      ];
      return { ...base, direction: input.direction, channel: 'email', subject: input.subject ?? null, body: input.body ?? null, participants: parties };
    }
    case 'im': {
      const [contactRole, staffRole]: [Role, Role] = input.direction === 'inbound' ? ['from', 'to'] : ['to', 'from'];
      return { ...base, direction: input.direction, channel: input.channel, body: input.body, participants: [...staffAs(staffRole, me), ...contactsAs(contactRole, input.contact_ids)] };
    }
  }
}

/** The contacts and users an input names, for the ownership check. */
function namedPeople(input: CommunicationCreate): { contact_ids: number[]; user_ids: number[] } {
  switch (input.kind) {
    case 'meeting':
      return { contact_ids: input.attendees.contact_ids, user_ids: input.attendees.user_ids };
    case 'email':
      return { contact_ids: [input.from, ...input.to, ...input.cc].flatMap((p) => ('contact_id' in p ? [p.contact_id] : [])), user_ids: [] };
    default:
      return { contact_ids: input.contact_ids, user_ids: [] };
  }
}

/**
 * Logs a call, meeting, e-mail or instant message with a customer the caller may see. Everything is
 * checked before anything is written; a meeting's action items then become tasks of their owners.
 * @example const row = await logCommunication(scope, 12, { kind: 'call', direction: 'outbound', channel: 'phone', occurred_at: '2026-03-02T10:00:00+08:00', contact_ids: [3] });
 */
export async function logCommunication(scope: RequestScope, customerId: number, input: CommunicationCreate): Promise<CommunicationRow> {
  await findVisibleCustomer(scope, customerId);
  assertTextSize({
    body: 'body' in input ? input.body : undefined,
    summary: input.kind === 'call' ? input.summary : undefined,
    minutes: input.kind === 'meeting' ? input.minutes : undefined,
  });
  await assertParticipants(scope, customerId, namedPeople(input));
  if (input.kind === 'meeting') await assertActionOwners(scope, input.action_items);
  const row = await insertCommunication(scope, await columnsOf(scope, customerId, input));
  if (input.kind !== 'meeting' || input.action_items.length === 0) return row;
  const items = await syncActionItems(scope, row, input.action_items);
  return saveCommunication(scope, row, { details: { ...row.details, ...items } }, { announce: false });
}
