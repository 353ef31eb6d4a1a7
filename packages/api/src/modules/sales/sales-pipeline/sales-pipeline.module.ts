import { defineModule } from '../../../platform/module.ts';
import { leadRoutes } from './leads.routes.ts';
import { opportunityRoutes } from './opportunities.routes.ts';
import { leads, opportunities, opportunityStageHistory, pipelineStages, pipelines } from './sales-pipeline.schema.ts';

export const salesPipelineModule = defineModule({
  name: 'sales/sales-pipeline',
  routes: [leadRoutes, opportunityRoutes],
  tags: [
    { name: 'sales-pipeline', description: 'Leads, pipelines and opportunities, funnel analytics and win probability (user story 2)' },
  ],
  tables: [leads, pipelines, pipelineStages, opportunities, opportunityStageHistory],
  personalData: [{ table: leads, subject: 'lead', columns: ['contact_name', 'mobile_enc', 'email_enc', 'mobile_bidx', 'email_bidx'] }],
});
