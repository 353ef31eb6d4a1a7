/**
 * The API's routes as the tests see them: every `createRoute` of the modules' `*.contract.ts`, so a test's
 * request body, query and answer are typed from the same zod schemas that validate them in the app.
 * `api-routes.test.ts` fails when an operation of the OpenAPI document is missing here (a new contract file).
 */
import type { z } from '@hono/zod-openapi';
import * as apiKeys from '../modules/admin/api-keys/api-keys.contract.ts';
import * as audit from '../modules/admin/audit/audit.contract.ts';
import * as auth from '../modules/admin/auth/auth.contract.ts';
import * as settings from '../modules/admin/settings/settings.contract.ts';
import * as customerAnalysis from '../modules/analytics/customer-analysis/customer-analysis.contract.ts';
import * as portfolioAnalytics from '../modules/analytics/portfolio-analytics/portfolio-analytics.contract.ts';
import * as segments from '../modules/analytics/segments/segments.contract.ts';
import * as contractRenewals from '../modules/contracts-sla/contracts/contract-renewals.contract.ts';
import * as contracts from '../modules/contracts-sla/contracts/contracts.contract.ts';
import * as slaBindings from '../modules/contracts-sla/sla-bindings/sla-bindings.contract.ts';
import * as slaPolicies from '../modules/contracts-sla/sla-policies/sla-policies.contract.ts';
import * as workingCalendar from '../modules/contracts-sla/working-calendar/working-calendar.contract.ts';
import * as completeness from '../modules/customers/completeness/completeness.contract.ts';
import * as contacts from '../modules/customers/contacts/contacts.contract.ts';
import * as customerMerge from '../modules/customers/customer-merge/customer-merge.contract.ts';
import * as customerTimeline from '../modules/customers/customer-timeline/customer-timeline.contract.ts';
import * as customers from '../modules/customers/customers/customers.contract.ts';
import * as customerGroups from '../modules/customers/org-structure/customer-groups.contract.ts';
import * as departments from '../modules/customers/org-structure/departments.contract.ts';
import * as tags from '../modules/customers/tags/tags.contract.ts';
import * as finance from '../modules/integrations/finance/finance.contract.ts';
import * as operationsSignals from '../modules/integrations/operations-signals/operations-signals.contract.ts';
import * as usage from '../modules/integrations/usage/usage.contract.ts';
import * as webhooks from '../modules/integrations/webhooks/webhooks.contract.ts';
import * as analytics from '../modules/sales/sales-pipeline/analytics.contract.ts';
import * as leads from '../modules/sales/sales-pipeline/leads.contract.ts';
import * as opportunities from '../modules/sales/sales-pipeline/opportunities.contract.ts';
import * as communicationIngest from '../modules/service/communications/communication-ingest.contract.ts';
import * as communications from '../modules/service/communications/communications.contract.ts';
import * as complaintEndpoints from '../modules/service/complaints/complaint-endpoints.contract.ts';
import * as complaintPolicy from '../modules/service/complaints/complaint-policy.contract.ts';
import * as complaints from '../modules/service/complaints/complaints.contract.ts';
import * as serviceHistory from '../modules/service/service-records/service-history.contract.ts';
import * as ticketIngest from '../modules/service/service-records/ticket-ingest.contract.ts';
import * as churnModels from '../modules/success/health/churn-models.contract.ts';
import * as health from '../modules/success/health/health.contract.ts';
import * as notifications from '../modules/success/notifications/notifications.contract.ts';
import * as riskAlerts from '../modules/success/risk-alerts/risk-alerts.contract.ts';
import * as successPlays from '../modules/success/success-plays/success-plays.contract.ts';
import * as surveyResponses from '../modules/success/surveys/survey-responses.contract.ts';
import * as surveyResults from '../modules/success/surveys/survey-results.contract.ts';
import * as surveys from '../modules/success/surveys/surveys.contract.ts';
import * as playbooks from '../modules/success/tasks/playbooks.contract.ts';
import * as taskBoard from '../modules/success/tasks/task-board.contract.ts';
import * as tasks from '../modules/success/tasks/tasks.contract.ts';

