import type { ComplaintStatus } from './complaints.schema.ts';
import './complaints.errors.ts';

/**
 * What can be done to a complaint after it was submitted. Submission, classification and assignment are one
 * step (status `open`); the rest follow REQ-016 §5: acknowledge, investigate (cause, scope, notes), resolve
 * (solution, measures), the customer's confirmation, close with the lessons learned.
 */
export const COMPLAINT_ACTIONS = ['acknowledge', 'assign', 'investigate', 'note', 'resolve', 'confirm', 'reject', 'close', 'reclassify'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** The customer's answer to the solution, if any (`null` until asked, and again after each new solution). */
export type Confirmation = 'accepted' | 'rejected' | null;

/** Where each action may start and where it leads (`null`: the status stays). */
const TRANSITIONS: Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus | null }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  assign: { from: ['open', 'acknowledged', 'investigating', 'resolved'], to: null },
  investigate: { from: ['acknowledged', 'investigating'], to: 'investigating' },
  note: { from: ['open', 'acknowledged', 'investigating', 'resolved'], to: null },
  resolve: { from: ['investigating'], to: 'resolved' },
  confirm: { from: ['resolved'], to: null },
  // A rejected solution reopens the investigation.
  reject: { from: ['resolved'], to: 'investigating' },
  close: { from: ['resolved'], to: 'closed' },
  // Labels can be corrected at any time: corrections teach the classifier, closed complaints included.
  reclassify: { from: ['open', 'acknowledged', 'investigating', 'resolved', 'closed'], to: null },
};

/** The outcome of asking for an action: the next status, or why not and what is possible instead. */
export type FlowDecision =
  | { ok: true; to: ComplaintStatus }
  | { ok: false; error: 'complaint.invalid_transition' | 'complaint.confirmation_required'; allowed: ComplaintAction[]; reason: string };

/** Whether an action's guard holds beyond its start status: the customer answers once; closing needs their yes. */
function guard(action: ComplaintAction, confirmation: Confirmation): string | null {
  if ((action === 'confirm' || action === 'reject') && confirmation === 'accepted') return 'the customer already accepted the solution';
  if (action === 'close' && confirmation !== 'accepted') return confirmation === 'rejected' ? 'the customer rejected the solution' : 'the customer has not confirmed the solution yet';
  return null;
}

/**
 * The actions possible now, in flow order.
 * @example allowedActions('resolved', null) // ['assign', 'note', 'confirm', 'reject', 'reclassify']
 */
export function allowedActions(status: ComplaintStatus, confirmation: Confirmation): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status) && guard(action, confirmation) === null);
}

/**
 * Decides an action. Closing a resolved complaint the customer has not accepted is refused with its own code,
 * so the caller can say why; everything else out of order is `complaint.invalid_transition`.
 * @example decide('acknowledged', null, 'investigate') // { ok: true, to: 'investigating' }
 * @example decide('resolved', null, 'close').ok // false (confirmation_required)
 */
export function decide(status: ComplaintStatus, confirmation: Confirmation, action: ComplaintAction): FlowDecision {
  const allowed = allowedActions(status, confirmation);
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return { ok: false, error: 'complaint.invalid_transition', allowed, reason: `${action} is not possible while the complaint is ${status}` };
  }
  const blocked = guard(action, confirmation);
  if (blocked) return { ok: false, error: action === 'close' ? 'complaint.confirmation_required' : 'complaint.invalid_transition', allowed, reason: blocked };
  return { ok: true, to: rule.to ?? status };
}
