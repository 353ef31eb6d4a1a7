import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { isoDate, isoInstant } from '../../../platform/time/iso-time.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { COMMUNICATION_DIRECTIONS, COMMUNICATION_KINDS, IM_PLATFORMS } from './communications.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** The longest body, minutes or message text kept; longer ones answer 422 `communication.body_too_large`. */
export const MAX_BODY_CHARS = 100_000;

const ids = z.array(z.number().int().positive()).max(50);
// Length is checked by the service, so an over-long text answers 422 `communication.body_too_large`.
const longText = z.string().openapi({ description: `At most ${MAX_BODY_CHARS.toLocaleString('en')} characters` });
const direction = z.enum(COMMUNICATION_DIRECTIONS);
const subject = z.string().trim().max(500);

export const ActionItemInput = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    owner_user_id: z.number().int().positive().openapi({ description: 'A member of staff; becomes the task assignee' }),
    due_date: isoDate.nullish(),
    task_id: z.number().int().positive().optional().openapi({ description: 'On PATCH: the task of an existing item (items without one are matched by title and owner, else new)' }),
  })
  .openapi('ActionItemInput');
export type ActionItemInput = z.infer<typeof ActionItemInput>;

const meetingText = {
  agenda: z.array(z.string().trim().min(1).max(500)).max(50),
  decisions: z.array(z.string().trim().min(1).max(2_000)).max(50),
  action_items: z.array(ActionItemInput).max(50),
};

export const CallCreate = z
  .strictObject({
    kind: z.literal('call'),
    direction,
    channel: z.string().trim().min(1).max(32).default('phone'),
    occurred_at: isoInstant,
    duration_seconds: z.number().int().min(0).max(86_400).optional(),
    contact_ids: ids.default([]).openapi({ description: 'The contacts on the call' }),
    subject: subject.optional(),
    summary: longText.optional().openapi({ description: 'What was said; stored as the body (either field)' }),
    body: longText.optional(),
  })
  .openapi('CallCreate');

export const MeetingCreate = z
  .strictObject({
    kind: z.literal('meeting'),
    occurred_at: isoInstant.openapi({ description: 'When the meeting starts' }),
    ended_at: isoInstant.optional(),
    location: z.string().trim().max(300).optional(),
    subject: subject.min(1),
    attendees: z
      .strictObject({ contact_ids: ids.default([]), user_ids: ids.default([]) })
      .default({ contact_ids: [], user_ids: [] })
      .openapi({ description: "Contacts of this customer and staff of the tenant; others answer 422 `communication.participant_invalid`" }),
    agenda: meetingText.agenda.default([]),
    minutes: longText.optional(),
    decisions: meetingText.decisions.default([]),
    action_items: meetingText.action_items.default([]).openapi({ description: 'Each becomes a task of its owner (type action_item), notified in-app' }),
  })
  .openapi('MeetingCreate');

/** One side of an e-mail: a contact of the customer, or an address (kept sealed unless it matches a contact). */
export const EmailParty = z
  .union([
    z.strictObject({ contact_id: z.number().int().positive() }),
    z.strictObject({ address: z.string().trim().email().max(254), name: z.string().trim().max(100).optional() }),
  ])
  .openapi('EmailParty');
export type EmailParty = z.infer<typeof EmailParty>;

export const EmailCreate = z
  .strictObject({
    kind: z.literal('email'),
    direction,
    occurred_at: isoInstant,
    subject: subject.optional(),
    body: longText.optional(),
    from: EmailParty,
    to: z.array(EmailParty).min(1).max(100),
    cc: z.array(EmailParty).max(100).default([]),
  })
  .openapi('EmailCreate');

export const ImCreate = z
  .strictObject({
    kind: z.literal('im'),
    channel: z.enum(IM_PLATFORMS),
    direction,
    occurred_at: isoInstant,
    body: longText,
    contact_ids: ids.default([]),
  })
  .openapi('ImCreate');

