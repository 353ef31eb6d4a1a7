import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { ApiError } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/events.ts';
import { formatLocalDateTime } from '../../platform/local-time.ts';
import type { RequestScope } from '../../platform/request-context.ts';
import { customerIdsByContactChannel } from '../contacts/contacts.service.ts';
import { customers } from '../customers/customers.schema.ts';
import { visibleCustomers } from '../customers/customer-visibility.ts';
import { serviceRecordKeys, serviceRecords, type ServiceRecordRow } from '../service-records/service-records.schema.ts';
import { measureRecord, type TargetOutcome } from '../sla-attainment/sla-attainment.ts';
import { effectiveSla } from '../sla-bindings/effective-sla.service.ts';
import { SERVICE_HOURS_7X24, type ServiceHours } from '../working-calendar/business-time.ts';
import { tenantWorkingCalendar } from '../working-calendar/working-calendar.service.ts';
import { TicketUpsert, type ServiceRecord } from './ticket-ingest.contract.ts';

/** A rating at or below this announces `service_record.low_rating` (customer success picks it up). */
export const LOW_RATING = 2;

const local = (date: Date | null) => (date ? formatLocalDateTime(date) : null);

export const toServiceRecord = (row: ServiceRecordRow): ServiceRecord => ({
  id: row.id,
  source: row.source,
  external_id: row.external_id,
  customer_id: row.customer_id,
  ticket_no: row.ticket_no,
  title: row.title,
  category: row.category,
  priority: row.priority,
  channel: row.channel,
  status: row.status,
  opened_at: formatLocalDateTime(row.opened_at),
  first_response_at: local(row.first_response_at),
  resolved_at: local(row.resolved_at),
  closed_at: local(row.closed_at),
  assignee: row.assignee,
  satisfaction_rating: row.satisfaction_rating,
  sla_version_id: row.sla_version_id,
  response_due_at: local(row.response_due_at),
  resolution_due_at: local(row.resolution_due_at),
  response_breached: row.response_breached,
  resolution_breached: row.resolution_breached,
});

/** The customer a ticket names: by id, code, or a contact's e-mail or phone; unknown 422, ambiguous 409. */
async function resolveCustomer(scope: RequestScope, ref: TicketUpsert['customer']): Promise<number> {
  if (ref.id !== undefined || ref.code !== undefined) {
    const [row] = await scope.tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(visibleCustomers(scope), ref.id !== undefined ? eq(customers.id, ref.id) : eq(customers.customer_code, ref.code!)));
    if (!row) throw new ApiError('ticket.customer_unknown', { customer: ref });
    return row.id;
  }
  const ids = await customerIdsByContactChannel(scope, (ref.contact_email ?? ref.contact_phone)!);
  if (ids.length === 0) throw new ApiError('ticket.customer_unknown', { customer: ref });
  if (ids.length > 1) throw new ApiError('ticket.customer_ambiguous', { customer_ids: ids });
  return ids[0]!;
}

const breached = (outcome: TargetOutcome): boolean | null => (outcome === 'pending' ? null : outcome === 'breached');
const at = (value: string | null | undefined) => (value ? new Date(value) : null);

/** The columns the source system decides; two calls with the same ones change nothing. */
function sourceColumns(input: TicketUpsert, customerId: number) {
  return {
    customer_id: customerId,
    ticket_no: input.ticket_no ?? null,
    title: input.title,
    description: input.description ?? null,
    category: input.category ?? null,
    priority: input.priority,
    channel: input.channel ?? null,
    status: input.status,
    opened_at: new Date(input.opened_at),
    first_response_at: at(input.first_response_at),
    resolved_at: at(input.resolved_at),
    closed_at: at(input.closed_at),
    assignee: input.assignee ?? null,
    satisfaction_rating: input.satisfaction_rating ?? null,
    satisfaction_comment: input.satisfaction_comment ?? null,
  };
}

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/**
 * Creates or updates the service record of a ticket, keyed by source and external id. The key is locked
 * for the transaction, so concurrent pushes of one ticket apply one after the other; the same push twice
 * answers `unchanged` and writes nothing.
 * @example await upsertTicket(scope, 'itsm', 'INC-1', ticket, new Date()) // { outcome: 'created', record }
 */
