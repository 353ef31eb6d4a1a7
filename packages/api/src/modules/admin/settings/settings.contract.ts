import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { ifMatchHeader } from '../../../platform/http/headers.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** What 客户经理 and sales may see: every customer, or those assigned to them. */
export const MANAGER_DATA_SCOPES = ['all', 'assigned'] as const;

/** A tenant's settings as the API shows them. */
export const TenantSettingsView = z
  .object({
    tenant_id: z.number().int(),
    tenant_code: z.string(),
    tenant_name: z.string(),
    manager_data_scope: z.enum(MANAGER_DATA_SCOPES).openapi({
      description: '`all`: 客户经理 and sales see every customer of the tenant; `assigned`: only customers assigned to them',
    }),
    renewal_reminder_offsets: z.array(z.number().int()).openapi({ description: 'Days before a contract ends at which a renewal reminder fires (in-app notification and `contract.renewal_reminder` event), largest first' }),
  })
  .openapi('TenantSettings');
export type TenantSettingsView = z.infer<typeof TenantSettingsView>;

/** A partial change of settings (at least one). */
export const TenantSettingsUpdate = z
  .strictObject({
    manager_data_scope: z.enum(MANAGER_DATA_SCOPES).optional(),
    renewal_reminder_offsets: z
      .array(z.number().int().min(1).max(366))
      .min(1)
      .max(10)
      .refine((offsets) => new Set(offsets).size === offsets.length, { message: 'offsets must not repeat' })
      .optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'at least one setting' })
  .openapi('TenantSettingsUpdate');
export type TenantSettingsUpdate = z.infer<typeof TenantSettingsUpdate>;

const etagHeader = { ETag: { description: 'Settings version, for If-Match', schema: { type: 'string' as const } } };

/** `GET /api/v1/settings` */
export const getSettingsRoute = createRoute({
  method: 'get',
  path: '/api/v1/settings',
  operationId: 'getTenantSettings',
  ...permission('settings:write'),
  tags: ['settings'],
  summary: "The tenant's settings (admin)",
  description: 'Takes `settings:write`. The ETag is what PATCH expects in If-Match.',
  responses: { 200: { ...jsonResponse(TenantSettingsView, 'TenantSettings', 'The settings'), headers: etagHeader }, ...errorResponses },
});

/** `PATCH /api/v1/settings` */
export const updateSettingsRoute = createRoute({
  method: 'patch',
  path: '/api/v1/settings',
  operationId: 'updateTenantSettings',
  ...permission('settings:write'),
  tags: ['settings'],
  summary: "Change the tenant's settings (admin, If-Match required, audited)",
  description: '`manager_data_scope` takes effect on the next request of every user of the tenant.',
  request: { headers: ifMatchHeader, body: { required: true, content: { 'application/json': { schema: TenantSettingsUpdate } } } },
  responses: { 200: { ...jsonResponse(TenantSettingsView, 'TenantSettings', 'The updated settings'), headers: etagHeader }, ...writeErrorResponses },
});
