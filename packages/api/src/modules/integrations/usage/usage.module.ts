import { defineModule } from '../../../platform/module.ts';
import { usageRoutes } from './usage.routes.ts';
import { usageDaily, usageEventKeys } from './usage.schema.ts';

export const usageModule = defineModule({
  name: 'integrations/usage',
  routes: [usageRoutes],
  tags: [
    { name: 'usage', description: 'Portal and product usage per customer and day (logins, feature use)' },
  ],
  tables: [usageDaily, usageEventKeys],
});
