import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './platform/auth/authenticate.ts';
import { operationIndex, portalGate, type OperationIndex } from './platform/auth/portal-access.ts';
import { createLoginThrottle } from './platform/auth/login-throttle.ts';
import type { AppDeps, AppEnv } from './platform/app-env.ts';
import { docsRoutes } from './platform/docs.ts';
import { ApiError } from './platform/errors.ts';
import { handleError } from './platform/error-handler.ts';
import { idempotency } from './platform/idempotency.ts';
import { inputGuard } from './platform/input-guard.ts';
import { requestContext } from './platform/request-id.ts';
import { createRouter } from './platform/router.ts';
import { tenantTransaction } from './platform/tenant-transaction.ts';
import { currentUserRoutes, tokenRoutes } from './modules/admin/auth/auth.routes.ts';
import { customerRoutes } from './modules/customers/customers/customers.routes.ts';
import { contactRoutes } from './modules/customers/contacts/contacts.routes.ts';
import { contractRoutes } from './modules/contracts-sla/contracts/contracts.routes.ts';
import { ticketIngestRoutes } from './modules/service/service-records/ticket-ingest.routes.ts';
import { serviceHistoryRoutes } from './modules/service/service-records/service-history.routes.ts';
import { complaintRoutes } from './modules/service/complaints/complaints.routes.ts';
import { customerTimelineRoutes } from './modules/customers/customer-timeline/customer-timeline.routes.ts';
import { contractRenewalRoutes } from './modules/contracts-sla/contracts/contract-renewals.routes.ts';
import { slaPolicyRoutes } from './modules/contracts-sla/sla-policies/sla-policies.routes.ts';
import { slaBindingRoutes } from './modules/contracts-sla/sla-bindings/sla-bindings.routes.ts';
import { workingCalendarRoutes } from './modules/contracts-sla/working-calendar/working-calendar.routes.ts';
import { notificationRoutes } from './modules/success/notifications/notifications.routes.ts';
import { orgStructureRoutes } from './modules/customers/org-structure/org-structure.routes.ts';
import { tagRoutes } from './modules/customers/tags/tags.routes.ts';
import { apiKeyRoutes } from './modules/admin/api-keys/api-keys.routes.ts';
import { auditRoutes } from './modules/admin/audit/audit.routes.ts';
import { completenessRoutes } from './modules/customers/completeness/completeness.routes.ts';
import { customerMergeRoutes } from './modules/customers/customer-merge/customer-merge.routes.ts';
import { settingsRoutes } from './modules/admin/settings/settings.routes.ts';
import { systemRoutes } from './modules/admin/system/system.routes.ts';
import { communicationRoutes } from './modules/service/communications/communications.routes.ts';
import { communicationIngestRoutes } from './modules/service/communications/communication-ingest.routes.ts';
import { taskRoutes } from './modules/success/tasks/tasks.routes.ts';
import { riskAlertRoutes } from './modules/success/risk-alerts/risk-alerts.routes.ts';
import { customerAnalysisRoutes } from './modules/analytics/customer-analysis/customer-analysis.routes.ts';
import { playbookRoutes } from './modules/success/tasks/playbooks.routes.ts';
import { financeRoutes } from './modules/integrations/finance/finance.routes.ts';
import { usageRoutes } from './modules/integrations/usage/usage.routes.ts';
import { opsSignalRoutes } from './modules/integrations/operations-signals/operations-signals.routes.ts';
import { healthRoutes } from './modules/success/health/health.routes.ts';
import { successPlayRoutes } from './modules/success/success-plays/success-plays.routes.ts';
import { churnModelRoutes } from './modules/success/health/churn-models.routes.ts';
import { portfolioAnalyticsRoutes } from './modules/analytics/portfolio-analytics/portfolio-analytics.routes.ts';
import { webhookRoutes } from './modules/integrations/webhooks/webhooks.routes.ts';
import { surveyRoutes } from './modules/success/surveys/surveys.routes.ts';
import { portalSurveyRoutes, publicSurveyRoutes } from './modules/success/surveys/survey-responses.routes.ts';
import { surveyResultRoutes } from './modules/success/surveys/survey-results.routes.ts';
import { segmentRoutes } from './modules/analytics/segments/segments.routes.ts';
import { leadRoutes } from './modules/sales/sales-pipeline/leads.routes.ts';
import { opportunityRoutes } from './modules/sales/sales-pipeline/opportunities.routes.ts';

export type { AppDeps } from './platform/app-env.ts';

