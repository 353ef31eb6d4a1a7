import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { listNotificationsRoute, markAllNotificationsReadRoute, markNotificationReadRoute } from './notifications.contract.ts';
import { listMyNotifications, markAllRead, markRead } from './notifications.service.ts';

/**
 * The caller's own inbox. No permission beyond being a signed-in user: every query is filtered to the
 * caller as recipient, so no role can read another person's notifications.
 */
export const notificationRoutes = createRouter()
  .openapi(listNotificationsRoute, async function listNotificationsHandler(c) {
    return ok(c, await listMyNotifications(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(markNotificationReadRoute, async function markNotificationReadHandler(c) {
    const notification = await markRead(scopeOf(c), c.req.valid('param').id);
    return ok(c, notification, { zh: '已标记为已读', en: 'Marked as read' }, 200);
  })
  .openapi(markAllNotificationsReadRoute, async function markAllNotificationsReadHandler(c) {
    return ok(c, await markAllRead(scopeOf(c)), { zh: '全部标记为已读', en: 'All marked as read' }, 200);
  });
