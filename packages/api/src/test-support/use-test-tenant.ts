import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../platform/auth/permissions.ts';
import { sendRequest, type ApiMethod, type UntypedOptions } from './api-request.ts';
import type { HttpMethod } from './api-routes.ts';
import { createTestContext, type TestContext, type TestTenant } from './test-context.ts';

/** A role of staff: a portal user (`customer`) needs a customer, so it is made with `tenant.token` instead. */
export type StaffRole = Exclude<Role, 'customer'>;

/** What `useTestTenant` passes on to `createTestContext` (env, staticRoots, resolveHost, connectPort). */
export type TestTenantOptions = Parameters<typeof createTestContext>[0];

/** `as: 'manager'` sends the request as that role's user of the harness's tenant. */
type AsRole<R extends string> = { as?: R };

/**
 * A test file's app, tenant and signed-in staff. Every field is filled in by the harness's `beforeAll`, so
 * read them inside hooks and tests, never at the top level of the file.
 */
export type TestTenantHarness<R extends StaffRole> = {
  readonly ctx: TestContext;
  readonly tenant: TestTenant;
  /** A bearer token per role: `t.as.manager`. */
  readonly as: Readonly<Record<R, string>>;
  /** The user id behind each role's token: `t.userIds.csm` (an assignee, a signatory…). */
  readonly userIds: Readonly<Record<R, number>>;
  /** The first role given: who the fixtures act as unless told otherwise. */
  readonly defaultRole: R;
  get: ApiMethod<'GET', AsRole<R>>;
  post: ApiMethod<'POST', AsRole<R>>;
  put: ApiMethod<'PUT', AsRole<R>>;
  patch: ApiMethod<'PATCH', AsRole<R>>;
  delete: ApiMethod<'DELETE', AsRole<R>>;
  /** The untyped request, for a path built at run time (loops over operations): `{ status, body, headers, text }`. */
  request: (method: HttpMethod, path: string, options?: UntypedOptions & AsRole<R>) => ReturnType<typeof sendRequest>;
};

/**
 * One line at the top of a test file: a fresh app and database, one tenant, and a signed-in user for each
 * role (made in the order given). Registers its own `beforeAll`/`afterAll`; a file's own `beforeAll` after
 * it runs later and can use `t` for its fixtures.
 * @example
 * const t = useTestTenant(['manager', 'admin']);
 * it('creates a tag', async () => {
 *   const res = await t.post('/api/v1/tags', { as: 'manager', body: { name: '重点客户' } });
 *   expect(res.body.data.customer_count).toBe(0);
 * });
 */
export function useTestTenant<const R extends StaffRole>(roles: readonly R[], options?: TestTenantOptions): TestTenantHarness<R> {
  let ready: { ctx: TestContext; tenant: TestTenant; as: Record<R, string>; userIds: Record<R, number> } | undefined;

  beforeAll(async () => {
    const ctx = await createTestContext(options);
    const tenant = await ctx.createTenant();
    const as = {} as Record<R, string>;
    const userIds = {} as Record<R, number>;
    for (const role of roles) {
      as[role] = await tenant.token(role);
      userIds[role] = await tenant.userIdOf(`${role}@${tenant.code}`);
    }
    ready = { ctx, tenant, as, userIds };
  });
  afterAll(() => ready?.ctx.close());

  const state = () => {
    if (!ready) throw new Error('useTestTenant: read inside a hook or a test, after its beforeAll has run');
    return ready;
  };
  const send = (method: HttpMethod, path: string, { as, ...rest }: UntypedOptions & AsRole<R> = {}) =>
    sendRequest(state().ctx.app, method, path, { ...rest, token: as ? state().as[as] : rest.token });
  // The typed methods are `send` with the contract's types on top (see apiRequest).
  const typed = <M extends HttpMethod>(method: M) => ((path: string, options?: UntypedOptions & AsRole<R>) => send(method, path, options)) as ApiMethod<M, AsRole<R>>;

  return {
    get ctx() {
      return state().ctx;
    },
    get tenant() {
      return state().tenant;
    },
    get as() {
      return state().as;
    },
    get userIds() {
      return state().userIds;
    },
    defaultRole: roles[0]!,
    get: typed('GET'),
    post: typed('POST'),
    put: typed('PUT'),
    patch: typed('PATCH'),
    delete: typed('DELETE'),
    request: send,
  };
}