export const CommunicationCreate = z.discriminatedUnion('kind', [CallCreate, MeetingCreate, EmailCreate, ImCreate]).openapi('CommunicationCreate');
export type CommunicationCreate = z.infer<typeof CommunicationCreate>;
export type MeetingCreate = z.infer<typeof MeetingCreate>;

export const MeetingPatch = z
  .strictObject({
    subject: subject.min(1).optional(),
    ended_at: isoInstant.nullable().optional(),
    location: z.string().trim().max(300).nullable().optional(),
    agenda: meetingText.agenda.optional(),
    minutes: longText.nullable().optional(),
    decisions: meetingText.decisions.optional(),
    action_items: meetingText.action_items.optional().openapi({ description: 'The whole list: new items create tasks, existing ones keep theirs; a removed item leaves its task on the board' }),
  })
  .openapi('MeetingPatch');
export type MeetingPatch = z.infer<typeof MeetingPatch>;

export const Participant = z
  .object({
    role: z.enum(['from', 'to', 'cc', 'organizer', 'attendee', 'caller', 'callee']),
    contact_id: z.number().int().nullable(),
    user_id: z.number().int().nullable(),
    name: z.string().nullable().openapi({ description: "The contact's or user's name as stored now, else the name the message gave" }),
    address: z.string().nullable().openapi({ description: 'An address that matched nobody: masked unless the caller holds pii:read' }),
  })
  .openapi('CommunicationParticipant');
export type Participant = z.infer<typeof Participant>;

export const ActionItem = z
  .object({ title: z.string(), owner_user_id: z.number().int(), due_date: z.string().nullable(), task_id: z.number().int().nullable() })
  .openapi('ActionItem');

export const CommunicationDetails = z
  .object({
    location: z.string().optional(),
    agenda: z.array(z.string()).optional(),
    minutes: z.string().optional(),
    decisions: z.array(z.string()).optional(),
    action_items: z.array(ActionItem).optional(),
    message_id: z.string().optional(),
    in_reply_to: z.string().nullable().optional(),
    references: z.array(z.string()).optional(),
    attachments: z.array(z.object({ filename: z.string(), content_type: z.string(), size: z.number().int() })).optional(),
  })
  .openapi('CommunicationDetails');

export const Communication = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    kind: z.enum(COMMUNICATION_KINDS),
    direction: direction.nullable(),
    channel: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    occurred_at: z.string().openapi({ example: '2026-03-02 10:00:00', description: 'Business time (Asia/Shanghai)' }),
    ended_at: z.string().nullable(),
    duration_seconds: z.number().int().nullable(),
    participants: z.array(Participant),
    details: CommunicationDetails,
    thread_key: z.string().nullable(),
    source: z.string().nullable().openapi({ description: '`email`, `wecom`, … for ingested items; null when logged by staff' }),
    external_id: z.string().nullable(),
    created_by: z.number().int().nullable(),
    created_at: z.string(),
  })
  .openapi('Communication');
export type Communication = z.infer<typeof Communication>;

export const CommunicationFilters = z.object({
  kind: z.enum(COMMUNICATION_KINDS).optional(),
  from: isoDate.optional().openapi({ description: 'Business date, inclusive' }),
  to: isoDate.optional().openapi({ description: 'Business date, inclusive' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Words in the subject or body (Chinese included)' }),
});
export type CommunicationFilters = z.infer<typeof CommunicationFilters>;

export const CommunicationIdParam = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const tags = ['communications'];
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

export const logCommunicationRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/communications',
  operationId: 'logCommunication',
  ...permission('communication:write'),
  tags,
  summary: 'Log a call, meeting, e-mail or instant message with a customer',
  description:
    'REQ-016-007. The body is one of four kinds (`kind`). Contacts must belong to the customer and users to the tenant (422 `communication.participant_invalid`); an end before the start answers 422 `communication.times_invalid`; a body or minutes over 100,000 characters 422 `communication.body_too_large`. A meeting\'s action items become tasks of their owners, who are notified. Announces `communication.logged`.',
  request: { params: IdParam, body: json(CommunicationCreate) },
  responses: { 201: jsonResponse(Communication, 'Communication', 'The communication as stored'), ...writeErrorResponses },
});

