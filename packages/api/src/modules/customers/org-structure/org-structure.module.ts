import { defineModule } from '../../../platform/module.ts';
import { orgStructureRoutes } from './org-structure.routes.ts';
import { customerDepartments } from './org-structure.schema.ts';

export const orgStructureModule = defineModule({
  name: 'customers/org-structure',
  routes: [orgStructureRoutes],
  tags: [
    { name: 'org-structure', description: '组织架构: departments, org chart and customer groups (REQ-016-001)' },
  ],
  tables: [customerDepartments],
});