/** The contract modules; a new `*.contract.ts` is added here (the coverage test names the missing operation). */
export const CONTRACT_MODULES = {
  apiKeys,
  audit,
  auth,
  settings,
  customerAnalysis,
  portfolioAnalytics,
  segments,
  contractRenewals,
  contracts,
  slaBindings,
  slaPolicies,
  workingCalendar,
  completeness,
  contacts,
  customerMerge,
  customerTimeline,
  customers,
  customerGroups,
  departments,
  tags,
  finance,
  operationsSignals,
  usage,
  webhooks,
  analytics,
  leads,
  opportunities,
  communicationIngest,
  communications,
  complaintEndpoints,
  complaintPolicy,
  complaints,
  serviceHistory,
  ticketIngest,
  churnModels,
  health,
  notifications,
  riskAlerts,
  successPlays,
  surveyResponses,
  surveyResults,
  surveys,
  playbooks,
  taskBoard,
  tasks,
} as const;

/** The methods the API's operations use, as a test writes them. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type RouteShape = { method: string; path: string; responses: object };
type RoutesOf<Module> = { [K in keyof Module]: Module[K] extends RouteShape ? Module[K] : never }[keyof Module];

/** Every route of the contract, as `createRoute` typed it (literal method and path). */
export type ApiRoute = { [M in keyof typeof CONTRACT_MODULES]: RoutesOf<(typeof CONTRACT_MODULES)[M]> }[keyof typeof CONTRACT_MODULES];

// ---- which route a concrete path is -----------------------------------------------------------

type WithoutQuery<Path extends string> = Path extends `${infer Bare}?${string}` ? Bare : Path;
type Segments<Path extends string> = Path extends `${infer Head}/${infer Rest}` ? [Head, ...Segments<Rest>] : [Path];

/**
 * 'exact' when every segment is the template's own text, 'param' when a `{name}` took one, 'prefix' when the
 * last segment has a hole and starts with the template's text (`notifications${query}`), false otherwise.
 */
type SegmentsMatch<Concrete extends string[], Template extends string[], Kind = 'exact'> = Concrete extends [infer C extends string, ...infer CRest extends string[]]
  ? Template extends [infer T extends string, ...infer TRest extends string[]]
    ? T extends `{${string}}`
      ? C extends ''
        ? false
        : SegmentsMatch<CRest, TRest, 'param'>
      : [C] extends [T]
        ? SegmentsMatch<CRest, TRest, Kind>
        : [CRest, TRest] extends [[], []]
          ? {} extends Record<C, 1>
            ? C extends `${T}${string}`
              ? 'prefix'
              : false
            : false
          : false
    : false
  : Template extends []
    ? Kind
    : false;

type Matching<Method extends HttpMethod, Path extends string, Kind> = ApiRoute extends infer Route
  ? Route extends { method: Lowercase<Method>; path: infer Template extends string }
    ? SegmentsMatch<Segments<WithoutQuery<Path>>, Segments<Template>> extends Kind
      ? Route
      : never
    : never
  : never;

/**
 * The route that answers `Method Path`: `Path` is what the test sends (`/api/v1/tags/${id}?q=x`), matched
 * segment by segment against the contract's templates (`/api/v1/tags/{id}`); a literal segment wins over a
 * `{param}` as it does in the router (`/customers/duplicates` before `/customers/{id}`).
 * @example type R = RouteOf<'PATCH', `/api/v1/tags/${number}`> // typeof updateTagRoute
 */
export type RouteOf<Method extends HttpMethod, Path extends string> = [Matching<Method, Path, 'exact'>] extends [never]
  ? [Matching<Method, Path, 'param'>] extends [never]
    ? Matching<Method, Path, 'prefix'>
    : Matching<Method, Path, 'param'>
  : Matching<Method, Path, 'exact'>;

/** True for a path the compiler knows to the letter (`'/api/v1/tags'`), false for one with holes (`${string}`). */
export type IsLiteralPath<Path extends string> = {} extends Record<Path, 1> ? false : true;

// ---- what a route takes and gives ---------------------------------------------------------------

type JsonSchemaOf<Content> = Content extends { content: { 'application/json': { schema: infer Schema extends z.ZodType } } } ? Schema : never;

/** The JSON body a route accepts, as a client sends it (`z.input`: defaults may be left out). */
export type BodyOf<Route> = Route extends { request: { body: infer Body } } ? z.input<JsonSchemaOf<Body>> : never;

/** The query a route accepts, as a client sends it. */
export type QueryOf<Route> = Route extends { request: { query: infer Query extends z.ZodType } } ? z.input<Query> : never;

type SuccessStatus = 200 | 201 | 202;

/** The envelope's `data` of a route's 2xx JSON answer (`z.output`), or `never` when it answers no JSON. */
export type DataOf<Route> = Route extends { responses: infer Responses }
  ? { [Status in keyof Responses & SuccessStatus]: z.output<JsonSchemaOf<Responses[Status]>> extends { data: infer Data } ? Data : never }[keyof Responses & SuccessStatus]
  : never;
