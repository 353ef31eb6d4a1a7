import { defineModule } from '../../../platform/module.ts';
import { financeRoutes } from './finance.routes.ts';
import { invoices, payments } from './finance.schema.ts';

export const financeModule = defineModule({
  name: 'integrations/finance',
  routes: [financeRoutes],
  tags: [
    { name: 'finance', description: 'Invoices and payments of the finance module (REQ-018), idempotent by its ids' },
  ],
  tables: [invoices, payments],
});
