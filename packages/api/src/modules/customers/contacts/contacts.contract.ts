import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader, ifMatchHeader } from '../../../platform/http/headers.ts';
import { EMAIL_PATTERN, MOBILE_PATTERN, PHONE_PATTERN, WECHAT_PATTERN } from '../../../platform/crypto/pii.ts';
import { pathId } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** 0/1 as in the requirement's data model; `true`/`false` are accepted too. */
export const Flag = z
  .union([z.literal(0), z.literal(1), z.boolean()])
  .transform((v) => v === true || v === 1)
  .openapi({ type: 'integer', enum: [0, 1], example: 1 });

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const ContactInput = z
  .strictObject({
    contact_name: z.string().trim().min(1).max(100).openapi({ example: '张总' }),
    position: optionalText(100).openapi({ example: '总经理' }),
    department: optionalText(100).openapi({ example: '总经办' }),
    department_id: z.number().int().positive().nullish(),
    reports_to_id: z.number().int().positive().nullish(),
    phone: z.string().trim().max(20).regex(PHONE_PATTERN, '固定电话格式不正确 / invalid landline number').nullish().openapi({ example: '010-12345678' }),
    mobile: z.string().trim().max(20).regex(MOBILE_PATTERN, '手机号格式不正确 / invalid mobile number').nullish().openapi({ example: '13800138000' }),
    email: z.string().trim().max(100).regex(EMAIL_PATTERN, '邮箱格式不正确 / invalid e-mail').nullish().openapi({ example: 'zhang@abc-tech.com' }),
    wechat: z.string().trim().max(100).regex(WECHAT_PATTERN, '微信号格式不正确 / invalid WeChat id').nullish(),
    is_primary: Flag.optional(),
    is_decision_maker: Flag.optional(),
  })
  .openapi('ContactInput');
export type ContactInput = z.infer<typeof ContactInput>;

export const ContactUpdate = ContactInput.partial().openapi('ContactUpdate');
export type ContactUpdate = z.infer<typeof ContactUpdate>;

export const Contact = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    contact_name: z.string(),
    position: z.string().nullable(),
    department: z.string().nullable(),
    department_id: z.number().int().nullable(),
    reports_to_id: z.number().int().nullable(),
    phone: z.string().nullable().openapi({ description: 'Masked (010-****5678) unless the caller has pii:read' }),
    mobile: z.string().nullable().openapi({ example: '138****8000' }),
    email: z.string().nullable(),
    wechat: z.string().nullable(),
    is_primary: z.number().int().openapi({ enum: [0, 1] }),
    is_decision_maker: z.number().int().openapi({ enum: [0, 1] }),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Contact');
export type Contact = z.infer<typeof Contact>;

export const ContactList = z.object({ items: z.array(Contact) }).openapi('ContactList');

const channel = (pattern: RegExp, message: string) => z.string().trim().min(1).max(100).regex(pattern, message).optional();

export const ContactLookupQuery = z
  .strictObject({
    phone: channel(PHONE_PATTERN, '固定电话格式不正确 / invalid landline number').openapi({ example: '010-12345678' }),
    mobile: channel(MOBILE_PATTERN, '手机号格式不正确 / invalid mobile number').openapi({ example: '13800138000' }),
    email: channel(EMAIL_PATTERN, '邮箱格式不正确 / invalid e-mail').openapi({ example: 'zhang@abc-tech.com' }),
  })
  .refine((q) => Boolean(q.phone || q.mobile || q.email), { message: 'give phone, mobile or email / 请提供 phone、mobile 或 email' })
  .openapi('ContactLookupQuery');
export type ContactLookupQuery = z.infer<typeof ContactLookupQuery>;

export const ContactLookupHit = z
  .object({
    contact: Contact,
    customer: z.object({
      id: z.number().int(),
      customer_code: z.string(),
      customer_name: z.string(),
      archived_at: z.string().nullable(),
    }),
    matched: z.array(z.enum(['phone', 'mobile', 'email'])).openapi({ description: 'Which of the given channels this contact matched' }),
  })
  .openapi('ContactLookupHit');
export type ContactLookupHit = z.infer<typeof ContactLookupHit>;

export const ContactLookup = z.object({ items: z.array(ContactLookupHit) }).openapi('ContactLookup');

