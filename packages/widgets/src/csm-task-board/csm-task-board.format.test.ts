import { describe, expect, it } from 'vitest';
import {
  beijingDay,
  checklistProgress,
  findCard,
  isOverdue,
  keyboardTarget,
  moveCard,
  movedCounts,
  neighboursOf,
  taskEtag,
  type BoardColumns,
  type BoardTask,
} from './csm-task-board.format.js';

const task = (id: number, status: BoardTask['status']): BoardTask => ({
  id,
  title: `任务${id}`,
  type: 'action_item',
  status,
  priority: 'normal',
  assignee: null,
  due_date: null,
  customer: null,
  checklist: [],
  comment_count: 0,
  position: id,
  version: 1,
});

const board = (): BoardColumns => ({
  todo: [task(1, 'todo'), task(2, 'todo'), task(3, 'todo')],
  in_progress: [task(4, 'in_progress')],
  blocked: [],
  done: [task(5, 'done')],
});

const ids = (columns: BoardColumns) => Object.fromEntries(Object.entries(columns).map(([status, tasks]) => [status, tasks.map((t) => t.id)]));

describe('moveCard', () => {
  it('moves within a column', () => {
    expect(ids(moveCard(board(), 1, { status: 'todo', index: 2 })).todo).toEqual([2, 3, 1]);
    expect(ids(moveCard(board(), 3, { status: 'todo', index: 0 })).todo).toEqual([3, 1, 2]);
  });

  it('moves to another column, setting the status, and leaves the input as it was', () => {
    const before = board();
    const after = moveCard(before, 2, { status: 'in_progress', index: 0 });
    expect(ids(after)).toEqual({ todo: [1, 3], in_progress: [2, 4], blocked: [], done: [5] });
    expect(after.in_progress[0]!.status).toBe('in_progress');
    expect(ids(before).todo).toEqual([1, 2, 3]);
    expect(before.todo[1]!.status).toBe('todo');
  });

  it('puts a card into an empty column, and clamps an index past the end', () => {
    expect(ids(moveCard(board(), 4, { status: 'blocked', index: 5 })).blocked).toEqual([4]);
  });

  it('ignores an unknown task', () => {
    const columns = board();
    expect(moveCard(columns, 99, { status: 'done', index: 0 })).toBe(columns);
  });
});

describe('neighboursOf and findCard', () => {
  it('names the task above and below', () => {
    expect(neighboursOf(board(), 2)).toEqual({ before_id: 1, after_id: 3 });
    expect(neighboursOf(board(), 1)).toEqual({ before_id: null, after_id: 2 });
    expect(neighboursOf(board(), 4)).toEqual({ before_id: null, after_id: null });
    expect(findCard(board(), 3)).toEqual({ status: 'todo', index: 2 });
    expect(findCard(board(), 99)).toBeNull();
  });
});

describe('keyboardTarget', () => {
  it.each([
    [{ status: 'todo', index: 1 }, 'ArrowUp', { status: 'todo', index: 0 }],
    [{ status: 'todo', index: 0 }, 'ArrowUp', { status: 'todo', index: 0 }],
    [{ status: 'todo', index: 1 }, 'ArrowDown', { status: 'todo', index: 2 }],
    [{ status: 'todo', index: 2 }, 'ArrowDown', { status: 'todo', index: 2 }],
    [{ status: 'todo', index: 0 }, 'ArrowRight', { status: 'in_progress', index: 0 }],
    [{ status: 'todo', index: 2 }, 'ArrowRight', { status: 'in_progress', index: 1 }], // below the last card
    [{ status: 'in_progress', index: 0 }, 'ArrowRight', { status: 'blocked', index: 0 }],
    [{ status: 'todo', index: 1 }, 'ArrowLeft', { status: 'todo', index: 1 }], // already leftmost
    [{ status: 'done', index: 0 }, 'ArrowRight', { status: 'done', index: 0 }], // already rightmost
  ] as const)('%o + %s → %o', (place, key, target) => {
    expect(keyboardTarget(board(), place, key)).toEqual(target);
  });
});

describe('movedCounts', () => {
  it('moves one from column to column, and nothing within one', () => {
    const counts = { todo: 3, in_progress: 1, blocked: 0, done: 40 };
    expect(movedCounts(counts, 'todo', 'done')).toEqual({ todo: 2, in_progress: 1, blocked: 0, done: 41 });
    expect(movedCounts(counts, 'todo', 'todo')).toBe(counts);
  });
});

describe('isOverdue and beijingDay', () => {
  it('counts days in Beijing', () => {
    expect(beijingDay(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(beijingDay(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
  });

  it.each([
    ['2026-11-25', 'todo', true],
    ['2026-11-26', 'todo', false], // due today is not late yet
    ['2026-11-20', 'done', false],
    [null, 'blocked', false],
  ] as const)('due %s, %s → %s', (due, status, overdue) => {
    expect(isOverdue({ due_date: due, status }, '2026-11-26')).toBe(overdue);
  });
});

describe('checklistProgress and taskEtag', () => {
  it('counts ticked items', () => {
    expect(checklistProgress([{ done: true }, { done: false }, { done: true }])).toEqual({ done: 2, total: 3 });
    expect(checklistProgress([])).toBeNull();
  });

  it('builds the ETag the API sends', () => {
    expect(taskEtag({ id: 7, version: 3 })).toBe('"task-7-v3"');
  });
});
