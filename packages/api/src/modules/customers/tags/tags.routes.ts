import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { addCustomerTag, removeCustomerTag, replaceCustomerTags } from './customer-tags.service.ts';
import {
  addCustomerTagRoute,
  createTagGroupRoute,
  createTagRoute,
  deleteTagRoute,
  listTagGroupsRoute,
  listTagsRoute,
  removeCustomerTagRoute,
  replaceCustomerTagsRoute,
  updateTagRoute,
} from './tags.contract.ts';
import { assertStaff, createTag, createTagGroup, deleteTag, listTagGroups, listTags, updateTag } from './tags.service.ts';

/** The tag catalogue (tag:write to change it) and the tags on a customer (customer:write). */
export const tagRoutes = createRouter()
  .openapi(listTagGroupsRoute, async function listTagGroupsHandler(c) {
    const scope = scopeOf(c);
    assertStaff(scope);
    return ok(c, { items: await listTagGroups(scope) }, undefined, 200);
  })
  .openapi(createTagGroupRoute, async function createTagGroupHandler(c) {
    return ok(c, await createTagGroup(scopeOf(c), c.req.valid('json')), { zh: '标签组已创建', en: 'Tag group created' }, 201);
  })
  .openapi(listTagsRoute, async function listTagsHandler(c) {
    const scope = scopeOf(c);
    assertStaff(scope);
    return ok(c, { items: await listTags(scope, c.req.valid('query')) }, undefined, 200);
  })
  .openapi(createTagRoute, async function createTagHandler(c) {
    return ok(c, await createTag(scopeOf(c), c.req.valid('json')), { zh: '标签已创建', en: 'Tag created' }, 201);
  })
  .openapi(updateTagRoute, async function updateTagHandler(c) {
    return ok(c, await updateTag(scopeOf(c), c.req.valid('param').id, c.req.valid('json')), { zh: '标签已更新', en: 'Tag updated' }, 200);
  })
  .openapi(deleteTagRoute, async function deleteTagHandler(c) {
    return ok(c, await deleteTag(scopeOf(c), c.req.valid('param').id), { zh: '标签已删除', en: 'Tag deleted' }, 200);
  })
  .openapi(replaceCustomerTagsRoute, async function replaceCustomerTagsHandler(c) {
    const result = await replaceCustomerTags(scopeOf(c), c.req.valid('param').id, c.req.valid('json').tag_ids);
    return ok(c, result, { zh: '客户标签已更新', en: 'Customer tags updated' }, 200);
  })
  .openapi(addCustomerTagRoute, async function addCustomerTagHandler(c) {
    const { id, tag_id: tagId } = c.req.valid('param');
    return ok(c, await addCustomerTag(scopeOf(c), id, tagId), { zh: '已添加标签', en: 'Tag added' }, 200);
  })
  .openapi(removeCustomerTagRoute, async function removeCustomerTagHandler(c) {
    const { id, tag_id: tagId } = c.req.valid('param');
    return ok(c, await removeCustomerTag(scopeOf(c), id, tagId), { zh: '已移除标签', en: 'Tag removed' }, 200);
  });
