import { describe, expect, it } from 'vitest';
import { bantScore, canMoveLead } from './lead-qualification.ts';

describe('bantScore', () => {
  it.each([
    [{}, 20],
    [{ budget: 'approved', authority: 'decision_maker', need: 'urgent', timeline: 'within_3_months' }, 100],
    [{ budget: 'none', need: 'none', timeline: 'none' }, 5],
    [{ budget: 'limited', authority: 'influencer', need: 'identified', timeline: 'within_12_months' }, 58],
  ] as const)('scores %j as %i', (bant, expected) => {
    expect(bantScore(bant)).toBe(expected);
  });
});

describe('canMoveLead', () => {
  it.each([
    ['new', 'contacted', true],
    ['new', 'qualified', true],
    ['unqualified', 'qualified', true],
    ['qualified', 'qualified', true],
    ['qualified', 'new', false],
    ['qualified', 'converted', false],
    ['converted', 'qualified', false],
    ['converted', 'converted', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveLead(from, to)).toBe(allowed);
  });
});
