import { describe, expect, it } from 'vitest';
import { allowedActions, decide, type ComplaintAction, type Confirmation } from './complaint-flow.ts';
import type { ComplaintStatus } from './complaints.schema.ts';

type Row = [ComplaintStatus, Confirmation, ComplaintAction, ComplaintStatus | 'complaint.invalid_transition' | 'complaint.confirmation_required'];

const table: Row[] = [
  ['open', null, 'acknowledge', 'acknowledged'],
  ['open', null, 'assign', 'open'],
  ['open', null, 'note', 'open'],
  ['open', null, 'investigate', 'complaint.invalid_transition'],
  ['open', null, 'resolve', 'complaint.invalid_transition'],
  ['open', null, 'close', 'complaint.invalid_transition'],
  ['acknowledged', null, 'acknowledge', 'complaint.invalid_transition'],
  ['acknowledged', null, 'investigate', 'investigating'],
  ['acknowledged', null, 'resolve', 'complaint.invalid_transition'],
  ['investigating', null, 'investigate', 'investigating'],
  ['investigating', null, 'resolve', 'resolved'],
  ['investigating', null, 'confirm', 'complaint.invalid_transition'],
  ['investigating', 'rejected', 'resolve', 'resolved'],
  ['resolved', null, 'confirm', 'resolved'],
  ['resolved', null, 'reject', 'investigating'],
  ['resolved', null, 'close', 'complaint.confirmation_required'],
  ['resolved', 'rejected', 'close', 'complaint.confirmation_required'],
  ['resolved', 'accepted', 'confirm', 'complaint.invalid_transition'],
  ['resolved', 'accepted', 'reject', 'complaint.invalid_transition'],
  ['resolved', 'accepted', 'close', 'closed'],
  ['resolved', null, 'investigate', 'complaint.invalid_transition'],
  ['closed', 'accepted', 'note', 'complaint.invalid_transition'],
  ['closed', 'accepted', 'assign', 'complaint.invalid_transition'],
  ['closed', 'accepted', 'close', 'complaint.invalid_transition'],
  ['closed', 'accepted', 'reclassify', 'closed'],
];

describe('complaint flow', () => {
  it.each(table)('%s (confirmation %s) + %s → %s', (status, confirmation, action, expected) => {
    const decision = decide(status, confirmation, action);
    if (decision.ok) expect(decision.to).toBe(expected);
    else {
      expect(decision.error).toBe(expected);
      expect(decision.allowed).toEqual(allowedActions(status, confirmation));
      expect(decision.allowed).not.toContain(action);
    }
  });

  it('lists what is possible at each stage, in flow order', () => {
    expect(allowedActions('open', null)).toEqual(['acknowledge', 'assign', 'note', 'reclassify']);
    expect(allowedActions('resolved', null)).toEqual(['assign', 'note', 'confirm', 'reject', 'reclassify']);
    expect(allowedActions('resolved', 'accepted')).toEqual(['assign', 'note', 'close', 'reclassify']);
    expect(allowedActions('closed', 'accepted')).toEqual(['reclassify']);
  });

  it('says why closing is refused', () => {
    const decision = decide('resolved', null, 'close');
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reason).toMatch(/not confirmed/);
  });
});
