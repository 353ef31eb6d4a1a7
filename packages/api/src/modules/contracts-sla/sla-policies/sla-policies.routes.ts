import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import {
  createSlaTierRoute,
  createSlaVersionRoute,
  getSlaVersionRoute,
  listSlaTiersRoute,
  publishSlaVersionRoute,
  retireSlaVersionRoute,
  updateSlaVersionRoute,
} from './sla-policies.contract.ts';
import { createSlaTier, createSlaVersion, getSlaVersion, listSlaTiers, publishSlaVersion, retireSlaVersion, updateSlaVersion } from './sla-policies.service.ts';

/** REQ-016-009 SLA catalogue: tiers, drafts, publishing and retiring versions. */
export const slaPolicyRoutes = createRouter()
  .openapi(listSlaTiersRoute, async function listSlaTiersHandler(c) {
    return ok(c, await listSlaTiers(scopeOf(c)), undefined, 200);
  })
  .openapi(createSlaTierRoute, async function createSlaTierHandler(c) {
    return ok(c, await createSlaTier(scopeOf(c), c.req.valid('json')), { zh: 'SLA 等级已创建', en: 'SLA tier created' }, 201);
  })
  .openapi(createSlaVersionRoute, async function createSlaVersionHandler(c) {
    return ok(c, await createSlaVersion(scopeOf(c), c.req.valid('param').id, c.req.valid('json')), { zh: 'SLA 版本草稿已创建', en: 'SLA version drafted' }, 201);
  })
  .openapi(getSlaVersionRoute, async function getSlaVersionHandler(c) {
    return ok(c, await getSlaVersion(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(updateSlaVersionRoute, async function updateSlaVersionHandler(c) {
    return ok(c, await updateSlaVersion(scopeOf(c), c.req.valid('param').id, c.req.valid('json')), { zh: 'SLA 版本草稿已更新', en: 'SLA draft updated' }, 200);
  })
  .openapi(publishSlaVersionRoute, async function publishSlaVersionHandler(c) {
    return ok(c, await publishSlaVersion(scopeOf(c), c.req.valid('param').id), { zh: 'SLA 版本已发布', en: 'SLA version published' }, 200);
  })
  .openapi(retireSlaVersionRoute, async function retireSlaVersionHandler(c) {
    return ok(c, await retireSlaVersion(scopeOf(c), c.req.valid('param').id), { zh: 'SLA 版本已停用', en: 'SLA version retired' }, 200);
  });
