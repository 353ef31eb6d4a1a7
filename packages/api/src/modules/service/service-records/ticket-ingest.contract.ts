import { createRoute, z } from '@hono/zod-openapi';
import { isoInstant } from '../../../platform/time/iso-time.ts';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { PRIORITIES } from './service-records.schema.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const instant = isoInstant;

/** How the ticket names its customer: exactly one of id, code, or a contact's e-mail or phone (blind index). */
export const TicketCustomerRef = z
  .strictObject({
    id: z.number().int().positive().optional(),
    code: z.string().trim().min(1).max(50).optional(),
    contact_email: z.string().trim().email().max(200).optional(),
    contact_phone: z.string().trim().min(5).max(30).optional(),
  })
  .refine((ref) => Object.values(ref).filter((v) => v !== undefined).length === 1, { message: 'give exactly one of id, code, contact_email, contact_phone' })
  .openapi('TicketCustomerRef');

/** A ticket of the ticket module (REQ-003) as it pushes it. */
export const TicketFields = z.strictObject({
  customer: TicketCustomerRef,
  ticket_no: z.string().trim().min(1).max(64).optional(),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).nullish(),
  category: z.string().trim().max(64).nullish(),
  priority: z.enum(PRIORITIES),
  channel: z.string().trim().max(32).nullish(),
  status: z.string().trim().min(1).max(32),
  opened_at: instant,
  first_response_at: instant.nullish(),
  resolved_at: instant.nullish(),
  closed_at: instant.nullish(),
  assignee: z.string().trim().max(100).nullish(),
  satisfaction_rating: z.number().int().min(1).max(5).nullish(),
  satisfaction_comment: z.string().max(2_000).nullish(),
});

export const TicketUpsert = TicketFields.superRefine((ticket, issue) => {
  const opened = Date.parse(ticket.opened_at);
  for (const field of ['first_response_at', 'resolved_at', 'closed_at'] as const) {
    const value = ticket[field];
    if (value && Date.parse(value) < opened) issue.addIssue({ code: 'custom', path: [field], message: `${field} must not be before opened_at` });
  }
  if (ticket.closed_at && ticket.resolved_at && Date.parse(ticket.closed_at) < Date.parse(ticket.resolved_at)) {
    issue.addIssue({ code: 'custom', path: ['closed_at'], message: 'closed_at must not be before resolved_at' });
  }
}).openapi('TicketUpsert');
export type TicketUpsert = z.infer<typeof TicketUpsert>;

export const ServiceRecord = z
  .object({
    id: z.number().int(),
    source: z.string(),
    external_id: z.string(),
    customer_id: z.number().int(),
    ticket_no: z.string().nullable(),
    title: z.string(),
    category: z.string().nullable(),
    priority: z.enum(PRIORITIES),
    channel: z.string().nullable(),
    status: z.string(),
    opened_at: z.string(),
    first_response_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    assignee: z.string().nullable(),
    satisfaction_rating: z.number().int().nullable(),
    sla_version_id: z.number().int().nullable(),
    response_due_at: z.string().nullable(),
    resolution_due_at: z.string().nullable(),
    response_breached: z.boolean().nullable(),
    resolution_breached: z.boolean().nullable(),
  })
  .openapi('ServiceRecord');
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const UpsertOutcome = z.enum(['created', 'updated', 'unchanged']);
export const TicketUpsertResult = z.object({ outcome: UpsertOutcome, record: ServiceRecord }).openapi('TicketUpsertResult');

export const MAX_BATCH = 1_000;
export const TicketBatch = z
  .strictObject({
    source: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/),
    items: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(MAX_BATCH)
      .openapi({ description: 'Tickets as in the PUT body, each with its `external_id`; checked one by one' }),
  })
  .openapi('TicketBatch');

export const TicketBatchResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
    results: z.array(
      z.object({
        index: z.number().int(),
        external_id: z.string().nullable(),
        outcome: z.enum(['created', 'updated', 'unchanged', 'failed']),
        record_id: z.number().int().nullable(),
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
      }),
    ),
  })
  .openapi('TicketBatchResult');

export const SourceParams = z.object({
  source: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, - and _').openapi({ param: { name: 'source', in: 'path' }, example: 'itsm' }),
  external_id: z.string().min(1).max(100).openapi({ param: { name: 'external_id', in: 'path' }, example: 'INC-2026-000123' }),
});

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const tags = ['integrations'];

export const upsertTicketRoute = createRoute({
  method: 'put',
  path: '/api/v1/integrations/tickets/{source}/{external_id}',
  operationId: 'upsertTicket',
  ...permission('integration:write'),
  tags,
  summary: 'Create or update a service record from the ticket module (idempotent)',
  description:
    'REQ-016-003 / REQ-003. Keyed by the source system and its ticket id: the same call twice changes nothing the second time (`outcome: unchanged`). The customer is found by id, code, or a contact\'s e-mail or phone (blind index); an unknown one answers 422 `ticket.customer_unknown`, an ambiguous contact 409 `ticket.customer_ambiguous`. SLA deadlines come from the SLA in force when the ticket opened, measured in business time; breaches are stored. A rating of 2 or less announces `service_record.low_rating`. Needs `integration:write` (an API key scope).',
  request: { params: SourceParams, body: json(TicketUpsert) },
  responses: { 200: jsonResponse(TicketUpsertResult, 'TicketUpsertResult', 'The stored record'), ...writeErrorResponses },
});

export const batchTicketsRoute = createRoute({
  method: 'post',
  path: '/api/v1/integrations/tickets/batch',
  operationId: 'upsertTicketBatch',
  ...permission('integration:write'),
  tags,
  summary: 'Create or update up to 1,000 service records, a result per item',
  description: 'Each item is a ticket with its `external_id`, upserted as by the PUT endpoint in its own savepoint: good items land, each bad one is reported with its error and leaves nothing behind.',
  request: { body: json(TicketBatch) },
  responses: { 200: jsonResponse(TicketBatchResult, 'TicketBatchResult', 'One result per item'), ...errorResponses },
});
