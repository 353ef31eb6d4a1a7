import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const LocalizedText = z.object({ zh: z.string(), en: z.string() }).openapi('LocalizedText');

export const Notification = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ example: 'contract.renewal_due' }),
    title: LocalizedText,
    body: LocalizedText.nullable(),
    entity_type: z.string().nullable().openapi({ example: 'contract' }),
    entity_id: z.string().nullable().openapi({ example: '42' }),
    data: z.record(z.string(), z.unknown()),
    read: z.boolean(),
    read_at: z.string().nullable().openapi({ description: 'Tenant local time (Asia/Shanghai)' }),
    created_at: z.string().openapi({ description: 'Tenant local time (Asia/Shanghai)' }),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z
  .object({
    items: z.array(Notification),
    next_cursor: z.string().nullable(),
    unread_count: z.number().int().openapi({ description: "The caller's unread notifications in all, whatever the page" }),
  })
  .openapi('NotificationPage');
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = z.strictObject({
  unread_only: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').openapi({ type: 'boolean', description: 'Only unread notifications' }),
  ...pageQuery,
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const MarkAllReadResult = z
  .object({ marked: z.number().int().openapi({ description: 'Notifications that were unread and are read now' }), unread_count: z.number().int() })
  .openapi('MarkAllReadResult');

const signedInOnly = 'Only for signed-in users: an integration API key has no inbox and is answered 403.';

export const listNotificationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/notifications',
  operationId: 'listMyNotifications',
  ...permission('authenticated'),
  tags: ['notifications'],
  summary: "The caller's notifications, newest first",
  description: `The bell of the workbench and the portal: the caller's own notifications, keyset-paginated, with the unread count. ${signedInOnly}`,
  request: { query: NotificationListQuery },
  responses: { 200: jsonResponse(NotificationPage, 'NotificationPage', 'A page of notifications'), ...errorResponses },
});

export const markNotificationReadRoute = createRoute({
  method: 'post',
  path: '/api/v1/notifications/{id}/read',
  operationId: 'markNotificationRead',
  ...permission('authenticated'),
  tags: ['notifications'],
  summary: 'Mark one notification read',
  description: `Idempotent: an already read notification keeps its first read time. Someone else's notification answers 404 \`notification.not_found\`, as a missing one does. ${signedInOnly}`,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Notification, 'Notification', 'The notification'), ...writeErrorResponses },
});

export const markAllNotificationsReadRoute = createRoute({
  method: 'post',
  path: '/api/v1/notifications/read-all',
  operationId: 'markAllNotificationsRead',
  ...permission('authenticated'),
  tags: ['notifications'],
  summary: "Mark all the caller's notifications read",
  description: signedInOnly,
  responses: { 200: jsonResponse(MarkAllReadResult, 'MarkAllReadResult', 'How many were marked'), ...writeErrorResponses },
});
