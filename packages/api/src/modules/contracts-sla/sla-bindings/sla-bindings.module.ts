import { defineModule } from '../../../platform/module.ts';
import { slaBindingRoutes } from './sla-bindings.routes.ts';
import { contractSlaBindings, slaBindingProposals } from './sla-bindings.schema.ts';

export const slaBindingsModule = defineModule({
  name: 'contracts-sla/sla-bindings',
  routes: [slaBindingRoutes],
  tags: [
    { name: 'sla', description: 'Dynamic SLA: the SLA in force, contract bindings, recommendation and attainment (REQ-016-009)' },
  ],
  tables: [contractSlaBindings, slaBindingProposals],
});
