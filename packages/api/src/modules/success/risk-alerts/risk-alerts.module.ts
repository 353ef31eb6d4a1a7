import { defineModule } from '../../../platform/module.ts';
import { riskAlertRoutes } from './risk-alerts.routes.ts';
import { riskAlerts } from './risk-alerts.schema.ts';

export const riskAlertsModule = defineModule({
  name: 'success/risk-alerts',
  routes: [riskAlertRoutes],
  tags: [
    { name: 'risk-alerts', description: 'Risk alerts and their chain: trigger → SLA suggestion → notification → CSM task' },
  ],
  tables: [riskAlerts],
});
