import { defineModule } from '../../../platform/module.ts';
import { communicationIngestRoutes } from './communication-ingest.routes.ts';
import { communicationRoutes } from './communications.routes.ts';
import { communicationKeys, communications, customerContactRecency } from './communications.schema.ts';

export const communicationsModule = defineModule({
  name: 'service/communications',
  routes: [communicationRoutes, communicationIngestRoutes],
  tags: [
    { name: 'communications', description: 'Calls, meetings, e-mails and instant messages with a customer, and e-mail ingest (REQ-016-007)' },
  ],
  tables: [communications, communicationKeys, customerContactRecency],
  personalData: [{ table: communications, subject: 'correspondent', columns: ['subject', 'body', 'participants', 'details'] }],
});
