import { defineModule } from '../../../platform/module.ts';
import { runSuccessPlays } from './success-plays.jobs.ts';
import { successPlayRoutes } from './success-plays.routes.ts';

export const successPlaysModule = defineModule({
  name: 'success/success-plays',
  routes: [successPlayRoutes],
  jobs: [{ name: 'success-plays.evaluate', intervalMs: (config) => config.CRM_SUCCESS_PLAYS_INTERVAL_MINUTES * 60_000, run: (deps, now) => runSuccessPlays(deps, now) }],
  tables: [],
});
