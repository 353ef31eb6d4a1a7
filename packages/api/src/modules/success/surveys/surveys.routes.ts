import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createSurveyCampaign, deleteSurveyCampaign, findCampaign, launchSurveyCampaign, listSurveyCampaigns, listSurveyInvitations, presentCampaign, updateSurveyCampaign } from './survey-campaigns.service.ts';
import { createSurveyTemplate, deleteSurveyTemplate, getSurveyTemplate, listSurveyTemplates, updateSurveyTemplate } from './survey-templates.service.ts';
import {
  createSurveyCampaignRoute,
  createSurveyTemplateRoute,
  deleteSurveyCampaignRoute,
  deleteSurveyTemplateRoute,
  getSurveyCampaignRoute,
  getSurveyTemplateRoute,
  launchSurveyCampaignRoute,
  listSurveyCampaignsRoute,
  listSurveyInvitationsRoute,
  listSurveyTemplatesRoute,
  updateSurveyCampaignRoute,
  updateSurveyTemplateRoute,
} from './surveys.contract.ts';

/** Where answer links point: the configured public base URL, else the site root of this deployment. */
export const surveyLinkBase = (config: { CRM_PUBLIC_BASE_URL?: string }): string => config.CRM_PUBLIC_BASE_URL ?? '/';

/** REQ-016-005 survey templates and campaigns (staff). */
export const surveyRoutes = createRouter()
  .openapi(listSurveyTemplatesRoute, async function listSurveyTemplatesHandler(c) {
    return ok(c, await listSurveyTemplates(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(createSurveyTemplateRoute, async function createSurveyTemplateHandler(c) {
    const template = await createSurveyTemplate(scopeOf(c), c.req.valid('json'));
    c.header('ETag', etagOf('survey_template', template.id, template.version));
    return ok(c, template, { zh: '调查模板已创建', en: 'Survey template created' }, 201);
  })
  .openapi(getSurveyTemplateRoute, async function getSurveyTemplateHandler(c) {
    const template = await getSurveyTemplate(scopeOf(c), c.req.valid('param').id);
    c.header('ETag', etagOf('survey_template', template.id, template.version));
    return ok(c, template, undefined, 200);
  })
  .openapi(updateSurveyTemplateRoute, async function updateSurveyTemplateHandler(c) {
    const { id } = c.req.valid('param');
    const template = await updateSurveyTemplate(scopeOf(c), id, expectedVersion(c, 'survey_template', id), c.req.valid('json'));
    c.header('ETag', etagOf('survey_template', template.id, template.version));
    return ok(c, template, { zh: '调查模板已更新', en: 'Survey template updated' }, 200);
  })
  .openapi(deleteSurveyTemplateRoute, async function deleteSurveyTemplateHandler(c) {
    return ok(c, await deleteSurveyTemplate(scopeOf(c), c.req.valid('param').id), { zh: '调查模板已删除', en: 'Survey template deleted' }, 200);
  })
  .openapi(listSurveyCampaignsRoute, async function listSurveyCampaignsHandler(c) {
    return ok(c, await listSurveyCampaigns(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(createSurveyCampaignRoute, async function createSurveyCampaignHandler(c) {
    const scope = scopeOf(c);
    const row = await createSurveyCampaign(scope, c.req.valid('json'));
    c.header('ETag', etagOf('survey_campaign', row.id, row.version));
    return ok(c, await presentCampaign(scope, row), { zh: '调查活动已创建', en: 'Survey campaign created' }, 201);
  })
  .openapi(getSurveyCampaignRoute, async function getSurveyCampaignHandler(c) {
    const scope = scopeOf(c);
    const row = await findCampaign(scope, c.req.valid('param').id);
    c.header('ETag', etagOf('survey_campaign', row.id, row.version));
    return ok(c, await presentCampaign(scope, row), undefined, 200);
  })
  .openapi(updateSurveyCampaignRoute, async function updateSurveyCampaignHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const row = await updateSurveyCampaign(scope, id, expectedVersion(c, 'survey_campaign', id), c.req.valid('json'), new Date());
    c.header('ETag', etagOf('survey_campaign', row.id, row.version));
    return ok(c, await presentCampaign(scope, row), { zh: '调查活动已更新', en: 'Survey campaign updated' }, 200);
  })
  .openapi(deleteSurveyCampaignRoute, async function deleteSurveyCampaignHandler(c) {
    return ok(c, await deleteSurveyCampaign(scopeOf(c), c.req.valid('param').id), { zh: '调查活动已删除', en: 'Survey campaign deleted' }, 200);
  })
  .openapi(launchSurveyCampaignRoute, async function launchSurveyCampaignHandler(c) {
    const scope = scopeOf(c);
    const { campaign, invited, throttled } = await launchSurveyCampaign(scope, c.req.valid('param').id, new Date(), surveyLinkBase(c.var.deps.config));
    c.header('ETag', etagOf('survey_campaign', campaign.id, campaign.version));
    return ok(c, { campaign: await presentCampaign(scope, campaign), invited, throttled }, { zh: '调查活动已启动', en: 'Survey campaign launched' }, 200);
  })
  .openapi(listSurveyInvitationsRoute, async function listSurveyInvitationsHandler(c) {
    return ok(c, await listSurveyInvitations(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
  });
