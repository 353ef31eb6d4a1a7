import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/app-env.ts';
import { ok } from '../../../platform/http/envelope.ts';
import { etagOf, expectedVersion } from '../../../platform/http/etag.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import {
  addBusinessTimeRoute,
  businessTimeBetweenRoute,
  getWorkingCalendarRoute,
  putWorkingCalendarYearRoute,
  replaceWorkingCalendarRoute,
  type WorkingCalendarView,
} from './working-calendar.contract.ts';
import { getCalendar, putYear, replaceOverride, serviceDeadline, serviceMinutes } from './working-calendar.service.ts';

const ENTITY = 'working-calendar';

const setEtag = (c: Context<AppEnv>, view: WorkingCalendarView) => c.header('ETag', etagOf(ENTITY, c.var.principal.tenantId, view.version));

/** If-Match is optional: the compare-and-set on the row version already refuses a lost race. */
const ifMatchVersion = (c: Context<AppEnv>) => (c.req.header('If-Match') ? expectedVersion(c, ENTITY, c.var.principal.tenantId) : null);

const UPDATED = { zh: '工作日历已更新', en: 'Working calendar updated' };

/**
 * REQ-016-009 working calendar: every staff member reads it (and checks SLA arithmetic against it); only
 * admins (`settings:write`) change it.
 */
export const workingCalendarRoutes = createRouter()
  .openapi(getWorkingCalendarRoute, async function getWorkingCalendarHandler(c) {
    const view = await getCalendar(scopeOf(c));
    setEtag(c, view);
    return ok(c, view, undefined, 200);
  })
  .openapi(replaceWorkingCalendarRoute, async function replaceWorkingCalendarHandler(c) {
    const view = await replaceOverride(scopeOf(c), c.req.valid('json'), ifMatchVersion(c));
    setEtag(c, view);
    return ok(c, view, UPDATED, 200);
  })
  .openapi(putWorkingCalendarYearRoute, async function putWorkingCalendarYearHandler(c) {
    const view = await putYear(scopeOf(c), c.req.valid('param').year, c.req.valid('json'), ifMatchVersion(c));
    setEtag(c, view);
    return ok(c, view, UPDATED, 200);
  })
  .openapi(addBusinessTimeRoute, async function addBusinessTimeHandler(c) {
    const { from, minutes, hours } = c.req.valid('query');
    const deadline = await serviceDeadline(scopeOf(c), from, minutes, hours);
    return ok(c, { from, minutes, hours, deadline }, undefined, 200);
  })
  .openapi(businessTimeBetweenRoute, async function businessTimeBetweenHandler(c) {
    const { from, to, hours } = c.req.valid('query');
    return ok(c, { from, to, hours, minutes: await serviceMinutes(scopeOf(c), from, to, hours) }, undefined, 200);
  });
