import type { ComplaintSeverity } from '../complaint-classifier/complaint-classifier.public.ts';
import type { Priority } from '../service-records/service-records.public.ts';

/** Customer levels of `customers.level`: 1 normal, 2 important, 3 VIP, 4 strategic. */
const VIP_LEVEL = 3;

/**
 * The priority of a complaint from its severity and the customer's level. Severity sets the band; a VIP or
 * strategic customer (level ≥ 3) moves a non-critical complaint up by one:
 *
 * | severity | normal / important (1, 2) | VIP / strategic (3, 4) |
 * | -------- | ------------------------- | ---------------------- |
 * | critical | P1                        | P1                     |
 * | high     | P2                        | P1                     |
 * | medium   | P3                        | P2                     |
 * | low      | P4                        | P3                     |
 *
 * @example complaintPriority('high', 4) // 'P1'
 * @example complaintPriority('low', 1) // 'P4'
 */
export function complaintPriority(severity: ComplaintSeverity, level: number): Priority {
  const vip = level >= VIP_LEVEL;
  switch (severity) {
    case 'critical':
      return 'P1';
    case 'high':
      return vip ? 'P1' : 'P2';
    case 'medium':
      return vip ? 'P2' : 'P3';
    case 'low':
      return vip ? 'P3' : 'P4';
  }
}

/** Minutes to acknowledge and to resolve a complaint of one priority. */
export type ComplaintDeadlineMinutes = { acknowledge_minutes: number; resolve_minutes: number };
export type ComplaintDeadlines = Record<Priority, ComplaintDeadlineMinutes>;

/** Deadlines when the tenant has no policy (wall-clock: complaints do not wait for business hours). */
export const DEFAULT_COMPLAINT_DEADLINES: ComplaintDeadlines = {
  P1: { acknowledge_minutes: 30, resolve_minutes: 24 * 60 },
  P2: { acknowledge_minutes: 2 * 60, resolve_minutes: 72 * 60 },
  P3: { acknowledge_minutes: 8 * 60, resolve_minutes: 7 * 24 * 60 },
  P4: { acknowledge_minutes: 24 * 60, resolve_minutes: 14 * 24 * 60 },
};

/**
 * When a complaint submitted at `submittedAt` must be acknowledged and resolved.
 * @example dueDates(DEFAULT_COMPLAINT_DEADLINES, 'P1', new Date('2026-01-01T00:00:00Z')).acknowledge_due_at // 00:30Z
 */
export function dueDates(deadlines: ComplaintDeadlines, priority: Priority, submittedAt: Date): { acknowledge_due_at: Date; resolve_due_at: Date } {
  const minutes = deadlines[priority];
  return {
    acknowledge_due_at: new Date(submittedAt.getTime() + minutes.acknowledge_minutes * 60_000),
    resolve_due_at: new Date(submittedAt.getTime() + minutes.resolve_minutes * 60_000),
  };
}
