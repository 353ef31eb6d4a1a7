/**
 * Records the tests need, made through the real API as a user would make them. Each builder takes the
 * file's harness (`useTestTenant`) and acts as its first role unless told `{ as }` or `{ token }`; each
 * throws with the API's answer when the record was not made, so a broken fixture never hides as a
 * later, stranger failure.
 */
import type { ApiResponse } from './api-request.ts';
import type { BodyOf, DataOf, RouteOf } from './api-routes.ts';
import type { StaffRole, TestTenantHarness } from './use-test-tenant.ts';

/** Who a fixture acts as: a role of the harness, or any token (another tenant's admin). */
export type ActingAs<R extends StaffRole> = { as?: R; token?: string };

type CustomerInput = BodyOf<RouteOf<'POST', '/api/v1/customers'>>;
/** A created customer as `POST /api/v1/customers` answers it (with its contacts' ids). */
export type CreatedCustomer = DataOf<RouteOf<'POST', '/api/v1/customers'>>;
type ContactInput = BodyOf<RouteOf<'POST', `/api/v1/customers/${number}/contacts`>>;
type DepartmentInput = BodyOf<RouteOf<'POST', `/api/v1/customers/${number}/departments`>>;
type TagInput = BodyOf<RouteOf<'POST', '/api/v1/tags'>>;

let serial = 0;

const tokenFor = <R extends StaffRole>(t: TestTenantHarness<R>, by: ActingAs<R>) => by.token ?? t.as[by.as ?? t.defaultRole];

function made<Data>(what: string, res: ApiResponse<Data>, status: number): Data {
  if (res.status !== status) throw new Error(`fixture: ${what} not made (${res.status}): ${res.text}`);
  return res.body.data;
}

/**
 * A customer through `POST /api/v1/customers?force=true` (the duplicate check waved through), with a unique
 * name unless `overrides` gives one; answers the whole created record.
 * @example const { customer_id, contacts } = await createCustomer(t, { contacts: [{ contact_name: '王总' }] });
 */
export async function createCustomer<R extends StaffRole>(t: TestTenantHarness<R>, overrides: Partial<CustomerInput> = {}, by: ActingAs<R> = {}): Promise<CreatedCustomer> {
  const body = { customer_name: `测试客户${process.pid}-${++serial}号有限公司`, ...overrides };
  return made('customer', await t.post('/api/v1/customers?force=true', { token: tokenFor(t, by), body }), 200);
}

/**
 * A customer's id, made as `createCustomer` makes it.
 * @example const customerId = await newCustomer(t, { level: 4 }, { as: 'admin' });
 */
export async function newCustomer<R extends StaffRole>(t: TestTenantHarness<R>, overrides: Partial<CustomerInput> = {}, by: ActingAs<R> = {}): Promise<number> {
  return (await createCustomer(t, overrides, by)).customer_id;
}

/**
 * A customer with one contact (张总, a mobile number): what contracts, complaints and communications need.
 * @example const { customerId, contactId } = await newCustomerWithContact(t, { customer_name: '岭南物流股份有限公司' });
 */
export async function newCustomerWithContact<R extends StaffRole>(
  t: TestTenantHarness<R>,
  overrides: Partial<CustomerInput> = {},
  by: ActingAs<R> = {},
): Promise<{ customerId: number; contactId: number }> {
  const created = await createCustomer(t, { contacts: [{ contact_name: '张总', mobile: '13800138000' }], ...overrides }, by);
  return { customerId: created.customer_id, contactId: created.contacts[0]!.id };
}

/**
 * A contact of a customer through `POST /api/v1/customers/{id}/contacts`; answers the created contact.
 * @example const contact = await newContact(t, customerId, { contact_name: '李娜', mobile: '13912345678' });
 */
export async function newContact<R extends StaffRole>(t: TestTenantHarness<R>, customerId: number, body: ContactInput, by: ActingAs<R> = {}) {
  return made('contact', await t.post(`/api/v1/customers/${customerId}/contacts`, { token: tokenFor(t, by), body }), 201);
}

/**
 * A department of a customer through `POST /api/v1/customers/{id}/departments`; answers the created department.
 * @example const hq = await newDepartment(t, customerId, { name: '总部' });
 */
export async function newDepartment<R extends StaffRole>(t: TestTenantHarness<R>, customerId: number, body: DepartmentInput, by: ActingAs<R> = {}) {
  return made('department', await t.post(`/api/v1/customers/${customerId}/departments`, { token: tokenFor(t, by), body }), 201);
}

/**
 * A tag of the catalogue through `POST /api/v1/tags`; answers the created tag.
 * @example const tag = await newTag(t, { name: '重点客户', color: '#ef4444' });
 */
export async function newTag<R extends StaffRole>(t: TestTenantHarness<R>, body: TagInput, by: ActingAs<R> = {}) {
  return made('tag', await t.post('/api/v1/tags', { token: tokenFor(t, by), body }), 201);
}
