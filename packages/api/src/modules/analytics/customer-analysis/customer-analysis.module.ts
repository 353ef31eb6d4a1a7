import { defineModule } from '../../../platform/module.ts';
import { customerAnalysisRoutes } from './customer-analysis.routes.ts';

export const customerAnalysisModule = defineModule({
  name: 'analytics/customer-analysis',
  routes: [customerAnalysisRoutes],
  tables: [],
});
