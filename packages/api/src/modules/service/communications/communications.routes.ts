import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { logCommunication } from './communication-log.service.ts';
import {
  communicationThreadRoute,
  getCommunicationRoute,
  listCommunicationsRoute,
  logCommunicationRoute,
  meetingInvitationRoute,
  updateMeetingRoute,
} from './communications.contract.ts';
import { communicationThread, findCommunication, listCommunications, presentCommunications } from './communications.service.ts';
import { meetingInvitation } from './meeting-invitation.ts';
import { updateMeeting } from './meeting.service.ts';

/** REQ-016-007: calls, meetings, e-mails and instant messages that staff log and read. */
export const communicationRoutes = createRouter()
  .openapi(logCommunicationRoute, async function logCommunicationHandler(c) {
    const scope = scopeOf(c);
    const row = await logCommunication(scope, c.req.valid('param').id, c.req.valid('json'));
    const [communication] = await presentCommunications(scope, [row], { type: 'communication', id: row.id });
    return ok(c, communication!, { zh: '沟通记录已保存', en: 'Communication logged' }, 201);
  })
  .openapi(listCommunicationsRoute, async function listCommunicationsHandler(c) {
    const { limit, cursor, ...filters } = c.req.valid('query');
    return ok(c, await listCommunications(scopeOf(c), c.req.valid('param').id, filters, { limit, cursor }), undefined, 200);
  })
  .openapi(getCommunicationRoute, async function getCommunicationHandler(c) {
    const scope = scopeOf(c);
    const row = await findCommunication(scope, c.req.valid('param').id);
    const [communication] = await presentCommunications(scope, [row], { type: 'communication', id: row.id });
    return ok(c, communication!, undefined, 200);
  })
  .openapi(updateMeetingRoute, async function updateMeetingHandler(c) {
    const scope = scopeOf(c);
    const row = await updateMeeting(scope, c.req.valid('param').id, c.req.valid('json'));
    const [communication] = await presentCommunications(scope, [row], { type: 'communication', id: row.id });
    return ok(c, communication!, { zh: '会议记录已更新', en: 'Meeting updated' }, 200);
  })
  // The calendar-integration hand-off: calendars import this file; its UID is stable per meeting.
  .openapi(meetingInvitationRoute, async function meetingInvitationHandler(c) {
    const scope = scopeOf(c);
    const row = await findCommunication(scope, c.req.valid('param').id);
    const text = await meetingInvitation(scope, row);
    return c.body(text, 200, { 'Content-Type': 'text/calendar; charset=utf-8; method=REQUEST', 'Content-Disposition': `attachment; filename="meeting-${row.id}.ics"` });
  })
  .openapi(communicationThreadRoute, async function communicationThreadHandler(c) {
    return ok(c, await communicationThread(scopeOf(c), c.req.valid('param').id), undefined, 200);
  });
