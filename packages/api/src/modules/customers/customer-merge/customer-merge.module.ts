import { defineModule } from '../../../platform/module.ts';
import { customerMergeRoutes } from './customer-merge.routes.ts';

export const customerMergeModule = defineModule({
  name: 'customers/customer-merge',
  routes: [customerMergeRoutes],
  tags: [
    { name: 'customer-merge', description: 'Duplicate suggestions and merging duplicates (REQ-016 §9 客户信息重复)' },
  ],
  tables: [],
});
