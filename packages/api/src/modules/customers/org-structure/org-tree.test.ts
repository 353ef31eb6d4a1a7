import { describe, expect, it } from 'vitest';
import { createsCycle, nestDepartments } from './org-tree.ts';

const dept = (id: number, parent_id: number | null, sort_order = 0) => ({ id, parent_id, sort_order });
const shape = (nodes: ReturnType<typeof nestDepartments>): unknown => nodes.map((n) => (n.children.length ? [n.id, shape(n.children)] : n.id));

describe('nestDepartments', () => {
  it.each([
    ['an empty list', [], []],
    ['flat roots in sort order, then by id', [dept(3, null, 1), dept(2, null, 0), dept(1, null, 1)], [2, 1, 3]],
    ['children under their parent whatever the input order', [dept(5, 4), dept(4, 1), dept(1, null)], [[1, [[4, [5]]]]]],
    ['siblings ordered by sort_order', [dept(1, null), dept(2, 1, 2), dept(3, 1, 1)], [[1, [3, 2]]]],
    ['an orphan (parent missing from the list) as a root', [dept(1, null), dept(2, 99)], [1, 2]],
  ])('nests %s', (_label, rows, expected) => {
    expect(shape(nestDepartments(rows))).toEqual(expected);
  });

  it('keeps the fields of each department', () => {
    const [root] = nestDepartments([{ ...dept(1, null), name: '总经办' }]);
    expect(root).toEqual({ id: 1, parent_id: null, sort_order: 0, name: '总经办', children: [] });
  });
});

describe('createsCycle', () => {
  const rows = [dept(1, null), dept(2, 1), dept(3, 2), dept(4, null)];
  it.each([
    ['moving to the root', 2, null, false],
    ['moving under an unrelated branch', 2, 4, false],
    ['moving under itself', 2, 2, true],
    ['moving under its own child', 1, 2, true],
    ['moving under its grandchild', 1, 3, true],
    ['moving a leaf under a sibling branch root', 3, 1, false],
  ])('%s', (_label, id, parent, expected) => {
    expect(createsCycle(rows, id, parent)).toBe(expected);
  });

  it('stops on a loop already in the data', () => {
    expect(createsCycle([dept(1, 2), dept(2, 1)], 9, 1)).toBe(false);
  });
});
