import { defineModule } from '../../../platform/module.ts';
import { slaPolicyRoutes } from './sla-policies.routes.ts';
import { slaTiers, slaVersions } from './sla-policies.schema.ts';

export const slaPoliciesModule = defineModule({
  name: 'contracts-sla/sla-policies',
  routes: [slaPolicyRoutes],
  tags: [
    { name: 'sla-policies', description: 'The SLA catalogue: tiers and immutable published versions (REQ-016-009)' },
  ],
  tables: [slaTiers, slaVersions],
});
