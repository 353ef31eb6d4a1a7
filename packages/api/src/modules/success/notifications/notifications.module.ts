import { defineModule } from '../../../platform/module.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { notifications } from './notifications.schema.ts';

export const notificationsModule = defineModule({
  name: 'success/notifications',
  routes: [notificationRoutes],
  tags: [
    { name: 'notifications', description: 'In-app notifications of the current user' },
  ],
  tables: [notifications],
});
