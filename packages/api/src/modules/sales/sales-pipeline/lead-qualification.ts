import type { LEAD_STATUSES } from './sales-pipeline.schema.ts';

export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** The answers of a BANT qualification: what is known of budget, authority, need and timeline. */
export const BANT_VALUES = {
  budget: ['unknown', 'none', 'limited', 'approved'],
  authority: ['unknown', 'influencer', 'recommender', 'decision_maker'],
  need: ['unknown', 'none', 'identified', 'urgent'],
  timeline: ['unknown', 'none', 'over_12_months', 'within_12_months', 'within_6_months', 'within_3_months'],
} as const;

export type Bant = { [K in keyof typeof BANT_VALUES]?: (typeof BANT_VALUES)[K][number] };

/** Points (out of 25) each answer earns; the four criteria weigh the same. */
const POINTS: { [K in keyof typeof BANT_VALUES]: Record<(typeof BANT_VALUES)[K][number], number> } = {
  budget: { unknown: 5, none: 0, limited: 15, approved: 25 },
  authority: { unknown: 5, influencer: 10, recommender: 18, decision_maker: 25 },
  need: { unknown: 5, none: 0, identified: 18, urgent: 25 },
  timeline: { unknown: 5, none: 0, over_12_months: 8, within_12_months: 15, within_6_months: 20, within_3_months: 25 },
};

/**
 * The lead score 0–100 from a BANT qualification: 25 points per criterion, an unanswered criterion counts as
 * "unknown" (5 points), so a lead nobody qualified yet scores 20 and a fully qualified one 100.
 * @example bantScore({ budget: 'approved', authority: 'decision_maker', need: 'urgent', timeline: 'within_3_months' }) // 100
 */
export function bantScore(bant: Bant): number {
  return (
    POINTS.budget[bant.budget ?? 'unknown'] +
    POINTS.authority[bant.authority ?? 'unknown'] +
    POINTS.need[bant.need ?? 'unknown'] +
    POINTS.timeline[bant.timeline ?? 'unknown']
  );
}

/** Where a lead may go by an edit; `converted` is reached only through conversion and is terminal. */
const NEXT_STATUSES: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'qualified', 'unqualified'],
  contacted: ['qualified', 'unqualified'],
  qualified: ['contacted', 'unqualified'],
  unqualified: ['contacted', 'qualified'],
  converted: [],
};

/**
 * Whether an edit may move a lead from one status to another (staying put is always allowed, except on a
 * converted lead, which no edit changes).
 * @example canMoveLead('new', 'qualified') // true
 * @example canMoveLead('qualified', 'converted') // false: use the conversion
 */
export function canMoveLead(from: LeadStatus, to: LeadStatus): boolean {
  if (from === 'converted') return false;
  return from === to || NEXT_STATUSES[from].includes(to);
}
