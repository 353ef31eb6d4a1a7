import { ok } from '../../../platform/http/envelope.ts';
import { ApiError } from '../../../platform/errors.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { getSettingsRoute, updateSettingsRoute } from './settings.contract.ts';
import { getSettings, settingsEtag, updateSettings } from './settings.service.ts';

/** Tenant settings: admins only (`settings:write` guards reading too — this is the admin page's data). */
export const settingsRoutes = createRouter()
  .openapi(getSettingsRoute, async function getSettingsHandler(c) {
    const settings = await getSettings(scopeOf(c));
    c.header('ETag', settingsEtag(settings));
    return ok(c, settings, undefined, 200);
  })
  .openapi(updateSettingsRoute, async function updateSettingsHandler(c) {
    const ifMatch = c.req.header('If-Match');
    if (!ifMatch) throw new ApiError('precondition.required');
    const settings = await updateSettings(scopeOf(c), ifMatch, c.req.valid('json'));
    c.header('ETag', settingsEtag(settings));
    return ok(c, settings, { zh: '设置已更新', en: 'Settings updated' }, 200);
  });
