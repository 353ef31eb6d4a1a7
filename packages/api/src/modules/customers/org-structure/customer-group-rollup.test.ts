import { describe, expect, it } from 'vitest';
import { rollUpGroup, type RollupMember } from './customer-group-rollup.ts';

const member = (id: number, parent: number | null, fields: Partial<RollupMember> = {}): RollupMember => ({
  id,
  parent_customer_id: parent,
  status: 2,
  level: 1,
  completeness_score: 50,
  contact_count: 0,
  ...fields,
});

describe('rollUpGroup', () => {
  it('counts a standalone customer as a group of one', () => {
    expect(rollUpGroup(1, [member(1, null, { status: 1, level: 3, completeness_score: 80, contact_count: 2 })])).toEqual({
      member_count: 1,
      subsidiary_count: 0,
      total_contacts: 2,
      by_status: { '1': 1, '2': 0, '3': 0 },
      by_level: { '1': 0, '2': 0, '3': 1, '4': 0 },
      highest_level: 3,
      average_completeness: 80,
      total_revenue: null,
    });
  });

  it.each([
    ['subsidiaries', (r: ReturnType<typeof rollUpGroup>) => r.subsidiary_count, 2],
    ['contacts over all members', (r: ReturnType<typeof rollUpGroup>) => r.total_contacts, 9],
    ['the highest level of any member', (r: ReturnType<typeof rollUpGroup>) => r.highest_level, 4],
    ['lost members', (r: ReturnType<typeof rollUpGroup>) => r.by_status['3'], 1],
    ['average completeness to one decimal', (r: ReturnType<typeof rollUpGroup>) => r.average_completeness, 66.7],
  ])('sums %s', (_label, pick, expected) => {
    const members = [
      member(10, null, { contact_count: 4, completeness_score: 100 }),
      member(11, 10, { level: 4, contact_count: 5, completeness_score: 50 }),
      member(12, 10, { status: 3, completeness_score: 50 }),
    ];
    expect(pick(rollUpGroup(10, members))).toBe(expected);
  });

  it('answers zeros for an empty member list', () => {
    expect(rollUpGroup(1, [])).toMatchObject({ member_count: 0, highest_level: 0, average_completeness: 0 });
  });
});
