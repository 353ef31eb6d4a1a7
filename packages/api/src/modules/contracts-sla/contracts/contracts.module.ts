import { defineModule } from '../../../platform/module.ts';
import { contractRenewalRoutes } from './contract-renewals.routes.ts';
import { runContractSchedule } from './contracts.jobs.ts';
import { contractRoutes } from './contracts.routes.ts';
import { contractReminders, contractTerms, contractTransitions, contracts } from './contracts.schema.ts';

export const contractsModule = defineModule({
  name: 'contracts-sla/contracts',
  routes: [contractRenewalRoutes, contractRoutes],
  tags: [
    { name: 'contracts', description: 'Contracts and their lifecycle (REQ-016-002 合同管理)' },
  ],
  jobs: [{ name: 'contracts.schedule', intervalMs: (config) => config.CRM_SCHEDULER_INTERVAL_MINUTES * 60_000, run: (deps, now) => runContractSchedule(deps, now) }],
  tables: [contracts, contractTransitions, contractTerms, contractReminders],
});
