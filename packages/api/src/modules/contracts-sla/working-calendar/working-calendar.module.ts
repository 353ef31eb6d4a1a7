import { defineModule } from '../../../platform/module.ts';
import { workingCalendarRoutes } from './working-calendar.routes.ts';
import { workingCalendars } from './working-calendar.schema.ts';

export const workingCalendarModule = defineModule({
  name: 'contracts-sla/working-calendar',
  routes: [workingCalendarRoutes],
  tags: [
    { name: 'working-calendar', description: 'Working calendar: 5×8 service hours, Chinese public holidays and 调休 (REQ-016-009)' },
  ],
  tables: [workingCalendars],
});
