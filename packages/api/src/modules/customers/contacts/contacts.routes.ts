import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/app-env.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { lookupContacts } from './contact-lookup.service.ts';
import {
  createContactRoute,
  deleteContactRoute,
  getContactRoute,
  listContactsRoute,
  lookupContactsRoute,
  makePrimaryContactRoute,
  updateContactRoute,
} from './contacts.contract.ts';
import { contactsOfCustomers, presentContact } from './contacts.service.ts';
import {
  createCustomerContact,
  deleteCustomerContact,
  getCustomerContact,
  listCustomerContacts,
  makePrimaryContact,
  updateCustomerContact,
} from './customer-contacts.service.ts';

/** `If-Match` is optional on delete: checked when given, so a stale client cannot remove a changed contact. */
const optionalExpectedVersion = (c: Context<AppEnv>, id: number) => (c.req.header('If-Match') ? expectedVersion(c, 'contact', id) : null);

/** Contacts of a customer (`/customers/{id}/contacts`) and the exact-match lookup by channel. */
export const contactRoutes = createRouter()
  .openapi(lookupContactsRoute, async function lookupContactsHandler(c) {
    return ok(c, { items: await lookupContacts(scopeOf(c), c.req.valid('query')) }, undefined, 200);
  })
  .openapi(listContactsRoute, async function listContactsHandler(c) {
    return ok(c, { items: await listCustomerContacts(scopeOf(c), c.req.valid('param').id) }, undefined, 200);
  })
  .openapi(getContactRoute, async function getContactHandler(c) {
    const scope = scopeOf(c);
    const { id, contact_id: contactId } = c.req.valid('param');
    const row = await getCustomerContact(scope, id, contactId);
    c.header('ETag', etagOf('contact', row.id, row.version));
    return ok(c, presentContact(scope, row), undefined, 200);
  })
  .openapi(createContactRoute, async function createContactHandler(c) {
    const scope = scopeOf(c);
    const row = await createCustomerContact(scope, c.req.valid('param').id, c.req.valid('json'));
    c.header('ETag', etagOf('contact', row.id, row.version));
    return ok(c, presentContact(scope, row), { zh: '联系人已添加', en: 'Contact added' }, 201);
  })
  .openapi(updateContactRoute, async function updateContactHandler(c) {
    const scope = scopeOf(c);
    const { id, contact_id: contactId } = c.req.valid('param');
    const row = await updateCustomerContact(scope, id, contactId, expectedVersion(c, 'contact', contactId), c.req.valid('json'));
    c.header('ETag', etagOf('contact', row.id, row.version));
    return ok(c, presentContact(scope, row), { zh: '联系人已更新', en: 'Contact updated' }, 200);
  })
  .openapi(deleteContactRoute, async function deleteContactHandler(c) {
    const scope = scopeOf(c);
    const { id, contact_id: contactId } = c.req.valid('param');
    await deleteCustomerContact(scope, id, contactId, optionalExpectedVersion(c, contactId));
    return ok(c, { items: await contactsOfCustomers(scope, [id]) }, { zh: '联系人已删除', en: 'Contact deleted' }, 200);
  })
  .openapi(makePrimaryContactRoute, async function makePrimaryContactHandler(c) {
    const scope = scopeOf(c);
    const { id, contact_id: contactId } = c.req.valid('param');
    await makePrimaryContact(scope, id, contactId);
    return ok(c, { items: await contactsOfCustomers(scope, [id]) }, { zh: '主要联系人已变更', en: 'Primary contact changed' }, 200);
  });
