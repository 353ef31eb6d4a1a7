import { defineModule } from '../../../platform/module.ts';
import { playbookRoutes } from './playbooks.routes.ts';
import { runTaskDueReminders } from './tasks.jobs.ts';
import { taskRoutes } from './tasks.routes.ts';
import { playbooks, taskComments, tasks } from './tasks.schema.ts';

export const tasksModule = defineModule({
  name: 'success/tasks',
  routes: [taskRoutes, playbookRoutes],
  tags: [
    { name: 'tasks', description: 'Tasks of staff: meeting action items, complaint follow-ups, customer-success work' },
  ],
  jobs: [{ name: 'tasks.due-reminders', intervalMs: (config) => config.CRM_SCHEDULER_INTERVAL_MINUTES * 60_000, run: (deps, now) => runTaskDueReminders(deps, now) }],
  tables: [tasks, taskComments, playbooks],
});
