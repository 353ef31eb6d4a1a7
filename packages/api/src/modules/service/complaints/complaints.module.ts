import { defineModule } from '../../../platform/module.ts';
import { runComplaintEscalations } from './complaints.jobs.ts';
import { complaintRoutes } from './complaints.routes.ts';
import { complaintClassifierCorrections, complaintEscalations, complaintEvents, complaintPolicies, complaints } from './complaints.schema.ts';

export const complaintsModule = defineModule({
  name: 'service/complaints',
  routes: [complaintRoutes],
  tags: [
    { name: 'complaints', description: 'The complaint flow of REQ-016 §5: submission, classification, assignment, investigation, solution, confirmation, lessons; escalation (§9)' },
  ],
  jobs: [{ name: 'complaints.escalations', intervalMs: (config) => config.CRM_ESCALATION_INTERVAL_MINUTES * 60_000, run: (deps, now) => runComplaintEscalations(deps, now) }],
  tables: [complaints, complaintEvents, complaintEscalations, complaintPolicies, complaintClassifierCorrections],
  personalData: [{ table: complaints, subject: 'contact', columns: ['contact_id', 'description'] }],
});
