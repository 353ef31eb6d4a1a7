import { defineModule } from '../../../platform/module.ts';
import { currentUserRoutes, tokenRoutes } from './auth.routes.ts';

export const authModule = defineModule({
  name: 'admin/auth',
  routes: [currentUserRoutes],
  openRoutes: [tokenRoutes],
  tags: [
    { name: 'auth', description: 'Tokens and the current user' },
  ],
  tables: [],
});