export const listCommunicationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/communications',
  operationId: 'listCommunications',
  ...permission('communication:read'),
  tags,
  summary: "A customer's communications, newest first",
  description: 'Filters by kind and period (business dates); `q` searches subject and body. Keyset-paginated on (occurred_at, id). 404 for a customer the caller may not see.',
  request: { params: IdParam, query: CommunicationFilters.extend(pageQuery) },
  responses: { 200: jsonResponse(pageOf(Communication, 'Communication'), 'CommunicationPage', 'A page of communications'), ...errorResponses },
});

export const getCommunicationRoute = createRoute({
  method: 'get',
  path: '/api/v1/communications/{id}',
  operationId: 'getCommunication',
  ...permission('communication:read'),
  tags,
  summary: 'One communication, participants resolved',
  description: "Participants carry the contact's or user's current name; addresses that matched nobody are masked unless the caller holds pii:read (unmasked reads are audited).",
  request: { params: CommunicationIdParam },
  responses: { 200: jsonResponse(Communication, 'Communication', 'The communication'), ...errorResponses },
});

export const updateMeetingRoute = createRoute({
  method: 'patch',
  path: '/api/v1/communications/{id}',
  operationId: 'updateMeeting',
  ...permission('communication:write'),
  tags,
  summary: "Record a meeting's minutes, decisions, agenda and action items",
  description:
    'Meetings only (422 `communication.not_meeting` otherwise). Communications carry no version, so If-Match is not needed. `action_items` is the whole list: items with a `task_id`, or with the title and owner of an existing item, keep their task; new items create tasks (never twice: each has a stable source key).',
  request: { params: CommunicationIdParam, body: json(MeetingPatch) },
  responses: { 200: jsonResponse(Communication, 'Communication', 'The meeting as saved'), ...writeErrorResponses },
});

export const meetingInvitationRoute = createRoute({
  method: 'get',
  path: '/api/v1/communications/{id}/invitation.ics',
  operationId: 'getMeetingInvitation',
  ...permission('communication:read'),
  tags,
  summary: 'The meeting as an iCalendar invitation (calendar-integration hand-off)',
  description:
    'The hand-off to calendars (Outlook, Google, DingTalk, WeCom): an iCalendar `VEVENT` with a UID stable per meeting (`meeting-<tenant>-<id>@crm`), so importing it again updates the same event. Organizer is the member of staff who logged it; attendees are the contacts and staff with their names. Contact e-mail addresses appear only for callers holding pii:read; otherwise, and for staff, a non-deliverable `@crm.invalid` address stands in. 422 `communication.not_meeting` for other kinds.',
  request: { params: CommunicationIdParam },
  responses: { 200: { description: 'The invitation', content: { 'text/calendar': { schema: z.string().openapi({ example: 'BEGIN:VCALENDAR…' }) } } }, ...errorResponses },
});

export const communicationThreadRoute = createRoute({
  method: 'get',
  path: '/api/v1/communications/{id}/thread',
  operationId: 'getCommunicationThread',
  ...permission('communication:read'),
  tags,
  summary: 'The conversation a communication belongs to, oldest first',
  description: 'E-mails linked by In-Reply-To/References, or the messages of one IM chat; at most 500. A communication outside any thread answers itself alone.',
  request: { params: CommunicationIdParam },
  responses: { 200: jsonResponse(z.object({ items: z.array(Communication) }).openapi('CommunicationThread'), 'CommunicationThread', 'The thread'), ...errorResponses },
});
