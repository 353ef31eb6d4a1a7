import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../../platform/http/envelope.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

/** What a customer's timeline merges; the order is also the tie-break between equal instants. */
export const TIMELINE_TYPES = ['communication', 'complaint', 'contract_event', 'service_record'] as const;
/** One of `TIMELINE_TYPES`. */
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** A rating at or below this (of 5) is a low rating the timeline highlights. */
export const LOW_RATING_MAX = 2;

/** The longest summary an entry carries; the full text stays with the owning module. */
export const SUMMARY_MAX = 200;

export const TimelineMarks = z
  .object({
    response_breached: z.boolean().nullable().optional().openapi({ description: 'Service records: first response after the SLA deadline; null while pending' }),
    resolution_breached: z.boolean().nullable().optional().openapi({ description: 'Service records: resolved after the SLA deadline; null while pending' }),
    satisfaction_rating: z.number().int().min(1).max(5).nullable().optional().openapi({ description: "The customer's rating, 1–5" }),
    low_rating: z.boolean().optional().openapi({ description: `Rated ${LOW_RATING_MAX} or lower` }),
    severity: z.string().optional().openapi({ description: 'Complaints: the classified severity (staff only)' }),
    priority: z.string().optional().openapi({ description: 'P1–P4' }),
  })
  .openapi('TimelineMarks');
export type TimelineMarks = z.infer<typeof TimelineMarks>;

export const TimelineDetail = z
  .object({
    kind: z.string().optional().openapi({ description: 'Communications: call, meeting, email or im' }),
    channel: z.string().nullable().optional().openapi({ description: 'Communications: wecom, dingtalk, phone…; service records: how the ticket came in' }),
    direction: z.string().nullable().optional(),
    ticket_no: z.string().nullable().optional(),
    priority: z.string().optional(),
    category: z.string().nullable().optional(),
    complaint_no: z.string().optional(),
    contract_id: z.number().int().optional(),
    contract_no: z.string().optional(),
    event: z.string().optional().openapi({ description: 'Contract events: submit, approve, renew, terminate, amend…' }),
    from_state: z.string().optional(),
    to_state: z.string().optional(),
  })
  .openapi('TimelineEntryDetail');
export type TimelineDetail = z.infer<typeof TimelineDetail>;

export const TimelineEntry = z
  .object({
    type: z.enum(TIMELINE_TYPES),
    id: z.number().int().openapi({ description: "The id in the owning module (service record, communication, complaint or contract transition)" }),
    at: z.string().openapi({ example: '2026-03-02T10:00:00+08:00', description: 'When it happened, ISO 8601 in business time (+08:00)' }),
    title: z.string(),
    summary: z.string().max(SUMMARY_MAX),
    status: z.string().optional(),
    marks: TimelineMarks,
    detail: TimelineDetail,
  })
  .openapi('TimelineEntry');
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelinePage = z
  .object({
    items: z.array(TimelineEntry),
    next_cursor: z.string().nullable(),
    types: z.array(z.enum(TIMELINE_TYPES)).openapi({ description: 'The types this page merges: those asked for that the caller may see' }),
  })
  .openapi('TimelinePage');
export type TimelinePage = z.infer<typeof TimelinePage>;

export const TimelineQuery = z.object({
  types: z.string().max(200).optional().openapi({ description: `Comma list of ${TIMELINE_TYPES.join(', ')}; all by default`, example: 'service_record,complaint' }),
  from: z.string().max(40).optional().openapi({ description: 'From this ISO instant, or from the start of this date (Beijing), inclusive', example: '2026-01-01' }),
  to: z.string().max(40).optional().openapi({ description: 'Before this ISO instant, or up to the end of this date (Beijing)', example: '2026-03-31' }),
  breached: z.enum(['true', 'false']).optional().openapi({ description: 'true: only service records whose response or resolution breached the SLA' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Words in titles and subjects' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  cursor: z.string().max(500).optional().openapi({ description: 'Opaque cursor from `next_cursor`' }),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const customerTimelineRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/timeline',
  operationId: 'getCustomerTimeline',
  ...permission('customer:read'),
  tags: ['timeline'],
  summary: "One timeline of a customer's service records, communications, complaints and contract events",
  description:
    'Newest first, ordered by (at desc, type, id desc) and keyset-paginated across all sources (`next_cursor`). ' +
    'Service records and contract events need `customer:read`; communications `communication:read`; complaints ' +
    '`complaint:read`. Portal users see their own service records, their complaints and the contract events that ' +
    'change what is in force — never communications. Types the caller may not see are left out (see `types`). ' +
    '404 for a customer the caller may not see; 422 for unknown types, a period ending before it starts, or a bad cursor.',
  request: { params: IdParam, query: TimelineQuery },
  responses: { 200: jsonResponse(TimelinePage, 'TimelinePage', 'A page of the timeline'), ...errorResponses },
});