/** The OpenAPI document's fixed parts. */
export const openApiInfo: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'CRM module API (REQ-016)',
    version: '1.0.0',
    description:
      'Customer relationship management for the IT-operations service portal. Every response uses the envelope `{ code, message, data }`; errors carry a stable `error` code and `request_id`.',
    license: { name: 'Proprietary', url: 'https://example.com/crm-module/license' },
    contact: { name: 'CRM module team' },
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'Local embedded instance' }],
  security: [{ bearerAuth: [] }],
  tags: [
    { name: 'auth', description: 'Tokens and the current user' },
    { name: 'customers', description: 'Customer profiles (REQ-016-001)' },
    { name: 'contacts', description: 'Contacts of a customer and lookup by phone, mobile or e-mail (REQ-016-001)' },
    { name: 'contracts', description: 'Contracts and their lifecycle (REQ-016-002 合同管理)' },
    { name: 'service-history', description: "A customer's service records and their totals (REQ-016-003)" },
    { name: 'integrations', description: 'Inbound integrations: tickets of the ticket module (REQ-003) as service records' },
    { name: 'communications', description: 'Calls, meetings, e-mails and instant messages with a customer, and e-mail ingest (REQ-016-007)' },
    { name: 'timeline', description: "One timeline per customer: communications, service records, complaints and contract events" },
    { name: 'complaints', description: 'The complaint flow of REQ-016 §5: submission, classification, assignment, investigation, solution, confirmation, lessons; escalation (§9)' },
    { name: 'tasks', description: 'Tasks of staff: meeting action items, complaint follow-ups, customer-success work' },
    { name: 'finance', description: 'Invoices and payments of the finance module (REQ-018), idempotent by its ids' },
    { name: 'usage', description: 'Portal and product usage per customer and day (logins, feature use)' },
    { name: 'operations-signals', description: 'Incidents and availability per customer from operations monitoring (REQ-013)' },
    { name: 'health', description: 'Customer health score, churn probability and their factors (REQ-016-010)' },
    { name: 'analytics', description: 'Portfolio KPIs of REQ-016 §2 by period and segment, with trends, forecasts and CSV/XLSX export (REQ-016-004)' },
    { name: 'risk-alerts', description: 'Risk alerts and their chain: trigger → SLA suggestion → notification → CSM task' },
    { name: 'sla-policies', description: 'The SLA catalogue: tiers and immutable published versions (REQ-016-009)' },
    { name: 'sla', description: 'Dynamic SLA: the SLA in force, contract bindings, recommendation and attainment (REQ-016-009)' },
    { name: 'org-structure', description: '组织架构: departments, org chart and customer groups (REQ-016-001)' },
    { name: 'tags', description: 'Tag catalogue and customer tags (REQ-016-006 客户细分)' },
    { name: 'customer-merge', description: 'Duplicate suggestions and merging duplicates (REQ-016 §9 客户信息重复)' },
    { name: 'completeness', description: 'Data completeness KPI and missing key information reminders (REQ-016 §2, §9)' },
    { name: 'settings', description: 'Tenant settings (admin)' },
    { name: 'working-calendar', description: 'Working calendar: 5×8 service hours, Chinese public holidays and 调休 (REQ-016-009)' },
    { name: 'notifications', description: 'In-app notifications of the current user' },
    { name: 'api-keys', description: 'Integration API keys (admin)' },
    { name: 'webhooks', description: 'Outbound webhooks (admin): signed event deliveries to the notification module (REQ-011), marketing automation and hosts, retried and dead-lettered' },
    { name: 'sales-pipeline', description: 'Leads, pipelines and opportunities, funnel analytics and win probability (user story 2)' },
    { name: 'segments', description: 'Dynamic customer segments over a rule language, their export and push to marketing automation, and RFM value tiers (REQ-016-006 客户细分)' },
    { name: 'surveys', description: 'Satisfaction surveys (REQ-016-005): templates, campaigns, tokenised and portal answering, NPS/CSAT/CES results, follow-ups and improvement actions' },
    { name: 'audit', description: 'The tamper-evident audit trail (admin, auditor)' },
    { name: 'system', description: 'Probes' },
  ],
};

const bearerAuth = {
  type: 'http' as const,
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'A JWT from POST /api/v1/auth/token or the portal auth module, or an integration API key (crm_…)',
};

