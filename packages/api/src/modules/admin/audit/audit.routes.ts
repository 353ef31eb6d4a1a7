import { verifyAuditChain } from '../../../platform/audit.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { listAuditLogRoute, verifyAuditLogRoute } from './audit.contract.ts';
import { listAuditEntries } from './audit.service.ts';

/** Reading the audit trail takes `audit:read` (admins and auditors). */
export const auditRoutes = createRouter()
  .openapi(listAuditLogRoute, async function listAuditLogHandler(c) {
    return ok(c, await listAuditEntries(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(verifyAuditLogRoute, async function verifyAuditLogHandler(c) {
    const { tx, tenantId } = scopeOf(c);
    return ok(c, await verifyAuditChain(tx, tenantId), undefined, 200);
  });
