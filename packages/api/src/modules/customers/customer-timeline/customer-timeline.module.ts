import { defineModule } from '../../../platform/module.ts';
import { customerTimelineRoutes } from './customer-timeline.routes.ts';

export const customerTimelineModule = defineModule({
  name: 'customers/customer-timeline',
  routes: [customerTimelineRoutes],
  tags: [
    { name: 'timeline', description: "One timeline per customer: communications, service records, complaints and contract events" },
  ],
  tables: [],
});
