import { defineModule } from '../../../platform/module.ts';
import { portfolioAnalyticsRoutes } from './portfolio-analytics.routes.ts';

export const portfolioAnalyticsModule = defineModule({
  name: 'analytics/portfolio-analytics',
  routes: [portfolioAnalyticsRoutes],
  tags: [
    { name: 'analytics', description: 'Portfolio KPIs of REQ-016 §2 by period and segment, with trends, forecasts and CSV/XLSX export (REQ-016-004)' },
  ],
  tables: [],
});