/** Mounts the routers of every feature module. Shared by the app and the offline contract generator. */
function mountApi(app: OpenAPIHono<AppEnv>) {
  app.route('/', systemRoutes);
  app.route('/', tokenRoutes);
  // Survey links work without an account: mounted before authentication, they open their own tenant transaction.
  app.route('/', publicSurveyRoutes);
  let operations: OperationIndex | undefined;
  const operationsOf = () => (operations ??= operationIndex(app.getOpenAPI31Document(openApiInfo)));
  app.use('/api/v1/*', authenticate, portalGate(operationsOf), tenantTransaction, idempotency);
  app.route('/', currentUserRoutes);
  // Before customerRoutes: /customers/duplicates and /customers/completeness would otherwise be taken
  // for /customers/{id} and refused as an invalid id.
  app.route('/', customerMergeRoutes);
  app.route('/', completenessRoutes);
  app.route('/', customerRoutes);
  app.route('/', settingsRoutes);
  app.route('/', apiKeyRoutes);
  app.route('/', auditRoutes);
  app.route('/', contactRoutes);
  app.route('/', ticketIngestRoutes);
  app.route('/', serviceHistoryRoutes);
  app.route('/', complaintRoutes);
  app.route('/', customerTimelineRoutes);
  app.route('/', contractRenewalRoutes);
  app.route('/', contractRoutes);
  app.route('/', slaPolicyRoutes);
  app.route('/', slaBindingRoutes);
  app.route('/', workingCalendarRoutes);
  app.route('/', notificationRoutes);
  app.route('/', orgStructureRoutes);
  app.route('/', tagRoutes);
  app.route('/', communicationRoutes);
  app.route('/', communicationIngestRoutes);
  app.route('/', taskRoutes);
  app.route('/', riskAlertRoutes);
  app.route('/', customerAnalysisRoutes);
  app.route('/', playbookRoutes);
  app.route('/', financeRoutes);
  app.route('/', usageRoutes);
  app.route('/', opsSignalRoutes);
  app.route('/', healthRoutes);
  app.route('/', successPlayRoutes);
  app.route('/', churnModelRoutes);
  app.route('/', portfolioAnalyticsRoutes);
  app.route('/', webhookRoutes);
  app.route('/', surveyRoutes);
  app.route('/', surveyResultRoutes);
  app.route('/', portalSurveyRoutes);
  app.route('/', segmentRoutes);
  app.route('/', leadRoutes);
  app.route('/', opportunityRoutes);
}

/**
 * The whole HTTP application over injected dependencies (database, keys, logger): no env reads, no
 * listening socket, so tests call `app.request()` on it directly.
 * @example const app = createApp(deps); const res = await app.request('/healthz');
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', bearerAuth);
  const appDeps = { ...deps, loginThrottle: deps.loginThrottle ?? createLoginThrottle() };
  app.use('*', async function provideDeps(c, next) {
    c.set('deps', appDeps);
    await next();
  });
  app.use('*', requestContext);
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', contentSecurityPolicy: undefined }));
  app.use('/api/*', cors({ origin: deps.config.CRM_CORS_ORIGINS === '*' ? '*' : deps.config.CRM_CORS_ORIGINS.split(','), exposeHeaders: ['ETag', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After'], allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'Accept-Language', 'X-Api-Key', 'X-Request-Id'] }));
  app.use('/api/*', bodyLimit({ maxSize: 2 * 1024 * 1024, onError: () => { throw new ApiError('request.too_large'); } }));
  // After the body limit, before every route: NUL and lone surrogates never reach a handler or the database.
  app.use('*', inputGuard);
  app.onError(handleError);
  mountApi(app);

  app.doc31('/openapi.json', openApiInfo);
  app.route('/', docsRoutes);
  app.notFound((c) => {
    throw new ApiError('route.not_found', { path: c.req.path });
  });

  const { staticRoots } = deps;
  if (staticRoots?.widgets) {
    // Other modules' pages, on other origins, load the widget bundle as a module script: that needs CORS.
    app.use('/widgets/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD'] }));
    app.get('/widgets', (c) => c.redirect('/widgets/'));
    app.use('/widgets/*', serveStatic({ root: staticRoots.widgets, rewriteRequestPath: (p) => p.replace(/^\/widgets/, '') }));
  }
  if (staticRoots?.shell) {
    app.use('/*', serveStatic({ root: staticRoots.shell }));
    // Client-side routes of the shell fall back to its index page.
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      return serveStatic({ root: staticRoots.shell, path: 'index.html' })(c, next);
    });
  }
  return app;
}

/** The OpenAPI document without a database or a server (for the SDK generator). */
export function buildOpenApiDocument() {
  const app = createRouter();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', bearerAuth);
  mountApi(app);
  return app.getOpenAPI31Document(openApiInfo);
}
