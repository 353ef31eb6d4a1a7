import { defineModule } from '../../../platform/module.ts';
import { systemRoutes } from './system.routes.ts';

export const systemModule = defineModule({
  name: 'admin/system',
  routes: [],
  openRoutes: [systemRoutes],
  tags: [
    { name: 'system', description: 'Probes' },
  ],
  tables: [],
});
