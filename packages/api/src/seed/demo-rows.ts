import type { customerContacts } from '../modules/customers/contacts/contacts.schema.ts';
import type { customers } from '../modules/customers/customers/customers.schema.ts';
import type { customerDepartments } from '../modules/customers/org-structure/org-structure.schema.ts';
import type { customerTags, tagGroups, tags } from '../modules/customers/tags/tags.schema.ts';
import type { users } from '../platform/identity/users.schema.ts';
import type { codeSequences } from '../platform/platform.schema.ts';
import { assessCompleteness } from '../modules/customers/customers/customer-completeness.ts';
import { normaliseCustomerName, pinyinKeys, websiteDomain } from '../modules/customers/customers/customer-name.ts';
import { sealField } from '../platform/crypto/field-crypto.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { assignCustomerCodes } from './customer-codes.ts';
import type { DemoContact, DemoCustomer, DemoTenant } from './demo-types.ts';

/** Pre-allocated identity values per table, one per row, in the order {@link rowCounts} counts them. */
export type AllocatedIds = {
  users: number[];
  customers: number[];
  departments: number[];
  contacts: number[];
  tagGroups: number[];
  tags: number[];
};

/** Rows of one tenant, each list ordered so a chunked insert never references a row not yet written. */
export type TenantRows = {
  users: (typeof users.$inferInsert)[];
  customers: (typeof customers.$inferInsert)[];
  departments: (typeof customerDepartments.$inferInsert)[];
  contacts: (typeof customerContacts.$inferInsert)[];
  tagGroups: (typeof tagGroups.$inferInsert)[];
  tags: (typeof tags.$inferInsert)[];
  customerTags: (typeof customerTags.$inferInsert)[];
  codeSequences: (typeof codeSequences.$inferInsert)[];
};

/** Customers in creation order: ids, like codes, then grow with time as they would have in production. */
export function customersByCreation(tenant: DemoTenant): DemoCustomer[] {
  return [...tenant.customers].sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}

/** How many ids each table needs for a tenant. */
export function rowCounts(tenant: DemoTenant): Record<keyof AllocatedIds, number> {
  return {
    users: tenant.users.length,
    customers: tenant.customers.length,
    departments: tenant.customers.reduce((n, c) => n + c.departments.length, 0),
    contacts: tenant.customers.reduce((n, c) => n + c.contacts.length, 0),
    tagGroups: tenant.tagGroups.length,
    tags: tenant.tagGroups.reduce((n, g) => n + g.tags.length, 0),
  };
}

/** Depth in a ref → parent-ref forest (roots 0), for parent-first ordering. */
function depthOf(ref: string, parentOf: Map<string, string | null>): number {
  let depth = 0;
  for (let parent = parentOf.get(ref); parent; parent = parentOf.get(parent)) depth++;
  return depth;
}

const byDepth = <T extends { ref: string }>(items: T[], parentOf: Map<string, string | null>) =>
  items.map((item) => ({ item, depth: depthOf(item.ref, parentOf) })).sort((a, b) => a.depth - b.depth).map((x) => x.item);

/** What completeness scoring needs of a contact; reachable means the API's test: mobile, phone or e-mail. */
const contactFacts = (c: DemoContact) => ({
  is_primary: c.is_primary,
  is_decision_maker: c.is_decision_maker,
  reachable: Boolean(c.mobile || c.phone || c.email),
});

function sealContact(ring: KeyRing, c: DemoContact) {
  const phone = sealField(ring, 'phone', c.phone);
  const mobile = sealField(ring, 'mobile', c.mobile);
  const email = sealField(ring, 'email', c.email);
  const wechat = sealField(ring, 'wechat', c.wechat);
  return {
    phone_enc: phone.enc, phone_bidx: phone.bidx,
    mobile_enc: mobile.enc, mobile_bidx: mobile.bidx,
    email_enc: email.enc, email_bidx: email.bidx,
    wechat_enc: wechat.enc, wechat_bidx: wechat.bidx,
  };
}

/**
 * Turns one generated tenant into insertable rows: refs resolved to the allocated ids, computed columns
 * filled exactly as the API fills them (normalised name, pinyin keys, website domain, daily codes and
 * their sequences), contact channels sealed.
 */
