import { defineModule } from '../../../platform/module.ts';
import { openAlertsForHealthChanges } from '../risk-alerts/risk-alerts.public.ts';
import { churnModelRoutes } from './churn-models.routes.ts';
import { runHealthRecompute } from './health.jobs.ts';
import { healthRoutes } from './health.routes.ts';
import { churnModels, healthEventCursors, healthPolicies, healthScoreHistory, healthScores } from './health.schema.ts';

export const healthModule = defineModule({
  name: 'success/health',
  routes: [healthRoutes, churnModelRoutes],
  tags: [
    { name: 'health', description: 'Customer health score, churn probability and their factors (REQ-016-010)' },
  ],
  jobs: [{ name: 'health.recompute', intervalMs: (config) => config.CRM_HEALTH_INTERVAL_MINUTES * 60_000, run: (deps, now) => runHealthRecompute({ ...deps, onChanges: async (scope, changes) => void (await openAlertsForHealthChanges(scope, changes)) }, now) }],
  tables: [healthScores, healthScoreHistory, healthPolicies, churnModels, healthEventCursors],
});
