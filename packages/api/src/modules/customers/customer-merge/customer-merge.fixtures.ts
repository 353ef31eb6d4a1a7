import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { customerContacts } from '../contacts/contacts.schema.ts';
import { customerDepartments } from '../org-structure/org-structure.schema.ts';
import { customerTags, tags } from '../tags/tags.schema.ts';
import { call, type TestContext, type TestTenant } from '../../../test-support/index.ts';

/** Test fixtures for merge tests: customers through the API, departments and tags straight in the database. */
export function mergeFixtures(ctx: TestContext, tenant: TestTenant, token: string) {
  const db = ctx.handle.db;
  return {
    async customer(body: Record<string, unknown>): Promise<number> {
      const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token, body });
      expect(res.status).toBe(200);
      return res.body.data.customer_id as number;
    },
    async tag(name: string): Promise<number> {
      const [row] = await db.insert(tags).values({ tenant_id: tenant.id, name }).returning({ id: tags.id });
      return row!.id;
    },
    async tagCustomer(customerId: number, tagIds: number[]) {
      await db.insert(customerTags).values(tagIds.map((tag_id) => ({ tenant_id: tenant.id, customer_id: customerId, tag_id })));
    },
    async department(customerId: number, name: string): Promise<number> {
      const [row] = await db.insert(customerDepartments).values({ tenant_id: tenant.id, customer_id: customerId, name }).returning({ id: customerDepartments.id });
      return row!.id;
    },
    async placeContact(customerId: number, contactName: string, departmentId: number) {
      await db
        .update(customerContacts)
        .set({ department_id: departmentId })
        .where(and(eq(customerContacts.tenant_id, tenant.id), eq(customerContacts.customer_id, customerId), eq(customerContacts.contact_name, contactName)));
    },
    async versionOf(customerId: number): Promise<number> {
      const res = await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token });
      return res.body.data.version as number;
    },
  };
}