export function buildTenantRows(
  tenant: DemoTenant,
  context: { tenantId: number; ids: AllocatedIds; ring: KeyRing; passwordHash: string },
): TenantRows {
  const { tenantId: tenant_id, ids, ring } = context;
  const idOf = new Map<string, number>();
  const take = (list: number[], i: number) => list[i] as number;

  const ordered = customersByCreation(tenant);
  ordered.forEach((c, i) => idOf.set(c.ref, take(ids.customers, i)));
  let d = 0;
  let k = 0;
  for (const c of ordered) {
    for (const dept of c.departments) idOf.set(dept.ref, take(ids.departments, d++));
    for (const contact of c.contacts) idOf.set(contact.ref, take(ids.contacts, k++));
  }
  const ref = (r: string | null) => (r === null ? null : (idOf.get(r) ?? null));
  const userIds = new Map(tenant.users.map((u, i) => [u.username, take(ids.users, i)]));
  const { codes, sequences } = assignCustomerCodes(ordered.map((c) => c.created_at));

  const customerRows = ordered.map((c, i) => {
    const row = {
      tenant_id,
      id: idOf.get(c.ref) as number,
      customer_code: codes[i] as string,
      customer_name: c.customer_name,
      customer_type: c.customer_type,
      industry: c.industry,
      scale: c.scale,
      address: c.address,
      website: c.website,
      description: c.description,
      status: c.status,
      level: c.level,
      source: c.source,
      assigned_manager_id: c.manager_username ? (userIds.get(c.manager_username) ?? null) : null,
      credit_code: c.credit_code,
      region: c.region,
      parent_customer_id: ref(c.parent_ref),
      name_normalized: normaliseCustomerName(c.customer_name),
      name_pinyin: pinyinKeys(c.customer_name),
      website_domain: websiteDomain(c.website),
      created_at: c.created_at,
      updated_at: c.updated_at,
    };
    const { score, missing } = assessCompleteness({ ...row, contacts: c.contacts.map(contactFacts) });
    return { ...row, completeness_score: score, completeness_missing: missing };
  });
  // Parents first, so a chunk never points at a parent in a later chunk.
  customerRows.sort((a, b) => Number(a.parent_customer_id !== null) - Number(b.parent_customer_id !== null));

  const departments = ordered.flatMap((c) =>
    byDepth(c.departments, new Map(c.departments.map((x) => [x.ref, x.parent_ref]))).map((x) => ({
      tenant_id,
      id: idOf.get(x.ref) as number,
      customer_id: idOf.get(c.ref) as number,
      parent_id: ref(x.parent_ref),
      name: x.name,
      sort_order: x.sort_order,
      created_at: c.created_at,
      updated_at: c.created_at,
    })),
  );
  const parentOf = new Map(ordered.flatMap((c) => c.contacts.map((x) => [x.ref, x.reports_to_ref] as const)));
  const allContacts = ordered.flatMap((c) => c.contacts.map((x) => ({ ...x, customer_ref: c.ref, at: c.created_at })));
  const contacts = byDepth(allContacts, parentOf).map((x) => ({
    tenant_id,
    id: idOf.get(x.ref) as number,
    customer_id: idOf.get(x.customer_ref) as number,
    contact_name: x.contact_name,
    position: x.position,
    department: x.department,
    department_id: ref(x.department_ref),
    reports_to_id: ref(x.reports_to_ref),
    ...sealContact(ring, x),
    is_primary: x.is_primary,
    is_decision_maker: x.is_decision_maker,
    created_at: x.at,
    updated_at: x.at,
  }));

  const tagIds = new Map<string, number>();
  let t = 0;
  const tagGroupRows = tenant.tagGroups.map((g, i) => ({ tenant_id, id: take(ids.tagGroups, i), name: g.name }));
  const tagRows = tenant.tagGroups.flatMap((g, i) =>
    g.tags.map((tag) => {
      const id = take(ids.tags, t++);
      tagIds.set(tag.name, id);
      return { tenant_id, id, group_id: take(ids.tagGroups, i), name: tag.name, color: tag.color };
    }),
  );
  const customerTagRows = ordered.flatMap((c) =>
    c.tags.map((name) => ({ tenant_id, customer_id: idOf.get(c.ref) as number, tag_id: tagIds.get(name) as number, created_at: c.created_at })),
  );

  return {
    users: tenant.users.map((u) => ({
      tenant_id,
      id: userIds.get(u.username) as number,
      username: u.username,
      display_name: u.display_name,
      password_hash: context.passwordHash,
      roles: u.roles,
      customer_id: u.customer_ref ? (idOf.get(u.customer_ref) ?? null) : null,
    })),
    customers: customerRows,
    departments,
    contacts,
    tagGroups: tagGroupRows,
    tags: tagRows,
    customerTags: customerTagRows,
    codeSequences: [...sequences].map(([scope, last_value]) => ({ tenant_id, scope, last_value })),
  };
}
