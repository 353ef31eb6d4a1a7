import { PERMISSIONS, type Permission } from './permissions.ts';

/**
 * The OpenAPI specification extension on every operation that says who may call it. It is published in
 * the contract (`packages/sdk/openapi.json`) and enforced by `requirePermission`, so the two never differ.
 */
export const PERMISSION_EXTENSION = 'x-crm-permission';

/**
 * What an operation asks of its caller when no single permission says it:
 * - `public`: no credential at all (sign-in, survey links, probes); such routes are mounted before authentication.
 * - `authenticated`: any signed-in user or API key; the handler scopes what it answers to the caller (their own
 *   notifications, a portal user's own surveys) or checks a permission that depends on who calls.
 * - `signed_in_admin`: a signed-in user with the `admin` role, never an API key, whatever its scopes.
 */
export const ACCESS_LEVELS = ['public', 'authenticated', 'signed_in_admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** An operation's requirement: one permission, every permission of a list, or an access level. */
export type RoutePermission = Permission | readonly Permission[] | AccessLevel;

/** The extension object a route config spreads in. */
export type PermissionExtension = { readonly [PERMISSION_EXTENSION]: RoutePermission };

/**
 * Declares in a `createRoute` config what its caller must hold. Typed by the permission list, so a misspelt
 * permission does not compile. Several permissions are all required.
 * @example
 * export const listTagsRoute = createRoute({ method: 'get', path: '/api/v1/tags', operationId: 'listTags', ...permission('customer:read'), … });
 * permission('customer:read', 'analysis:read') // both
 * permission('authenticated')                  // any signed-in caller
 */
export function permission(needed: Permission | AccessLevel): PermissionExtension;
export function permission(...needed: [Permission, Permission, ...Permission[]]): PermissionExtension;
export function permission(...needed: (Permission | AccessLevel)[]): PermissionExtension {
  return { [PERMISSION_EXTENSION]: needed.length === 1 ? needed[0]! : (needed as Permission[]) };
}

const isPermission = (value: unknown): value is Permission => (PERMISSIONS as readonly unknown[]).includes(value);

/**
 * Whether a value read back from a route or the OpenAPI document is a requirement this API knows.
 * @example isRoutePermission(['customer:read', 'analysis:read']) // true
 * @example isRoutePermission('customer:reed') // false
 */
export function isRoutePermission(value: unknown): value is RoutePermission {
  if (Array.isArray(value)) return value.length > 1 && value.every(isPermission);
  return isPermission(value) || (ACCESS_LEVELS as readonly unknown[]).includes(value);
}
