import { and, eq, inArray, sql } from 'drizzle-orm';
import { insertJsonRows, type JsonColumn } from '../../../db/json-rows.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import { auditMany } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './service-records.errors.ts';
import { emitEvents } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerIdsByContactChannel } from '../../customers/contacts/contacts.public.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { serviceRecordKeys, serviceRecords, type ServiceRecordRow } from './service-records.schema.ts';
import { measureRecord, type TargetOutcome } from '../../contracts-sla/sla-attainment/sla-attainment.public.ts';
import { slaVersionsInForce } from '../../contracts-sla/sla-bindings/sla-bindings.public.ts';
import { SERVICE_HOURS_7X24, type ServiceHours, tenantWorkingCalendar } from '../../contracts-sla/working-calendar/working-calendar.public.ts';
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

/** How customers named by tickets resolve: the id, or the error the ticket gets. */
type CustomerResolution = Map<string, number | ApiError>;
const refKey = (ref: TicketUpsert['customer']) => JSON.stringify([ref.id ?? null, ref.code ?? null, ref.contact_email ?? null, ref.contact_phone ?? null]);

/**
 * The customers tickets name, by id, code, or a contact's e-mail or phone: ids and codes in one query each,
 * contact channels by blind index; unknown → 422, ambiguous contact → 409, per ticket.
 */
