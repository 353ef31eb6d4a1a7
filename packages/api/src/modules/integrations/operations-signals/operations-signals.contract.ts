import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IntegrationCustomerRef } from '../finance/finance.public.ts';
import { SourceParams, UpsertOutcome } from '../../service/service-records/service-records.public.ts';
import { OPS_SIGNAL_KINDS } from './operations-signals.schema.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

export const INCIDENT_SEVERITIES = ['critical', 'major', 'minor'] as const;

/** An incident of operations monitoring affecting the customer. */
export const IncidentSignalUpsert = z
  .strictObject({
    customer: IntegrationCustomerRef,
    kind: z.literal('incident'),
    severity: z.enum(INCIDENT_SEVERITIES),
    title: z.string().trim().min(1).max(300),
    description: z.string().max(20_000).nullish(),
    started_at: isoInstant,
    ended_at: isoInstant.nullish(),
  })
  .openapi('IncidentSignalUpsert');

/** Availability measured for the customer over a period of business days. */
export const AvailabilitySignalUpsert = z
  .strictObject({
    customer: IntegrationCustomerRef,
    kind: z.literal('availability'),
    period_start: isoDate,
    period_end: isoDate,
    availability_pct: z.number().min(0).max(100).openapi({ example: 99.95 }),
  })
  .openapi('AvailabilitySignalUpsert');

export const OpsSignalUpsert = z.discriminatedUnion('kind', [IncidentSignalUpsert, AvailabilitySignalUpsert]).openapi('OpsSignalUpsert');
export type OpsSignalUpsert = z.infer<typeof OpsSignalUpsert>;

export const OpsSignal = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    source: z.string(),
    external_id: z.string(),
    kind: z.enum(OPS_SIGNAL_KINDS),
    severity: z.enum(INCIDENT_SEVERITIES).nullable(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    started_at: z.string().nullable().openapi({ description: 'Local time (+08:00) of an incident\'s start' }),
    ended_at: z.string().nullable(),
    period_start: z.string().nullable(),
    period_end: z.string().nullable(),
    availability_pct: z.number().nullable(),
  })
  .openapi('OpsSignal');
export type OpsSignal = z.infer<typeof OpsSignal>;

export const OpsSignalUpsertResult = z.object({ outcome: UpsertOutcome, signal: OpsSignal }).openapi('OpsSignalUpsertResult');

export const OpsSignalListQuery = z.strictObject({
  kind: z.enum(OPS_SIGNAL_KINDS).optional(),
  from: isoDate.optional().openapi({ description: 'Incidents started on or after this business day; periods ending on or after it' }),
  to: isoDate.optional().openapi({ description: 'Incidents started on or before this business day; periods starting on or before it' }),
  ...pageQuery,
});
export type OpsSignalListQuery = z.infer<typeof OpsSignalListQuery>;

export const upsertOpsSignalRoute = createRoute({
  method: 'put',
  path: '/api/v1/integrations/ops-signals/{source}/{external_id}',
  operationId: 'upsertOpsSignal',
  ...permission('integration:write'),
  tags: ['integrations', 'operations-signals'],
  summary: 'Create or update an operations signal (incident or availability) from monitoring (idempotent)',
  description:
    'REQ-013. Keyed by the source system and its id; the same call twice answers `outcome: unchanged`. `kind` selects the shape: an incident (severity, title, start, optional end) or availability over a period. An end before its start → 422 `ops_signal.period_invalid`; an unknown customer → 422 `integration.customer_unknown`. Announces `ops_signal.upserted`. Needs `integration:write`.',
  request: { params: SourceParams, body: { required: true, content: { 'application/json': { schema: OpsSignalUpsert } } } },
  responses: { 200: jsonResponse(OpsSignalUpsertResult, 'OpsSignalUpsertResult', 'The stored signal'), ...writeErrorResponses },
});

export const listOpsSignalsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/ops-signals',
  operationId: 'listCustomerOpsSignals',
  ...permission('customer:read', 'analysis:read'),
  tags: ['operations-signals'],
  summary: 'A customer\'s incidents and availability periods, newest first',
  description: 'Staff with `customer:read` and `analysis:read`. Keyset pages ordered by incident start or period start.',
  request: { params: IdParam, query: OpsSignalListQuery },
  responses: { 200: jsonResponse(pageOf(OpsSignal, 'OpsSignal'), 'OpsSignalPage', 'A page of signals'), ...errorResponses },
});
