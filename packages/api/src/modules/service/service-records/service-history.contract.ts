import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { PRIORITIES } from './service-records.schema.ts';
import { ServiceRecord } from './ticket-ingest.contract.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** Filters of a customer's service history; `from`/`to` are Beijing dates of the opening time, both inclusive. */
export const ServiceHistoryFilters = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.string().trim().max(32).optional(),
  priority: z.enum(PRIORITIES).optional(),
  category: z.string().trim().max(64).optional(),
  breached: z.enum(['true', 'false']).optional().openapi({ description: 'true: response or resolution breached' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Words in the title or description (Chinese included)' }),
});
export type ServiceHistoryFilters = z.infer<typeof ServiceHistoryFilters>;

export const ServiceStatistics = z
  .object({
    total: z.number().int(),
    resolved: z.number().int(),
    open: z.number().int(),
    breached: z.number().int(),
    average_resolution_minutes: z.number().nullable().openapi({ description: 'Wall-clock minutes from opening to resolution, resolved records only' }),
    satisfaction_average: z.number().nullable(),
    satisfaction_count: z.number().int(),
    by_priority: z.record(z.string(), z.number().int()),
  })
  .openapi('ServiceStatistics');
export type ServiceStatistics = z.infer<typeof ServiceStatistics>;

export const serviceHistoryRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/service-records',
  operationId: 'listServiceRecords',
  ...permission('customer:read'),
  tags: ['service-history'],
  summary: "A customer's service history, newest first",
  description: 'REQ-016-003. Filters by period, status, priority, category and breach; `q` searches title and description. Keyset-paginated (`next_cursor`). 404 for a customer the caller may not see.',
  request: { params: IdParam, query: ServiceHistoryFilters.extend(pageQuery) },
  responses: { 200: jsonResponse(pageOf(ServiceRecord, 'ServiceRecord'), 'ServiceRecordPage', 'A page of records'), ...errorResponses },
});

export const serviceStatisticsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/service-statistics',
  operationId: 'getServiceStatistics',
  ...permission('customer:read'),
  tags: ['service-history'],
  summary: "Totals of a customer's service history",
  description: 'Over the same filters as the history: totals, resolved and open, breaches, average resolution time and satisfaction. The analysis endpoint reads the same figures.',
  request: { params: IdParam, query: ServiceHistoryFilters },
  responses: { 200: jsonResponse(ServiceStatistics, 'ServiceStatistics', 'The totals'), ...errorResponses },
});
