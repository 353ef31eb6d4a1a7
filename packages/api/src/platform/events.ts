import { insertJsonRows, type JsonColumn } from '../db/json-rows.ts';
import type { RequestScope } from './request-context.ts';

export type DomainEvent = {
  type: string;
  entity_type: string;
  entity_id: string | number;
  payload: Record<string, unknown>;
};

/**
 * Writes an outbox row in the request transaction: the event exists if and only if the change does.
 * @example await emitEvent(scope, { type: 'customer.created', entity_type: 'customer', entity_id: id, payload: {} });
 */
export async function emitEvent(scope: RequestScope, event: DomainEvent): Promise<void> {
  await emitEvents(scope, [event]);
}

const EVENT_COLUMNS: JsonColumn[] = [['tenant_id', 'bigint'], ['type', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['payload', 'jsonb']];

/**
 * Writes several outbox rows with one insert (batch writes), in order.
 * @example await emitEvents(scope, records.map((r) => ({ type: 'service_record.created', entity_type: 'service_record', entity_id: r.id, payload: {} })));
 */
export async function emitEvents(scope: RequestScope, list: readonly DomainEvent[]): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map((event) => ({
    tenant_id: scope.tenantId,
    type: event.type,
    entity_type: event.entity_type,
    entity_id: String(event.entity_id),
    payload: { ...event.payload, actor: scope.principal.subject, request_id: scope.requestId },
  }));
  await scope.tx.execute(insertJsonRows('events', EVENT_COLUMNS, rows));
}
