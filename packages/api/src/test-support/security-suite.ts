import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from './api-request.ts';
import type { TestTenant } from './test-context.ts';
import type { StaffRole, TestTenantHarness } from './use-test-tenant.ts';

/**
 * The record of the harness's tenant that an operation addresses, and the error code another tenant gets
 * for it (`tag.not_found`: a wrong path answers 404 too, but not with that code). Creates and lists have none.
 */
type AddressedRecord = { record: () => number; notFound: string } | { record?: undefined; notFound?: undefined };

/** One operation and who may call it. */
export type AccessRule = AddressedRecord & {
  /** What the operation does, for the test names: 'rename a tag'. */
  name: string;
  /**
   * Sends the operation with `token` (none: anonymous) about `id`, the record `record()` names. The body
   * must be valid: a refusal is checked after validation, where the handler asks for the permission.
   */
  send: (token: string | undefined, id: number) => Promise<ApiResponse<unknown>>;
  /** A role that may call it: that role's user of another tenant must get 404 `notFound` for `record()`. */
  allowed: StaffRole;
  /** Staff roles without the permission: each gets 403 `auth.forbidden`. */
  denied: readonly StaffRole[];
  /** A portal operation (`PORTAL_OPERATIONS`) is left out of the portal check; staff work by default. */
  portal?: boolean;
  /** Runs after every refusal: what must not have changed. */
  unchanged?: () => Promise<void>;
};

/**
 * The access rules every operation of a module keeps, one test each: no token → 401 `auth.missing_token`;
 * a staff role without the permission → 403 `auth.forbidden`; a portal user (role `customer` with a
 * customer of the tenant) → 403 `auth.forbidden` for staff work; another tenant's user of an allowed role
 * addressing this tenant's record → 404 (the record does not exist for them: no 403 that would confirm it).
 * @example
 * describeAccessRules(t, [
 *   { name: 'rename a tag', send: (token, id) => t.patch(`/api/v1/tags/${id}`, { token, body: { name: '改名' } }),
 *     record: () => tagId, allowed: 'manager', notFound: 'tag.not_found', denied: ['support', 'analyst'] },
 * ]);
 */
export function describeAccessRules<R extends StaffRole>(t: TestTenantHarness<R>, rules: readonly AccessRule[]): void {
  describe('access rules', () => {
    let otherTenant: TestTenant;
    let portal: string;

    beforeAll(async () => {
      otherTenant = await t.ctx.createTenant();
      // The portal user's own company: made by an admin, so the harness's roles need not include one.
      const admin = await t.tenant.token('admin');
      const company = await t.post('/api/v1/customers?force=true', { token: admin, body: { customer_name: `门户访问规则测试${t.tenant.code}有限公司` } });
      if (company.status !== 200) throw new Error(`access rules: portal customer not made: ${company.text}`);
      portal = await t.tenant.token('customer', { customer_id: company.body.data.customer_id });
    });

    const refused = async (rule: AccessRule, token: string | undefined, status: number, error: string | undefined) => {
      const res = await rule.send(token, rule.record?.() ?? 0);
      expect(res.status).toBe(status);
      if (error) expect(res.body.error).toBe(error);
      await rule.unchanged?.();
    };

    for (const rule of rules) {
      describe(rule.name, () => {
        it('answers 401 without a token', () => refused(rule, undefined, 401, 'auth.missing_token'));

        for (const role of rule.denied) {
          it(`answers 403 to ${role}`, async () => refused(rule, await t.tenant.token(role), 403, 'auth.forbidden'));
        }

        if (!rule.portal) {
          it('answers 403 to a portal user', () => refused(rule, portal, 403, 'auth.forbidden'));
        }

        if (rule.record) {
          it(`answers 404 to ${rule.allowed} of another tenant`, async () => refused(rule, await otherTenant.token(rule.allowed), 404, rule.notFound));
        }
      });
    }
  });
}
