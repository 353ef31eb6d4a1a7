import { defineModule } from '../../../platform/module.ts';
import { settingsRoutes } from './settings.routes.ts';

export const settingsModule = defineModule({
  name: 'admin/settings',
  routes: [settingsRoutes],
  tags: [
    { name: 'settings', description: 'Tenant settings (admin)' },
  ],
  tables: [],
});
