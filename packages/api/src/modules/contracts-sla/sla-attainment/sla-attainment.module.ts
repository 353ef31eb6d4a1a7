import { defineModule } from '../../../platform/module.ts';

export const slaAttainmentModule = defineModule({
  name: 'contracts-sla/sla-attainment',
  routes: [],
  tables: [],
});
