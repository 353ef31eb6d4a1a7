import { defineModule } from '../../../platform/module.ts';
import { apiKeyRoutes } from './api-keys.routes.ts';

export const apiKeysModule = defineModule({
  name: 'admin/api-keys',
  routes: [apiKeyRoutes],
  tags: [
    { name: 'api-keys', description: 'Integration API keys (admin)' },
  ],
  tables: [],
});
