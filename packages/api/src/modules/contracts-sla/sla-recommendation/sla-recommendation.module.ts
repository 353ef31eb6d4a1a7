import { defineModule } from '../../../platform/module.ts';

export const slaRecommendationModule = defineModule({
  name: 'contracts-sla/sla-recommendation',
  routes: [],
  tables: [],
});