async function resolveCustomers(scope: RequestScope, refs: readonly TicketUpsert['customer'][]): Promise<CustomerResolution> {
  const resolved: CustomerResolution = new Map();
  const ids = [...new Set(refs.flatMap((r) => (r.id !== undefined ? [r.id] : [])))];
  const codes = [...new Set(refs.flatMap((r) => (r.id === undefined && r.code !== undefined ? [r.code] : [])))];
  const byId = ids.length ? await scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(and(visibleCustomers(scope, customerDirectory), inArray(customerDirectory.id, ids))) : [];
  const byCode = codes.length
    ? await scope.tx
        .select({ id: customerDirectory.id, code: customerDirectory.customer_code })
        .from(customerDirectory)
        .where(and(visibleCustomers(scope, customerDirectory), inArray(customerDirectory.customer_code, codes)))
    : [];
  const knownIds = new Set(byId.map((r) => r.id));
  const idOfCode = new Map(byCode.map((r) => [r.code, r.id]));
  for (const ref of refs) {
    const key = refKey(ref);
    if (resolved.has(key)) continue;
    if (ref.id !== undefined || ref.code !== undefined) {
      const id = ref.id !== undefined ? (knownIds.has(ref.id) ? ref.id : undefined) : idOfCode.get(ref.code!);
      resolved.set(key, id ?? new ApiError('ticket.customer_unknown', { customer: ref }));
      continue;
    }
    const found = await customerIdsByContactChannel(scope, (ref.contact_email ?? ref.contact_phone)!);
    resolved.set(
      key,
      found.length === 1 ? found[0]! : found.length === 0 ? new ApiError('ticket.customer_unknown', { customer: ref }) : new ApiError('ticket.customer_ambiguous', { customer_ids: found }),
    );
  }
  return resolved;
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
type SourceColumns = ReturnType<typeof sourceColumns>;

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
const unchanged = (existing: ServiceRecordRow, columns: SourceColumns) => (Object.keys(columns) as (keyof SourceColumns)[]).every((field) => sameValue(existing[field], columns[field]));

/** The columns a new record is inserted with, as `insertJsonRows` reads them. */
const RECORD_COLUMNS: JsonColumn[] = [
  ['tenant_id', 'bigint'], ['source', 'text'], ['external_id', 'text'], ['customer_id', 'bigint'], ['ticket_no', 'text'], ['title', 'text'],
  ['description', 'text'], ['category', 'text'], ['priority', 'text'], ['channel', 'text'], ['status', 'text'], ['opened_at', 'timestamptz'],
  ['first_response_at', 'timestamptz'], ['resolved_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['assignee', 'text'],
  ['satisfaction_rating', 'smallint'], ['satisfaction_comment', 'text'], ['sla_version_id', 'bigint'], ['response_due_at', 'timestamptz'],
  ['resolution_due_at', 'timestamptz'], ['response_breached', 'boolean'], ['resolution_breached', 'boolean'], ['updated_at', 'timestamptz'],
];
const KEY_COLUMNS: JsonColumn[] = [['tenant_id', 'bigint'], ['source', 'text'], ['external_id', 'text'], ['record_id', 'bigint'], ['opened_at', 'timestamptz']];

/** A valid ticket of a batch, ready to write. */
export type TicketWrite = { index: number; externalId: string; input: TicketUpsert };
export type TicketOutcome = { index: number; outcome: 'created' | 'updated' | 'unchanged'; record: ServiceRecord } | { index: number; error: ApiError };

/**
 * Upserts tickets of one source whose external ids are distinct, set-wise: customers resolved, keys locked
 * (in a fixed order, so two batches cannot deadlock) and read, SLA versions in force looked up, new records
 * inserted and audited with one statement each. A few dozen statements for a thousand tickets, where one
 * at a time took a dozen per ticket. Errors of single tickets (unknown customer) are returned, not thrown.
 */
export async function writeTickets(scope: RequestScope, source: string, tickets: readonly TicketWrite[], now: Date): Promise<TicketOutcome[]> {
  const customerOf = await resolveCustomers(scope, tickets.map((t) => t.input.customer));
  const outcomes: TicketOutcome[] = [];
  const valid: (TicketWrite & { columns: SourceColumns })[] = [];
  for (const ticket of tickets) {
    const customer = customerOf.get(refKey(ticket.input.customer))!;
    if (customer instanceof ApiError) outcomes.push({ index: ticket.index, error: customer });
    else valid.push({ ...ticket, columns: sourceColumns(ticket.input, customer) });
  }
  if (valid.length === 0) return outcomes;

  const externalIds = valid.map((t) => t.externalId);
  const lockKeys = sql.join([...externalIds].sort().map((id) => sql`${`crm.ticket.${source}.${id}`}`), sql`, `);
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(k), ${scope.tenantId}::int) from (select k from unnest(array[${lockKeys}]::text[]) k order by k) locked`);
  const keys = await scope.tx
    .select()
    .from(serviceRecordKeys)
    .where(and(eq(serviceRecordKeys.tenant_id, scope.tenantId), eq(serviceRecordKeys.source, source), inArray(serviceRecordKeys.external_id, externalIds)));
  const existingRows = keys.length
    ? await scope.tx
        .select()
        .from(serviceRecords)
        .where(
          and(
            eq(serviceRecords.tenant_id, scope.tenantId),
            inArray(serviceRecords.id, keys.map((k) => k.record_id)),
            inArray(serviceRecords.opened_at, keys.map((k) => k.opened_at)),
          ),
        )
    : [];
  const rowById = new Map(existingRows.map((r) => [r.id, r]));
  const existingOf = new Map(keys.map((k) => [k.external_id, rowById.get(k.record_id)]));

  const changed = valid.filter((t) => {
    const existing = existingOf.get(t.externalId);
    if (existing && unchanged(existing, t.columns)) {
      outcomes.push({ index: t.index, outcome: 'unchanged', record: toServiceRecord(existing) });
      return false;
    }
    return true;
  });
  if (changed.length === 0) return outcomes;

  // SLA targets come from the SLA in force when each ticket opened, measured in business time.
  const slas = await slaVersionsInForce(scope, changed.map((t) => ({ customerId: t.columns.customer_id, at: t.columns.opened_at })));
  const calendar = slas.some((sla) => sla.service_hours === '5x8') ? await tenantWorkingCalendar(scope) : null;
  const values = changed.map((t, i) => {
    const sla = slas[i]!;
    const hours: ServiceHours = sla.service_hours === '5x8' ? { kind: '5x8', calendar: calendar! } : SERVICE_HOURS_7X24;
    const measure = measureRecord({ id: 0, ...t.columns }, { targets: sla.targets, hours }, now);
    return {
      ...t.columns,
      sla_version_id: sla.id,
      response_due_at: measure.response_due,
      resolution_due_at: measure.resolution_due,
      response_breached: breached(measure.response),
      resolution_breached: breached(measure.resolution),
      updated_at: now,
    };
  });

  const written: { ticket: (typeof changed)[number]; row: ServiceRecordRow; before: ServiceRecordRow | undefined }[] = [];
  const fresh = changed.flatMap((t, i) => (existingOf.get(t.externalId) ? [] : [{ t, value: values[i]! }]));
  if (fresh.length) {
    const rows = fresh.map(({ t, value }) => ({ tenant_id: scope.tenantId, source, external_id: t.externalId, ...value }));
    const ids = rawRows<{ id: number | string }>(await scope.tx.execute(insertJsonRows('service_records', RECORD_COLUMNS, rows, 'id')));
    const inserted: ServiceRecordRow[] = rows.map((row, i) => ({ ...row, id: Number(ids[i]!.id), created_at: now }));
    await scope.tx.execute(
      insertJsonRows('service_record_keys', KEY_COLUMNS, inserted.map((r) => ({ tenant_id: scope.tenantId, source, external_id: r.external_id, record_id: r.id, opened_at: r.opened_at }))),
    );
    for (const [i, { t }] of fresh.entries()) written.push({ ticket: t, row: inserted[i]!, before: undefined });
  }
  for (const [i, t] of changed.entries()) {
    const existing = existingOf.get(t.externalId);
    if (!existing) continue;
    // A changed opening time moves the row to another month's partition (Postgres moves it on update).
    const [row] = (await scope.tx
      .update(serviceRecords)
      .set(values[i]!)
      .where(and(eq(serviceRecords.tenant_id, scope.tenantId), eq(serviceRecords.id, existing.id), eq(serviceRecords.opened_at, existing.opened_at)))
      .returning()) as [ServiceRecordRow];
    if (existing.opened_at.getTime() !== row.opened_at.getTime()) {
      await scope.tx
        .update(serviceRecordKeys)
        .set({ opened_at: row.opened_at })
        .where(and(eq(serviceRecordKeys.tenant_id, scope.tenantId), eq(serviceRecordKeys.source, source), eq(serviceRecordKeys.external_id, t.externalId)));
    }
    written.push({ ticket: t, row, before: existing });
  }

  await auditMany(
    scope,
    written.map(({ row, before }) => ({
      action: `service_record.${before ? 'updated' : 'created'}`,
      entity_type: 'service_record',
      entity_id: row.id,
      before: before ? toServiceRecord(before) : undefined,
      after: toServiceRecord(row),
    })),
  );
  await emitEvents(
    scope,
    written.flatMap(({ row, before, ticket }) => {
      const payload = { customer_id: row.customer_id, source, external_id: ticket.externalId };
      const rating = row.satisfaction_rating;
      return [
        { type: `service_record.${before ? 'updated' : 'created'}`, entity_type: 'service_record', entity_id: row.id, payload: { ...payload, priority: row.priority, status: row.status } },
        ...(rating !== null && rating <= LOW_RATING && rating !== before?.satisfaction_rating
          ? [{ type: 'service_record.low_rating', entity_type: 'service_record', entity_id: row.id, payload: { ...payload, rating, comment: row.satisfaction_comment, ticket_no: row.ticket_no } }]
          : []),
      ];
    }),
  );
  for (const { ticket, row, before } of written) outcomes.push({ index: ticket.index, outcome: before ? 'updated' : 'created', record: toServiceRecord(row) });
  return outcomes;
}

/**
 * Creates or updates the service record of a ticket, keyed by source and external id. The key is locked
 * for the transaction, so concurrent pushes of one ticket apply one after the other; the same push twice
 * answers `unchanged` and writes nothing.
 * @example await upsertTicket(scope, 'itsm', 'INC-1', ticket, new Date()) // { outcome: 'created', record }
 */
export async function upsertTicket(scope: RequestScope, source: string, externalId: string, input: TicketUpsert, now: Date): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; record: ServiceRecord }> {
  const [result] = await writeTickets(scope, source, [{ index: 0, externalId, input }], now);
  if ('error' in result!) throw result.error;
  return { outcome: result!.outcome, record: result!.record };
}

/** What the database said, without the statement (drizzle wraps the driver's error as its cause). */
const databaseReason = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
};

/** One item of a batch as it ended. */
export type BatchItemResult = {
  index: number;
  external_id: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'failed';
  record_id: number | null;
  error: { code: string; message: string; details?: unknown } | null;
};

/**
 * Upserts up to 1,000 tickets of one source: invalid items are reported and the rest are written set-wise
 * (`writeTickets`) in a savepoint. Should the database still refuse that set, each ticket is retried
 * alone in its own savepoint, so a bad item is reported and leaves nothing behind while the good ones land.
 * An external id given twice is applied in order (the second sees the first).
 * @example await upsertTicketBatch(scope, 'itsm', [{ external_id: 'INC-1', … }], new Date());
 */
export async function upsertTicketBatch(scope: RequestScope, source: string, items: readonly Record<string, unknown>[], now: Date) {
  const results: BatchItemResult[] = [];
  const rounds: TicketWrite[][] = [];
  const seen = new Map<string, number>();
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
    const round = seen.get(externalId) ?? 0;
    seen.set(externalId, round + 1);
    (rounds[round] ??= []).push({ index, externalId, input: parsed.data });
  }
  const report = (ticket: TicketWrite, outcome: TicketOutcome) =>
    results.push(
      'error' in outcome
        ? { index: ticket.index, external_id: ticket.externalId, outcome: 'failed', record_id: null, error: { code: outcome.error.code, message: outcome.error.messageIn('en'), details: outcome.error.details } }
        : { index: ticket.index, external_id: ticket.externalId, outcome: outcome.outcome, record_id: outcome.record.id, error: null },
    );
  const inSavepoint = (tickets: TicketWrite[]) => scope.tx.transaction((savepoint) => writeTickets({ ...scope, tx: savepoint as unknown as RequestScope['tx'] }, source, tickets, now));
  for (const round of rounds) {
    const byIndex = new Map(round.map((t) => [t.index, t]));
    let outcomes: TicketOutcome[] | null = null;
    try {
      outcomes = await inSavepoint(round);
    } catch (error) {
      if (error instanceof ApiError) throw error;
    }
    if (outcomes) {
      for (const outcome of outcomes) report(byIndex.get(outcome.index)!, outcome);
      continue;
    }
    for (const ticket of round) {
      try {
        report(ticket, (await inSavepoint([ticket]))[0]!);
      } catch (error) {
        // The set failed and this ticket alone fails too: the database refused it (a NUL character, say).
        const refused = error instanceof ApiError ? error : new ApiError('ticket.rejected', { reason: databaseReason(error) });
        report(ticket, { index: ticket.index, error: refused });
      }
    }
  }
  results.sort((a, b) => a.index - b.index);
  const count = (outcome: BatchItemResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), failed: count('failed'), results };
}
