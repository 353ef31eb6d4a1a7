import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { convertLead } from './lead-conversion.service.ts';
import { findLeadDuplicates } from './lead-duplicates.service.ts';
import { convertLeadRoute, createLeadRoute, getLeadRoute, leadDuplicatesRoute, listLeadsRoute, updateLeadRoute } from './leads.contract.ts';
import { createLead, findLead, listLeads, presentLead, updateLead } from './leads.service.ts';

/** Leads: capture with duplicate check, qualification, conversion into a customer and an opportunity. */
export const leadRoutes = createRouter()
  // Before /leads/{id}, which would otherwise take "duplicates" for an id.
  .openapi(leadDuplicatesRoute, async function leadDuplicatesHandler(c) {
    return ok(c, { items: await findLeadDuplicates(scopeOf(c), c.req.valid('query')) }, undefined, 200);
  })
  .openapi(createLeadRoute, async function createLeadHandler(c) {
    const scope = scopeOf(c);
    const { row, duplicates } = await createLead(scope, c.req.valid('json'), { rejectDuplicates: c.req.valid('query').reject_duplicates });
    c.header('ETag', etagOf('lead', row.id, row.version));
    return ok(c, { ...presentLead(scope, row), duplicates }, { zh: '线索已创建', en: 'Lead created' }, 201);
  })
  .openapi(listLeadsRoute, async function listLeadsHandler(c) {
    return ok(c, await listLeads(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getLeadRoute, async function getLeadHandler(c) {
    const scope = scopeOf(c);
    const row = await findLead(scope, c.req.valid('param').id);
    c.header('ETag', etagOf('lead', row.id, row.version));
    return ok(c, presentLead(scope, row), undefined, 200);
  })
  .openapi(updateLeadRoute, async function updateLeadHandler(c) {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const row = await updateLead(scope, id, expectedVersion(c, 'lead', id), c.req.valid('json'));
    c.header('ETag', etagOf('lead', row.id, row.version));
    return ok(c, presentLead(scope, row), { zh: '线索已更新', en: 'Lead updated' }, 200);
  })
  .openapi(convertLeadRoute, async function convertLeadHandler(c) {
    const result = await convertLead(scopeOf(c), c.req.valid('param').id, c.req.valid('json'));
    return ok(c, result, { zh: '线索已转化', en: 'Lead converted' }, 201);
  });
