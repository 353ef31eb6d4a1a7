/** Every role of DESIGN.md; `customer` is a portal user who sees only its own customer. */
export const ROLES = ['admin', 'manager', 'sales', 'csm', 'support', 'analyst', 'auditor', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customer:read',
  'customer:write',
  'customer:archive',
  'customer:merge',
  'pii:read',
  'tag:write',
  'audit:read',
  'settings:write',
  'sla:read',
  'sla:write',
  'integration:write',
  'communication:read',
  'communication:write',
  'complaint:read',
  'complaint:write',
  'complaint:submit',
  'task:read',
  'task:write',
  'health:read',
  'analysis:read',
  'webhook:manage',
  'lead:read',
  'lead:write',
  'opportunity:read',
  'opportunity:write',
  'segment:read',
  'segment:write',
  'survey:read',
  'survey:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The single place where a role turns into permissions. Support and analysts work on masked contact
 * data; portal users read their own customer only (see `customerScopeOf`).
 */
/** What every member of staff who works with customers does: communications, complaints and tasks. */
const staffWork: readonly Permission[] = ['communication:read', 'communication:write', 'complaint:read', 'complaint:write', 'complaint:submit', 'task:read', 'task:write', 'health:read', 'analysis:read'];

/** Leads and opportunities (the sales funnel): sales staff and their managers work them, analysts read them. */
const salesWork: readonly Permission[] = ['lead:read', 'lead:write', 'opportunity:read', 'opportunity:write'];
const salesRead: readonly Permission[] = ['lead:read', 'opportunity:read'];
/** Customer segments (REQ-016-006): everyone who targets customers reads them; managers and analysts define them. */
const segmentRead: readonly Permission[] = ['segment:read'];
const segmentWork: readonly Permission[] = ['segment:read', 'segment:write'];

const grants: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: ['customer:read', 'customer:write', 'customer:archive', 'customer:merge', 'pii:read', 'tag:write', 'sla:read', 'sla:write', ...staffWork, ...salesWork, ...segmentWork, 'survey:read', 'survey:write'],
  sales: ['customer:read', 'customer:write', 'pii:read', 'tag:write', 'sla:read', ...staffWork, ...salesWork, ...segmentRead],
  csm: ['customer:read', 'customer:write', 'pii:read', 'sla:read', ...staffWork, ...segmentRead, 'survey:read', 'survey:write'],
  support: ['customer:read', 'sla:read', ...staffWork, 'survey:read'],
  analyst: ['customer:read', 'sla:read', 'complaint:read', 'health:read', 'analysis:read', ...salesRead, ...segmentWork, 'survey:read'],
  auditor: ['customer:read', 'audit:read', 'sla:read', 'communication:read', 'complaint:read', 'task:read', 'health:read', 'analysis:read'],
  // Portal users file complaints about their own customer, follow them and confirm the solution.
  customer: ['customer:read', 'complaint:submit'],
};

/** @example permissionsOf(['support']).has('pii:read') // false */
export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of grants[role as Role] ?? []) result.add(p);
  return result;
}

/** Who is calling: a signed-in user (built-in or portal JWT) or an integration API key. */
export type Principal = {
  kind: 'user' | 'api_key' | 'system';
  tenantId: number;
  /** JWT `sub` or `apikey:<id>`; what the audit log records as the actor. */
  subject: string;
  userId: number | null;
  roles: string[];
  permissions: Set<Permission>;
  /** Portal users only: the customer they belong to. */
  customerId: number | null;
};

/** A portal user: someone of the customer's own staff, who sees only their own company. */
export const isPortalPrincipal = (principal: Pick<Principal, 'roles'>): boolean => principal.roles.includes('customer');

/** Which customers a principal may see. */
export type CustomerScope = { kind: 'all' } | { kind: 'assigned'; managerId: number } | { kind: 'own'; customerId: number };

/**
 * Data scope: portal users see their own customer; managers and sales see only their assigned
 * customers when the tenant says so; everyone else sees the tenant's customers.
 */
export function customerScopeOf(principal: Principal, managerDataScope: 'all' | 'assigned'): CustomerScope {
  if (isPortalPrincipal(principal)) return { kind: 'own', customerId: principal.customerId ?? -1 };
  const broad = ['admin', 'csm', 'support', 'analyst', 'auditor'].some((r) => principal.roles.includes(r));
  if (!broad && managerDataScope === 'assigned' && principal.userId !== null) {
    return { kind: 'assigned', managerId: principal.userId };
  }
  return { kind: 'all' };
}
