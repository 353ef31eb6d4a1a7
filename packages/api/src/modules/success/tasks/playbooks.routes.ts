import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { createPlaybookRoute, listPlaybooksRoute, runPlaybookRoute } from './playbooks.contract.ts';
import { createPlaybook, listPlaybooks, runPlaybook } from './playbooks.service.ts';

/** Playbooks: task templates a CSM runs for a customer (risk mitigation, renewal, onboarding, …). */
export const playbookRoutes = createRouter()
  .openapi(listPlaybooksRoute, async function listPlaybooksHandler(c) {
    return ok(c, await listPlaybooks(scopeOf(c)), undefined, 200);
  })
  .openapi(createPlaybookRoute, async function createPlaybookHandler(c) {
    return ok(c, await createPlaybook(scopeOf(c), c.req.valid('json')), { zh: '剧本已创建', en: 'Playbook created' }, 201);
  })
  .openapi(runPlaybookRoute, async function runPlaybookHandler(c) {
    const result = await runPlaybook(scopeOf(c), c.req.valid('param').code, c.req.valid('json'));
    if (result.created === 0) return ok(c, result, { zh: '剧本此前已执行', en: 'Playbook already run' }, 200);
    return ok(c, result, { zh: '剧本已执行', en: 'Playbook run' }, 201);
  });
