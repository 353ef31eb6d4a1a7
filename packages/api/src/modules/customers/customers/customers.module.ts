import { defineModule } from '../../../platform/module.ts';
import { customerRoutes } from './customers.routes.ts';
import { customerMerges, customers } from './customers.schema.ts';

export const customersModule = defineModule({
  name: 'customers/customers',
  routes: [customerRoutes],
  tags: [
    { name: 'customers', description: 'Customer profiles (REQ-016-001)' },
  ],
  tables: [customers, customerMerges],
});
