import { defineModule } from '../../../platform/module.ts';
import { completenessRoutes } from './completeness.routes.ts';

export const completenessModule = defineModule({
  name: 'customers/completeness',
  routes: [completenessRoutes],
  tags: [
    { name: 'completeness', description: 'Data completeness KPI and missing key information reminders (REQ-016 §2, §9)' },
  ],
  tables: [],
});