// ---- routes -------------------------------------------------------------------------------------

const CustomerParam = z.object({ id: pathId('id', 12345) });
const ContactParams = z.object({ id: pathId('id', 12345), contact_id: pathId('contact_id', 678) });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'Contact version, for If-Match', schema: { type: 'string' as const } } };
export const listContactsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/contacts',
  operationId: 'listContacts',
  ...permission('customer:read'),
  tags: ['contacts'],
  summary: "A customer's contacts, primary first",
  description: 'Phone, mobile, e-mail and WeChat are masked unless the caller holds `pii:read`; unmasked reads are audited.',
  request: { params: CustomerParam },
  responses: { 200: jsonResponse(ContactList, 'ContactList', 'The contacts'), ...errorResponses },
});

export const getContactRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/contacts/{contact_id}',
  operationId: 'getContact',
  ...permission('customer:read'),
  description: 'One contact, masked per the caller\'s rights, with the ETag that PATCH expects.',
  tags: ['contacts'],
  summary: 'One contact, with its ETag',
  request: { params: ContactParams },
  responses: { 200: { ...jsonResponse(Contact, 'Contact', 'The contact'), headers: etagHeader }, ...errorResponses },
});

export const createContactRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/contacts',
  operationId: 'createContact',
  ...permission('customer:write'),
  tags: ['contacts'],
  summary: 'Add a contact to a customer',
  description: 'At most one primary contact per customer: `is_primary: 1` while another is primary answers 409 `contact.primary_conflict` (use make-primary to move the flag).',
  request: { params: CustomerParam, headers: idempotencyHeader, body: json(ContactInput) },
  responses: { 201: { ...jsonResponse(Contact, 'Contact', 'Created'), headers: etagHeader }, ...writeErrorResponses },
});

export const updateContactRoute = createRoute({
  method: 'patch',
  path: '/api/v1/customers/{id}/contacts/{contact_id}',
  operationId: 'updateContact',
  ...permission('customer:write'),
  description: 'Partial update guarded by If-Match. Contact channels are re-encrypted and re-indexed; completeness of the customer is recomputed. Audited.',
  tags: ['contacts'],
  summary: 'Update a contact (If-Match required)',
  request: { params: ContactParams, headers: ifMatchHeader, body: json(ContactUpdate) },
  responses: { 200: { ...jsonResponse(Contact, 'Contact', 'The updated contact'), headers: etagHeader }, ...writeErrorResponses },
});

export const deleteContactRoute = createRoute({
  method: 'delete',
  path: '/api/v1/customers/{id}/contacts/{contact_id}',
  operationId: 'deleteContact',
  ...permission('customer:write'),
  tags: ['contacts'],
  summary: 'Remove a contact; those reporting to it move up to its own manager',
  description: '`If-Match` is optional here: when given, a stale version answers 412 and nothing is removed.',
  request: { params: ContactParams, headers: ifMatchHeader },
  responses: { 200: jsonResponse(ContactList, 'ContactList', "The customer's remaining contacts"), ...writeErrorResponses },
});

export const makePrimaryContactRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/contacts/{contact_id}/make-primary',
  operationId: 'makePrimaryContact',
  ...permission('customer:write'),
  description: 'Moves the primary flag to this contact in one transaction; the database allows one primary contact per customer.',
  tags: ['contacts'],
  summary: 'Make this contact the primary one (the previous primary loses the flag, atomically)',
  request: { params: ContactParams },
  responses: { 200: jsonResponse(ContactList, 'ContactList', "The customer's contacts, the new primary first"), ...writeErrorResponses },
});

export const lookupContactsRoute = createRoute({
  method: 'get',
  path: '/api/v1/contacts/lookup',
  operationId: 'lookupContacts',
  ...permission('customer:read'),
  tags: ['contacts'],
  summary: 'Who is calling? Contacts with exactly this phone, mobile or e-mail',
  description: 'Exact match through the blind index (no decryption, no fuzzy match), limited to customers you may see, at most 50 hits. Contact channels are masked unless you hold `pii:read`.',
  request: { query: ContactLookupQuery },
  responses: { 200: jsonResponse(ContactLookup, 'ContactLookup', 'Matching contacts with their customers'), ...errorResponses },
});
