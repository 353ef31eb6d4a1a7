import { defineModule } from '../../../platform/module.ts';
import { opsSignalRoutes } from './operations-signals.routes.ts';
import { opsSignals } from './operations-signals.schema.ts';

export const operationsSignalsModule = defineModule({
  name: 'integrations/operations-signals',
  routes: [opsSignalRoutes],
  tags: [
    { name: 'operations-signals', description: 'Incidents and availability per customer from operations monitoring (REQ-013)' },
  ],
  tables: [opsSignals],
});
