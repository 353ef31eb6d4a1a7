import { and, eq, inArray } from 'drizzle-orm';
import ical, { ICalAttendeeRole, ICalAttendeeType, ICalCalendarMethod } from 'ical-generator';
import { audit } from '../../../platform/audit.ts';
import { revealField } from '../../../platform/crypto/field-crypto.ts';
import { EMAIL_PATTERN } from '../../../platform/crypto/pii.ts';
import { ApiError } from '../../../platform/errors.ts';
import './communications.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { contactDirectory } from '../../customers/contacts/contacts.public.ts';
import type { CommunicationRow } from './communications.schema.ts';

/** A meeting without an end is booked for an hour. */
const DEFAULT_MEETING_MS = 60 * 60 * 1000;

/**
 * Calendars need an address for every attendee. Where the caller may not see a contact's e-mail, or a
 * member of staff has none on file, an address under the reserved `.invalid` domain stands in: it
 * identifies the person in the file and can never be delivered to.
 */
const placeholder = (kind: 'contact' | 'user', id: number) => `${kind}-${id}@crm.invalid`;

/**
 * The stable UID of a meeting's event: importing the invitation again updates the same calendar entry.
 * @example meetingUid(3, 42) // 'meeting-3-42@crm'
 */
export const meetingUid = (tenantId: number, meetingId: number) => `meeting-${tenantId}-${meetingId}@crm`;

/**
 * The meeting as an iCalendar `REQUEST` (RFC 5545): the hand-off to calendar systems. Contact e-mail
 * addresses are decrypted only for callers holding pii:read, and that read is audited.
 * @example const text = await meetingInvitation(scope, row); // 'BEGIN:VCALENDAR…'
 */
export async function meetingInvitation(scope: RequestScope, meeting: CommunicationRow): Promise<string> {
  if (meeting.kind !== 'meeting') throw new ApiError('communication.not_meeting', { id: meeting.id, kind: meeting.kind });
  const contactIds = [...new Set(meeting.participants.flatMap((p) => (p.contact_id ? [p.contact_id] : [])))];
  const userIds = [...new Set([...meeting.participants.flatMap((p) => (p.user_id ? [p.user_id] : [])), ...(meeting.created_by ? [meeting.created_by] : [])])];
  const contacts = contactIds.length
    ? await scope.tx
        .select({ id: contactDirectory.id, name: contactDirectory.contact_name, email_enc: contactDirectory.email_enc })
        .from(contactDirectory)
        .where(and(eq(contactDirectory.tenant_id, scope.tenantId), inArray(contactDirectory.id, contactIds)))
    : [];
  const staff = userIds.length
    ? await scope.tx
        .select({ id: users.id, name: users.display_name, username: users.username })
        .from(users)
        .where(and(eq(users.tenant_id, scope.tenantId), inArray(users.id, userIds)))
    : [];
  const canReadPii = scope.principal.permissions.has('pii:read');
  const staffAddress = (u: { id: number; username: string }) => (EMAIL_PATTERN.test(u.username) ? u.username : placeholder('user', u.id));
  const organizer = staff.find((u) => u.id === meeting.created_by);

  const calendar = ical({ prodId: { company: 'crm-module', product: 'crm', language: 'ZH' }, method: ICalCalendarMethod.REQUEST, name: meeting.subject ?? '会议' });
  const agenda = meeting.details.agenda ?? [];
  const event = calendar.createEvent({
    id: meetingUid(scope.tenantId, meeting.id),
    start: meeting.occurred_at,
    end: meeting.ended_at ?? new Date(meeting.occurred_at.getTime() + DEFAULT_MEETING_MS),
    stamp: meeting.updated_at,
    summary: meeting.subject ?? '会议',
    location: meeting.details.location ?? null,
    description: agenda.length ? `议程 / Agenda:\n${agenda.map((item, i) => `${i + 1}. ${item}`).join('\n')}` : null,
    organizer: organizer ? { name: organizer.name, email: staffAddress(organizer) } : null,
  });
  const revealed: number[] = [];
  for (const contact of contacts) {
    const email = canReadPii ? revealField(scope.keyRing, 'email', contact.email_enc, true) : null;
    if (email) revealed.push(contact.id);
    event.createAttendee({ name: contact.name, email: email ?? placeholder('contact', contact.id), role: ICalAttendeeRole.REQ, type: ICalAttendeeType.INDIVIDUAL, rsvp: true });
  }
  for (const user of staff) {
    if (user.id === meeting.created_by) continue;
    event.createAttendee({ name: user.name, email: staffAddress(user), role: ICalAttendeeRole.REQ, type: ICalAttendeeType.INDIVIDUAL });
  }
  if (revealed.length > 0) {
    await audit(scope, { action: 'pii.read', entity_type: 'communication', entity_id: meeting.id, after: { contact_ids: revealed, purpose: 'meeting invitation' } });
  }
  return calendar.toString();
}
