import { defineModule } from '../../../platform/module.ts';

export const complaintClassifierModule = defineModule({
  name: 'service/complaint-classifier',
  routes: [],
  tables: [],
});
