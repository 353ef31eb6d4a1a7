import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { idempotencyHeader } from '../../../platform/http/headers.ts';
import { TagRef } from '../customers/customers.public.ts';
import { pathId } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const tagName = z.string().trim().min(1).max(50);
const groupId = z.number().int().positive().openapi({ description: 'A tag group of your tenant' });

export const TagGroupCreate = z.strictObject({ name: tagName.openapi({ example: '行业标签' }) }).openapi('TagGroupCreate');
export type TagGroupCreate = z.infer<typeof TagGroupCreate>;

export const TagGroup = z
  .object({ id: z.number().int(), name: z.string(), tag_count: z.number().int(), created_at: z.string() })
  .openapi('TagGroup');
export type TagGroup = z.infer<typeof TagGroup>;
export const TagGroupList = z.object({ items: z.array(TagGroup) }).openapi('TagGroupList');

export const TagCreate = z
  .strictObject({
    name: tagName.openapi({ example: '高价值' }),
    group_id: groupId.nullish(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'color must be #rrggbb')
      .transform((v) => v.toLowerCase())
      .default('#64748b')
      .openapi({ example: '#ef4444' }),
  })
  .openapi('TagCreate');
export type TagCreate = z.infer<typeof TagCreate>;

export const TagUpdate = TagCreate.extend({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be #rrggbb').transform((v) => v.toLowerCase()) })
  .partial()
  .openapi('TagUpdate');
export type TagUpdate = z.infer<typeof TagUpdate>;

export const Tag = z
  .object({
    id: z.number().int(),
    name: z.string(),
    color: z.string().openapi({ example: '#ef4444' }),
    group_id: z.number().int().nullable(),
    group_name: z.string().nullable(),
    customer_count: z.number().int().openapi({ description: 'Customers (not archived) carrying this tag' }),
    created_at: z.string(),
  })
  .openapi('Tag');
export type Tag = z.infer<typeof Tag>;
export const TagList = z.object({ items: z.array(Tag) }).openapi('TagList');

export const TagListQuery = z
  .strictObject({
    group_id: z.coerce.number().int().positive().optional(),
    q: z.string().trim().min(1).max(50).optional().openapi({ description: 'Part of the tag name' }),
  })
  .openapi('TagListQuery');
export type TagListQuery = z.infer<typeof TagListQuery>;

export const CustomerTagsReplace = z
  .strictObject({ tag_ids: z.array(z.number().int().positive()).max(50).openapi({ example: [3, 7] }) })
  .openapi('CustomerTagsReplace');

export const CustomerTags = z.object({ customer_id: z.number().int(), tags: z.array(TagRef) }).openapi('CustomerTags');
export type CustomerTags = z.infer<typeof CustomerTags>;

// ---- routes -------------------------------------------------------------------------------------

const TagParam = z.object({ id: pathId('id', 7) });
const CustomerParam = z.object({ id: pathId('id', 12345) });
const CustomerTagParams = z.object({ id: pathId('id', 12345), tag_id: pathId('tag_id', 7) });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const catalogueNote = 'Staff only: portal users cannot read the tag catalogue (403).';

export const listTagGroupsRoute = createRoute({
  method: 'get',
  path: '/api/v1/tag-groups',
  operationId: 'listTagGroups',
  ...permission('customer:read'),
  tags: ['tags'],
  summary: 'Tag groups with the number of tags in each',
  description: catalogueNote,
  responses: { 200: jsonResponse(TagGroupList, 'TagGroupList', 'The tag groups, by name'), ...errorResponses },
});

export const createTagGroupRoute = createRoute({
  method: 'post',
  path: '/api/v1/tag-groups',
  operationId: 'createTagGroup',
  ...permission('tag:write'),
  description: 'A family of tags (industry, value, risk, source …) that segmentation rules can refer to.',
  tags: ['tags'],
  summary: 'Create a tag group (tag:write)',
  request: { headers: idempotencyHeader, body: json(TagGroupCreate) },
  responses: { 201: jsonResponse(TagGroup, 'TagGroup', 'Created'), ...writeErrorResponses },
});

export const listTagsRoute = createRoute({
  method: 'get',
  path: '/api/v1/tags',
  operationId: 'listTags',
  ...permission('customer:read'),
  tags: ['tags'],
  summary: 'Tags with how many customers carry each',
  description: `${catalogueNote} Filter customers by a tag with \`GET /api/v1/customers?tag_id=\`.`,
  request: { query: TagListQuery },
  responses: { 200: jsonResponse(TagList, 'TagList', 'The tags, by group then name'), ...errorResponses },
});

export const createTagRoute = createRoute({
  method: 'post',
  path: '/api/v1/tags',
  operationId: 'createTag',
  ...permission('tag:write'),
  tags: ['tags'],
  summary: 'Create a tag (tag:write)',
  description: 'Names are unique per tenant (409 `tag.duplicate`).',
  request: { headers: idempotencyHeader, body: json(TagCreate) },
  responses: { 201: jsonResponse(Tag, 'Tag', 'Created'), ...writeErrorResponses },
});

export const updateTagRoute = createRoute({
  method: 'patch',
  path: '/api/v1/tags/{id}',
  operationId: 'updateTag',
  ...permission('tag:write'),
  description: 'Renames, recolours or moves a tag to another group; customers keep it.',
  tags: ['tags'],
  summary: 'Rename, recolour or regroup a tag (tag:write)',
  request: { params: TagParam, body: json(TagUpdate) },
  responses: { 200: jsonResponse(Tag, 'Tag', 'The updated tag'), ...writeErrorResponses },
});

export const deleteTagRoute = createRoute({
  method: 'delete',
  path: '/api/v1/tags/{id}',
  operationId: 'deleteTag',
  ...permission('tag:write'),
  description: 'Deletes the tag and removes it from every customer; the audit log keeps who had it.',
  tags: ['tags'],
  summary: 'Delete a tag and remove it from every customer (tag:write)',
  request: { params: TagParam },
  responses: { 200: jsonResponse(Tag, 'Tag', 'The deleted tag, with how many customers carried it'), ...writeErrorResponses },
});

export const replaceCustomerTagsRoute = createRoute({
  method: 'put',
  path: '/api/v1/customers/{id}/tags',
  operationId: 'replaceCustomerTags',
  ...permission('customer:write'),
  description: 'Replaces the customer\'s set of tags with the given one; unknown tag ids are refused with 404 and nothing changes.',
  tags: ['tags'],
  summary: "Replace a customer's tags with exactly this set (customer:write)",
  request: { params: CustomerParam, body: json(CustomerTagsReplace) },
  responses: { 200: jsonResponse(CustomerTags, 'CustomerTags', "The customer's tags"), ...writeErrorResponses },
});

export const addCustomerTagRoute = createRoute({
  method: 'post',
  path: '/api/v1/customers/{id}/tags/{tag_id}',
  operationId: 'addCustomerTag',
  ...permission('customer:write'),
  description: 'Adds one tag to the customer; adding it twice changes nothing.',
  tags: ['tags'],
  summary: 'Tag a customer (customer:write); tagging twice changes nothing',
  request: { params: CustomerTagParams },
  responses: { 200: jsonResponse(CustomerTags, 'CustomerTags', "The customer's tags"), ...writeErrorResponses },
});

export const removeCustomerTagRoute = createRoute({
  method: 'delete',
  path: '/api/v1/customers/{id}/tags/{tag_id}',
  operationId: 'removeCustomerTag',
  ...permission('customer:write'),
  description: 'Removes one tag from the customer; removing an absent tag changes nothing.',
  tags: ['tags'],
  summary: 'Remove a tag from a customer (customer:write); removing an absent tag changes nothing',
  request: { params: CustomerTagParams },
  responses: { 200: jsonResponse(CustomerTags, 'CustomerTags', "The customer's tags"), ...writeErrorResponses },
});
