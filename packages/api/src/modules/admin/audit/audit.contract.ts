import { createRoute, z } from '@hono/zod-openapi';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** One audit entry as the API shows it. */
export const AuditEntryView = z
  .object({
    id: z.number().int(),
    occurred_at: z.string(),
    actor_type: z.string().openapi({ example: 'user', description: '`user` or `api_key`' }),
    actor_id: z.string().openapi({ example: '12', description: 'User id (JWT `sub`) or `apikey:<id>`' }),
    actor_name: z.string().nullable().openapi({ description: "The user's display name or the API key's name, when known" }),
    action: z.string().openapi({ example: 'customer.updated' }),
    entity_type: z.string().openapi({ example: 'customer' }),
    entity_id: z.string(),
    before: z.unknown().openapi({ description: 'The record before the change; contact channels only as ciphertext' }),
    after: z.unknown(),
    request_id: z.string().nullable(),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** A page of audit entries. */
export const AuditPage = pageOf(AuditEntryView, 'AuditEntry');

const instant = isoInstant;

/** Filters of the audit log. */
export const AuditQuery = z
  .strictObject({
    entity_type: z.string().trim().min(1).max(60).optional().openapi({ example: 'customer' }),
    entity_id: z.string().trim().min(1).max(60).optional(),
    actor_id: z.string().trim().min(1).max(100).optional(),
    action: z.string().trim().min(1).max(60).optional().openapi({ description: 'Exact action, or a prefix ending in `*` (`customer.*`)', example: 'customer.*' }),
    from: instant.optional().openapi({ description: 'Occurred at or after (ISO 8601)' }),
    to: instant.optional().openapi({ description: 'Occurred before (ISO 8601)' }),
    ...pageQuery,
  })
  .openapi('AuditQuery');
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The result of walking the hash chain. */
export const AuditVerification = z
  .object({
    valid: z.boolean(),
    checked: z.number().int().openapi({ description: 'Rows walked' }),
    broken_at: z.number().int().nullable().openapi({ description: 'Id of the first row whose hash does not match (edited, or a row before it deleted)' }),
  })
  .openapi('AuditVerification');

/** `GET /api/v1/audit-log` */
export const listAuditLogRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit-log',
  operationId: 'listAuditLog',
  ...permission('audit:read'),
  tags: ['audit'],
  summary: "The tenant's audit trail, newest first (admin, auditor)",
  description: 'Every write and every unmasked read of contact details, with actor, time, before and after. Contact channels appear only as ciphertext. Takes `audit:read`.',
  request: { query: AuditQuery },
  responses: { 200: jsonResponse(AuditPage, 'AuditEntryPage', 'A page of audit entries'), ...errorResponses },
});

/** `GET /api/v1/audit-log/verify` */
export const verifyAuditLogRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit-log/verify',
  operationId: 'verifyAuditLog',
  ...permission('audit:read'),
  tags: ['audit'],
  summary: "Walk the tenant's hash chain and report the first tampered row",
  description: 'Each row hashes its content with the previous row’s hash: an edited row, or a deleted one before it, breaks the chain at `broken_at`.',
  responses: { 200: jsonResponse(AuditVerification, 'AuditVerification', 'Whether the chain is intact'), ...errorResponses },
});
