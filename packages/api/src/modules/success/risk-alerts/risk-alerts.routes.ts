import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { acknowledgeRiskAlertRoute, closeRiskAlertRoute, getRiskAlertRoute, listRiskAlertsRoute } from './risk-alerts.contract.ts';
import { getRiskAlert, listRiskAlerts, stepRiskAlert } from './risk-alerts.service.ts';

/** REQ-016-010 risk alerts and their chain (trigger → SLA suggestion → notification → CSM task). */
export const riskAlertRoutes = createRouter()
  .openapi(listRiskAlertsRoute, async function listRiskAlertsHandler(c) {
    return ok(c, await listRiskAlerts(scopeOf(c), c.req.valid('query')), undefined, 200);
  })
  .openapi(getRiskAlertRoute, async function getRiskAlertHandler(c) {
    return ok(c, await getRiskAlert(scopeOf(c), c.req.valid('param').id), undefined, 200);
  })
  .openapi(acknowledgeRiskAlertRoute, async function acknowledgeRiskAlertHandler(c) {
    const body = c.req.valid('json') ?? {};
    return ok(c, await stepRiskAlert(scopeOf(c), c.req.valid('param').id, 'acknowledge', body.note, new Date()), { zh: '已受理风险预警', en: 'Risk alert acknowledged' }, 200);
  })
  .openapi(closeRiskAlertRoute, async function closeRiskAlertHandler(c) {
    const body = c.req.valid('json') ?? {};
    return ok(c, await stepRiskAlert(scopeOf(c), c.req.valid('param').id, 'close', body.note, new Date()), { zh: '风险预警已关闭', en: 'Risk alert closed' }, 200);
  });
