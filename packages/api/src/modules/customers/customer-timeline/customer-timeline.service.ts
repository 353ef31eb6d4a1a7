import { isPortalPrincipal, type Permission } from '../../../platform/auth/permissions.ts';
import { addDays, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './customer-timeline.errors.ts';
import { isApiDate } from '../../../platform/time/iso-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { communicationTimeline } from '../../service/communications/communications.public.ts';
import { complaintTimeline } from '../../service/complaints/complaints.public.ts';
import { contractEventTimeline } from '../../contracts-sla/contracts/contracts.public.ts';
import { findVisibleCustomer } from '../customers/customers.public.ts';
import { serviceRecordTimeline } from '../../service/service-records/service-records.public.ts';
import { TIMELINE_TYPES, type TimelinePage, type TimelineQuery, type TimelineType } from './customer-timeline.contract.ts';
import { decodeTimelineCursor, encodeTimelineCursor, mergeTimelines } from './timeline-merge.ts';
import type { TimelineAudience, TimelineSource, TimelineWindow } from './timeline-source.ts';

/** Each type's owning module answers for its own table. */
const SOURCES: Record<TimelineType, TimelineSource> = {
  communication: communicationTimeline,
  complaint: complaintTimeline,
  contract_event: contractEventTimeline,
  service_record: serviceRecordTimeline,
};


/**
 * The types a caller may see. Service records and contract events come with `customer:read` (checked by the
 * route); communications need `communication:read` and are internal, so never for portal users; complaints need
 * `complaint:read`, or, for a portal user, `complaint:submit` — they follow the complaints of their own customer.
 */
export function visibleTimelineTypes(scope: RequestScope): TimelineType[] {
  const can = (permission: Permission) => scope.principal.permissions.has(permission);
  const portal = isPortalPrincipal(scope.principal);
  return TIMELINE_TYPES.filter((type) => {
    if (type === 'communication') return !portal && can('communication:read');
    if (type === 'complaint') return can('complaint:read') || (portal && can('complaint:submit'));
    return true;
  });
}

/** `types=a,b`: known names only (422 otherwise), in timeline order, without repeats. */
function requestedTypes(list: string | undefined): TimelineType[] {
  if (list === undefined) return [...TIMELINE_TYPES];
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !TIMELINE_TYPES.includes(name as TimelineType));
  if (unknown.length > 0 || names.length === 0) throw new ApiError('timeline.types_invalid', { unknown, allowed: TIMELINE_TYPES });
  return TIMELINE_TYPES.filter((type) => names.includes(type));
}

/** A bound of the period: an ISO instant as given, or a Beijing date (its start; for `to`, the next day's start). */
function periodBound(value: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isApiDate(value)) throw new ApiError('timeline.period_invalid', { [field]: value });
    return startOfBusinessDay(field === 'to' ? addDays(value, 1) : value);
  }
  // An instant needs its zone: without one the same text means different moments to different readers.
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
  // Date parsing rolls 02-30 over into March: the day itself must exist.
  if (!instant || Number.isNaN(instant.getTime()) || !isApiDate(value.slice(0, 10))) throw new ApiError('timeline.period_invalid', { [field]: value });
  return instant;
}

/**
 * A page of a customer's timeline: each visible source is asked once for `limit + 1` entries after the cursor, and
 * the sorted answers are merged. Every entry of the page's first `limit + 1` is among its source's first
 * `limit + 1`, so the page is exact and `next_cursor` continues without gaps or repeats.
 * @example await customerTimeline(scope, 12, { types: 'service_record,complaint', breached: 'true', limit: 20 })
 */
export async function customerTimeline(scope: RequestScope, customerId: number, query: TimelineQuery): Promise<TimelinePage> {
  const asked = requestedTypes(query.types);
  const from = periodBound(query.from, 'from');
  const to = periodBound(query.to, 'to');
  if (from && to && from > to) throw new ApiError('timeline.period_invalid', { from: query.from, to: query.to });
  const before = query.cursor === undefined ? undefined : decodeTimelineCursor(query.cursor);
  await findVisibleCustomer(scope, customerId);

  const visible = visibleTimelineTypes(scope);
  const types = asked.filter((type) => visible.includes(type));
  // A breach is a service record's: the other sources have nothing to add under that filter.
  const queried = query.breached === 'true' ? types.filter((type) => type === 'service_record') : types;
  const audience: TimelineAudience = isPortalPrincipal(scope.principal) ? 'portal' : 'staff';
  const window: TimelineWindow = { before, from, to, q: query.q, breached: query.breached === 'true', limit: query.limit + 1, audience };
  const lists = [];
  // One after the other: the request's transaction is one connection, and each query is a short index scan.
  for (const type of queried) lists.push(await SOURCES[type](scope, customerId, window));
  const merged = mergeTimelines(lists, query.limit + 1);
  const page = merged.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((item) => item.entry),
    next_cursor: merged.length > query.limit && last ? encodeTimelineCursor(last.key) : null,
    types,
  };
}