export async function upsertTicket(scope: RequestScope, source: string, externalId: string, input: TicketUpsert, now: Date): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; record: ServiceRecord }> {
  const customerId = await resolveCustomer(scope, input.customer);
  const columns = sourceColumns(input, customerId);
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm.ticket.${source}.${externalId}`}), ${scope.tenantId}::int)`);
  const [key] = await scope.tx
    .select()
    .from(serviceRecordKeys)
    .where(and(eq(serviceRecordKeys.tenant_id, scope.tenantId), eq(serviceRecordKeys.source, source), eq(serviceRecordKeys.external_id, externalId)));
  const [existing] = key
    ? await scope.tx
        .select()
        .from(serviceRecords)
        .where(and(eq(serviceRecords.tenant_id, scope.tenantId), eq(serviceRecords.id, key.record_id), eq(serviceRecords.opened_at, key.opened_at)))
    : [];
  if (existing && (Object.keys(columns) as (keyof typeof columns)[]).every((field) => sameValue(existing[field], columns[field]))) {
    return { outcome: 'unchanged', record: toServiceRecord(existing) };
  }

  // SLA targets come from the SLA in force when the ticket opened, measured in business time.
  const sla = (await effectiveSla(scope, customerId, columns.opened_at)).sla;
  const hours: ServiceHours = sla.service_hours === '5x8' ? { kind: '5x8', calendar: await tenantWorkingCalendar(scope) } : SERVICE_HOURS_7X24;
  const measure = measureRecord({ id: 0, ...columns }, { targets: sla.targets, hours }, now);
  const values = {
    ...columns,
    sla_version_id: sla.id,
    response_due_at: measure.response_due,
    resolution_due_at: measure.resolution_due,
    response_breached: breached(measure.response),
    resolution_breached: breached(measure.resolution),
    updated_at: now,
  };

  let row: ServiceRecordRow;
  if (existing) {
    // A changed opening time moves the row to another month's partition (Postgres moves it on update).
    [row] = (await scope.tx
      .update(serviceRecords)
      .set(values)
      .where(and(eq(serviceRecords.tenant_id, scope.tenantId), eq(serviceRecords.id, existing.id), eq(serviceRecords.opened_at, existing.opened_at)))
      .returning()) as [ServiceRecordRow];
    if (existing.opened_at.getTime() !== row.opened_at.getTime()) {
      await scope.tx
        .update(serviceRecordKeys)
        .set({ opened_at: row.opened_at })
        .where(and(eq(serviceRecordKeys.tenant_id, scope.tenantId), eq(serviceRecordKeys.source, source), eq(serviceRecordKeys.external_id, externalId)));
    }
  } else {
    [row] = (await scope.tx.insert(serviceRecords).values({ tenant_id: scope.tenantId, source, external_id: externalId, ...values }).returning()) as [ServiceRecordRow];
    await scope.tx.insert(serviceRecordKeys).values({ tenant_id: scope.tenantId, source, external_id: externalId, record_id: row.id, opened_at: row.opened_at });
  }
  const record = toServiceRecord(row);
  const outcome = existing ? 'updated' : 'created';
  await audit(scope, { action: `service_record.${outcome}`, entity_type: 'service_record', entity_id: row.id, before: existing ? toServiceRecord(existing) : undefined, after: record });
  await emitEvent(scope, { type: `service_record.${outcome}`, entity_type: 'service_record', entity_id: row.id, payload: { customer_id: customerId, source, external_id: externalId, priority: row.priority, status: row.status } });
  const rating = row.satisfaction_rating;
  if (rating !== null && rating <= LOW_RATING && rating !== existing?.satisfaction_rating) {
    await emitEvent(scope, {
      type: 'service_record.low_rating',
      entity_type: 'service_record',
      entity_id: row.id,
      payload: { customer_id: customerId, rating, comment: row.satisfaction_comment, ticket_no: row.ticket_no, source, external_id: externalId },
    });
  }
  return { outcome, record };
}

/** One item of a batch as it ended. */
export type BatchItemResult = {
  index: number;
  external_id: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'failed';
  record_id: number | null;
  error: { code: string; message: string; details?: unknown } | null;
};

/**
 * Upserts up to 1,000 tickets of one source, each in its own savepoint: a bad item is reported and leaves
 * nothing behind, the good ones land.
 * @example await upsertTicketBatch(scope, 'itsm', [{ external_id: 'INC-1', … }], new Date());
 */
export async function upsertTicketBatch(scope: RequestScope, source: string, items: readonly Record<string, unknown>[], now: Date) {
  const results: BatchItemResult[] = [];
  for (const [index, item] of items.entries()) {
    const { external_id: rawId, ...fields } = item;
    const externalId = typeof rawId === 'string' && rawId.length >= 1 && rawId.length <= 100 ? rawId : null;
    const parsed = TicketUpsert.safeParse(fields);
    if (!externalId || !parsed.success) {
      const issues = [
        ...(externalId ? [] : [{ path: 'external_id', message: 'must be a string of 1–100 characters' }]),
        ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
      ];
      results.push({ index, external_id: externalId, outcome: 'failed', record_id: null, error: { code: 'request.invalid', message: 'The item is invalid', details: { issues } } });
      continue;
    }
    try {
      const done = await scope.tx.transaction((savepoint) => upsertTicket({ ...scope, tx: savepoint as unknown as RequestScope['tx'] }, source, externalId, parsed.data, now));
      results.push({ index, external_id: externalId, outcome: done.outcome, record_id: done.record.id, error: null });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({ index, external_id: externalId, outcome: 'failed', record_id: null, error: { code: error.code, message: error.messageIn('en'), details: error.details } });
    }
  }
  const count = (outcome: BatchItemResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), failed: count('failed'), results };
}
