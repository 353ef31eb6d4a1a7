/** What tree building needs from a department. */
export type DepartmentLike = { id: number; parent_id: number | null; sort_order: number };

/** A department with its sub-departments nested, ordered by `sort_order` then id. */
export type TreeNode<T> = T & { children: TreeNode<T>[] };

const bySortOrder = (a: DepartmentLike, b: DepartmentLike) => a.sort_order - b.sort_order || a.id - b.id;

/**
 * Nests a customer's flat department list. A department whose parent is not in the list becomes a root,
 * so a partial list still renders instead of losing branches.
 * @example nestDepartments([{ id: 1, parent_id: null, sort_order: 0 }, { id: 2, parent_id: 1, sort_order: 0 }])
 * // [{ id: 1, …, children: [{ id: 2, …, children: [] }] }]
 */
export function nestDepartments<T extends DepartmentLike>(rows: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>(rows.map((row) => [row.id, { ...row, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const row of [...rows].sort(bySortOrder)) {
    const node = nodes.get(row.id)!;
    const parent = row.parent_id === null ? undefined : nodes.get(row.parent_id);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * Whether placing department `id` under `newParentId` would make it its own ancestor. Walks up from the
 * new parent; the visited set also stops on a cycle already in the data instead of looping forever.
 * @example createsCycle([{ id: 1, parent_id: null }, { id: 2, parent_id: 1 }], 1, 2) // true
 */
export function createsCycle(rows: readonly Pick<DepartmentLike, 'id' | 'parent_id'>[], id: number, newParentId: number | null): boolean {
  const parentOf = new Map(rows.map((row) => [row.id, row.parent_id]));
  const seen = new Set<number>();
  for (let current = newParentId; current !== null && current !== undefined; current = parentOf.get(current) ?? null) {
    if (current === id) return true;
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}
