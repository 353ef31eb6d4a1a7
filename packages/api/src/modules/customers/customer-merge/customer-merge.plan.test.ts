import { describe, expect, it } from 'vitest';
import { compareFields, defaultChoice, localiseWarnings, mergeWarnings, resolveFieldValues, type MergeCandidate, type MergeFacts } from './customer-merge.plan.ts';

const candidate = (id: number, overrides: Partial<MergeCandidate> = {}): MergeCandidate => ({
  id,
  customer_name: `客户${id}`,
  customer_type: 1,
  industry: null,
  scale: null,
  address: null,
  website: null,
  description: null,
  status: 1,
  level: 1,
  source: null,
  assigned_manager_id: null,
  credit_code: null,
  region: null,
  parent_customer_id: null,
  ...overrides,
});

describe('defaultChoice', () => {
  it.each([
    ['survivor has a value', '软件', '硬件', 'survivor'],
    ['survivor empty, merged has one', null, '硬件', 'merged'],
    ['survivor blank text counts as empty', '  ', '硬件', 'merged'],
    ['both empty', null, '', 'survivor'],
    ['numbers: zero is a value', 0, 3, 'survivor'],
    ['numbers: null survivor', null, 7, 'merged'],
  ] as const)('%s', (_label, survivor, merged, expected) => {
    expect(defaultChoice(survivor, merged)).toBe(expected);
  });
});

describe('compareFields and resolveFieldValues', () => {
  const survivor = candidate(1, { customer_name: 'ABC科技', industry: null, address: '北京', level: 3 });
  const merged = candidate(2, { customer_name: 'ABC科技（中国）', industry: '软件', address: '上海', level: 3 });

  it('marks what differs and the default side of each field', () => {
    const byField = Object.fromEntries(compareFields(survivor, merged).map((f) => [f.field, f]));
    expect(byField.industry).toMatchObject({ differs: true, default_choice: 'merged', merged_value: '软件' });
    expect(byField.address).toMatchObject({ differs: true, default_choice: 'survivor' });
    expect(byField.level).toMatchObject({ differs: false, default_choice: 'survivor' });
    expect(Object.keys(byField)).toHaveLength(14);
  });

  it('applies choices over defaults', () => {
    const { values, choices } = resolveFieldValues(survivor, merged, { address: 'merged', industry: 'survivor' });
    expect(values).toMatchObject({ customer_name: 'ABC科技', address: '上海', industry: null, level: 3 });
    expect(choices).toMatchObject({ address: 'merged', industry: 'survivor', customer_name: 'survivor' });
  });

  it('never leaves the survivor its own parent', () => {
    const child = candidate(5, { parent_customer_id: 6 });
    const parent = candidate(6);
    expect(resolveFieldValues(child, parent, {}).values.parent_customer_id).toBeNull();
    expect(resolveFieldValues(parent, candidate(7, { parent_customer_id: 6 }), { parent_customer_id: 'merged' }).values.parent_customer_id).toBeNull();
    expect(resolveFieldValues(candidate(8), candidate(9, { parent_customer_id: 4 }), {}).values.parent_customer_id).toBe(4);
  });
});

describe('mergeWarnings', () => {
  const facts = (overrides: Partial<MergeFacts> = {}): MergeFacts => ({
    survivor: candidate(1),
    merged: candidate(2),
    finalParentId: null,
    subsidiariesAfter: 0,
    survivorPrimaryContactIds: [],
    mergedPrimaryContactIds: [],
    departmentNameOverlap: [],
    portalUsers: 0,
    ...overrides,
  });
  const codes = (f: MergeFacts) => mergeWarnings(f).map((w) => `${w.code}${w.blocking ? '!' : ''}`);

  it.each([
    ['nothing to say', facts(), []],
    ['two primaries', facts({ survivorPrimaryContactIds: [10], mergedPrimaryContactIds: [20] }), ['primary_contact_dropped']],
    ['one primary only', facts({ mergedPrimaryContactIds: [20] }), []],
    ['parent and subsidiaries (blocking)', facts({ finalParentId: 9, subsidiariesAfter: 2 }), ['group_depth!']],
    ['a parent without subsidiaries is fine', facts({ finalParentId: 9 }), []],
    ['parent and child merged', facts({ merged: candidate(2, { parent_customer_id: 1 }) }), ['group_link_removed']],
    ['different credit codes', facts({ survivor: candidate(1, { credit_code: 'A' }), merged: candidate(2, { credit_code: 'B' }) }), ['credit_code_conflict']],
    ['same credit code', facts({ survivor: candidate(1, { credit_code: 'A' }), merged: candidate(2, { credit_code: 'A' }) }), []],
    ['departments of the same name', facts({ departmentNameOverlap: ['技术部'] }), ['department_names_overlap']],
    ['portal users', facts({ portalUsers: 2 }), ['portal_users_moved']],
  ])('%s', (_label, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('says each warning in both languages', () => {
    const warnings = mergeWarnings(facts({ survivorPrimaryContactIds: [1], mergedPrimaryContactIds: [2], portalUsers: 1 }));
    expect(localiseWarnings(warnings, 'zh-CN')[0]!.message).toContain('主要联系人');
    expect(localiseWarnings(warnings, 'en')[1]!.message).toContain('Portal users');
  });
});
