/** The board's columns, left to right. */
export const BOARD_COLUMNS = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

export const TASK_TYPES = ['action_item', 'care_call', 'qbr', 'renewal_preparation', 'onboarding_step', 'risk_mitigation', 'complaint_follow_up', 'care_plan', 'expansion'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** What the board reads of a task (the API's `Task` has more). */
export type BoardTask = {
  id: number;
  title: string;
  type: TaskType;
  status: BoardColumn;
  priority: TaskPriority;
  assignee: { id: number; name: string } | null;
  due_date: string | null;
  customer: { id: number; name: string } | null;
  checklist: { text: string; done: boolean }[];
  comment_count: number;
  position: number;
  version: number;
};

export type BoardColumns = Record<BoardColumn, BoardTask[]>;
export type BoardCounts = Record<BoardColumn, number>;

/** Where a card sits: its column and its index in it. */
export type CardPlace = { status: BoardColumn; index: number };

/**
 * Where a task is on the board, or null.
 *
 * @example findCard(columns, 7) // { status: 'todo', index: 2 }
 */
export function findCard(columns: BoardColumns, id: number): CardPlace | null {
  for (const status of BOARD_COLUMNS) {
    const index = columns[status].findIndex((task) => task.id === id);
    if (index >= 0) return { status, index };
  }
  return null;
}

/**
 * The board with a task moved to `to` (its index counted in the column without the task), its status updated.
 * The input is left as it was, so it serves as the snapshot to roll back to.
 *
 * @example moveCard(columns, 7, { status: 'done', index: 0 }).done[0].id // 7
 */
export function moveCard(columns: BoardColumns, id: number, to: CardPlace): BoardColumns {
  const from = findCard(columns, id);
  if (!from) return columns;
  const task = columns[from.status][from.index]!;
  const next = { ...columns, [from.status]: columns[from.status].filter((candidate) => candidate.id !== id) } as BoardColumns;
  const target = [...next[to.status]];
  target.splice(Math.max(0, Math.min(to.index, target.length)), 0, { ...task, status: to.status });
  next[to.status] = target;
  return next;
}

/**
 * The neighbours the move request names: the task directly above (`before_id`) and below (`after_id`) a card.
 *
 * @example neighboursOf(columns, 7) // { before_id: 3, after_id: null }
 */
export function neighboursOf(columns: BoardColumns, id: number): { before_id: number | null; after_id: number | null } {
  const place = findCard(columns, id);
  if (!place) return { before_id: null, after_id: null };
  const column = columns[place.status];
  return { before_id: column[place.index - 1]?.id ?? null, after_id: column[place.index + 1]?.id ?? null };
}

/** The keys that move a picked-up card. */
export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/**
 * Where a picked-up card goes on an arrow key: up and down within its column (stopping at the ends), left and
 * right to the neighbouring column at the same height (or its end), stopping at the first and last column.
 *
 * @example keyboardTarget(columns, { status: 'todo', index: 1 }, 'ArrowRight') // { status: 'in_progress', index: 1 }
 */
export function keyboardTarget(columns: BoardColumns, place: CardPlace, key: MoveKey): CardPlace {
  const length = columns[place.status].length;
  if (key === 'ArrowUp') return { status: place.status, index: Math.max(0, place.index - 1) };
  if (key === 'ArrowDown') return { status: place.status, index: Math.min(length - 1, place.index + 1) };
  const column = BOARD_COLUMNS.indexOf(place.status) + (key === 'ArrowLeft' ? -1 : 1);
  const status = BOARD_COLUMNS[column];
  if (!status) return place;
  // The target column does not hold the card yet: it can go anywhere from the top to just past the last card.
  return { status, index: Math.min(place.index, columns[status].length) };
}

/** The counts after a card changed column (the API's counts cover more than the cards shown). */
export function movedCounts(counts: BoardCounts, from: BoardColumn, to: BoardColumn): BoardCounts {
  if (from === to) return counts;
  return { ...counts, [from]: Math.max(0, counts[from] - 1), [to]: counts[to] + 1 };
}

// Due dates are Beijing days, as the API's `overdue` filter counts them; the opportunity pipeline shares the calendar.
export { BOARD_TIME_ZONE as TASK_TIME_ZONE, beijingDay } from '../board/board-calendar.js';

/**
 * Overdue: due before today and not done, as the API's `overdue=true` filter says.
 *
 * @example isOverdue({ due_date: '2026-11-25', status: 'todo' }, '2026-11-26') // true
 */
export function isOverdue(task: Pick<BoardTask, 'due_date' | 'status'>, today: string): boolean {
  return task.due_date !== null && task.due_date < today && task.status !== 'done';
}

/**
 * How much of a checklist is ticked off, or null without one.
 *
 * @example checklistProgress([{ text: 'a', done: true }, { text: 'b', done: false }]) // { done: 1, total: 2 }
 */
export function checklistProgress(checklist: readonly { done: boolean }[]): { done: number; total: number } | null {
  if (checklist.length === 0) return null;
  return { done: checklist.filter((item) => item.done).length, total: checklist.length };
}

/**
 * The `If-Match` for a task as the board last saw it: the API's ETag is built from the id and the row version, so
 * the board needs no extra read — and a task changed since answers 412, which is the point.
 *
 * @example taskEtag({ id: 7, version: 3 }) // '"task-7-v3"'
 */
export function taskEtag(task: Pick<BoardTask, 'id' | 'version'>): string {
  return `"task-${task.id}-v${task.version}"`;
}
