import { defineModule } from '../../../platform/module.ts';
import { serviceHistoryRoutes } from './service-history.routes.ts';
import { serviceRecordKeys, serviceRecords } from './service-records.schema.ts';
import { ticketIngestRoutes } from './ticket-ingest.routes.ts';

export const serviceRecordsModule = defineModule({
  name: 'service/service-records',
  routes: [ticketIngestRoutes, serviceHistoryRoutes],
  tags: [
    { name: 'service-history', description: "A customer's service records and their totals (REQ-016-003)" },
    { name: 'integrations', description: 'Inbound integrations: tickets of the ticket module (REQ-003) as service records' },
  ],
  tables: [serviceRecords, serviceRecordKeys],
});
