import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { isPortalPrincipal } from './permissions.ts';

/**
 * Every operation a customer's own staff (role `customer`, signed in to the portal) may call, and why they
 * need it. Everything else is staff work and answers 403 before its input is even read: a new route is
 * closed to the portal until it is listed here, so a staff lookup (a duplicate check, a phone search) can
 * never become a way to read other companies. Each handler still scopes what it returns to the caller's
 * own customer.
 */
export const PORTAL_OPERATIONS = {
  getCurrentUser: 'who is signed in and for which company (the shell header)',
  getCustomer: "their own company's profile (the portal's home page)",
  getOrgChart: "their own company's departments and people, contact details masked",
  listContacts: "the people of their own company, contact details masked (naming a request's contact person)",
  listCustomerContracts: 'their own contracts (the contract panel)',
  getEffectiveSla: 'the SLA their contract gives them now (the contract panel)',
  getCustomerTimeline: 'their own service history: tickets, contract events, their complaints',
  submitComplaint: 'file a complaint about the service',
  listComplaints: 'follow their own complaints',
  getComplaint: 'read one of their own complaints',
  confirmComplaint: 'confirm (or reject) the resolution of their complaint',
  listMyNotifications: 'their own in-app notifications',
  markNotificationRead: 'mark one of their notifications read',
  markAllNotificationsRead: 'mark all their notifications read',
  listPortalSurveys: 'the satisfaction surveys they are invited to',
  getPortalSurvey: 'open one of their surveys',
  savePortalSurveyDraft: 'keep a half-answered survey',
  submitPortalSurvey: 'answer a survey',
} as const satisfies Record<string, string>;

export type PortalOperation = keyof typeof PORTAL_OPERATIONS;


/** `GET /api/v1/customers/:id` → operation id, from the app's own OpenAPI document. */
export type OperationIndex = ReadonlyMap<string, string>;

/**
 * The operation ids of an OpenAPI document by method and Hono route path.
 * @example operationIndex(doc).get('GET /api/v1/customers/:id') // 'getCustomer'
 */
export function operationIndex(document: { paths?: { [path: string]: object | undefined } }): OperationIndex {
  const index = new Map<string, string>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    const routePath = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, operation] of Object.entries((operations ?? {}) as Record<string, unknown>)) {
      const id = (operation as { operationId?: string } | undefined)?.operationId;
      if (id) index.set(`${method.toUpperCase()} ${routePath}`, id);
    }
  }
  return index;
}

/**
 * After authentication: a portal user reaches only the operations of `PORTAL_OPERATIONS` (403 otherwise).
 * The operation is the first route (not middleware) that matched the request, which is the one that answers.
 */
export function portalGate(operations: () => OperationIndex) {
  return createMiddleware<AppEnv>(async function portalGate(c, next) {
    if (isPortalPrincipal(c.var.principal)) {
      const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
      // No route: the not-found answer, as for staff. A route that is not a listed operation: refused.
      const operation = route ? operations().get(`${route.method} ${route.path}`) : undefined;
      if (route && !(operation && operation in PORTAL_OPERATIONS)) throw new ApiError('auth.forbidden', { reason: 'staff_only' });
    }
    await next();
  });
}
