import { describe, expect, it } from 'vitest';
import { complaintPriority, DEFAULT_COMPLAINT_DEADLINES, dueDates } from './complaint-priority.ts';
import type { ComplaintSeverity } from '../complaint-classifier/complaint-classifier.ts';

describe('complaintPriority', () => {
  // level: 1 normal, 2 important, 3 VIP, 4 strategic
  const table: [ComplaintSeverity, number, string][] = [
    ['critical', 1, 'P1'],
    ['critical', 4, 'P1'],
    ['high', 1, 'P2'],
    ['high', 2, 'P2'],
    ['high', 3, 'P1'],
    ['high', 4, 'P1'],
    ['medium', 1, 'P3'],
    ['medium', 2, 'P3'],
    ['medium', 3, 'P2'],
    ['medium', 4, 'P2'],
    ['low', 1, 'P4'],
    ['low', 2, 'P4'],
    ['low', 3, 'P3'],
    ['low', 4, 'P3'],
  ];
  it.each(table)('%s at level %i → %s', (severity, level, priority) => {
    expect(complaintPriority(severity, level)).toBe(priority);
  });
});

describe('dueDates', () => {
  const at = new Date('2026-03-01T01:00:00Z');
  it.each([
    ['P1', 30, 24 * 60],
    ['P2', 120, 72 * 60],
    ['P3', 480, 7 * 24 * 60],
    ['P4', 24 * 60, 14 * 24 * 60],
  ] as const)('%s: acknowledge after %i min, resolve after %i min (wall-clock)', (priority, ack, resolve) => {
    const due = dueDates(DEFAULT_COMPLAINT_DEADLINES, priority, at);
    expect(due.acknowledge_due_at.getTime() - at.getTime()).toBe(ack * 60_000);
    expect(due.resolve_due_at.getTime() - at.getTime()).toBe(resolve * 60_000);
  });
});
