import { defineModule } from '../../../platform/module.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule = defineModule({
  name: 'admin/audit',
  routes: [auditRoutes],
  tags: [
    { name: 'audit', description: 'The tamper-evident audit trail (admin, auditor)' },
  ],
  tables: [],
});
