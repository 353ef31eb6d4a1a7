import { defineModule } from '../../../platform/module.ts';
import { portalSurveyRoutes, publicSurveyRoutes } from './survey-responses.routes.ts';
import { surveyResultRoutes } from './survey-results.routes.ts';
import { runSurveyJobs } from './surveys.jobs.ts';
import { surveyRoutes } from './surveys.routes.ts';
import { improvementActions, surveyCampaigns, surveyInvitations, surveyResponses, surveyTemplates } from './surveys.schema.ts';

export const surveysModule = defineModule({
  name: 'success/surveys',
  routes: [surveyRoutes, surveyResultRoutes, portalSurveyRoutes],
  openRoutes: [publicSurveyRoutes],
  tags: [
    { name: 'surveys', description: 'Satisfaction surveys (REQ-016-005): templates, campaigns, tokenised and portal answering, NPS/CSAT/CES results, follow-ups and improvement actions' },
  ],
  jobs: [{ name: 'surveys.invitations', intervalMs: (config) => config.CRM_SURVEY_INTERVAL_MINUTES * 60_000, run: (deps, now) => runSurveyJobs({ ...deps, linkBase: deps.config.CRM_PUBLIC_BASE_URL }, now) }],
  tables: [surveyTemplates, surveyCampaigns, surveyInvitations, surveyResponses, improvementActions],
  personalData: [
    { table: surveyInvitations, subject: 'respondent', columns: ['contact_id'] },
    { table: surveyResponses, subject: 'respondent', columns: ['contact_id', 'answers'] },
  ],
});
