import type { ReactiveController } from 'lit';
import { BoardDrag, refocusCard } from '../board/board-drag.js';
import { describeLoadFailure } from '../config/load-failure.js';
import { moveTaskRequest, type BoardData } from './csm-task-board.api.js';
import type { CrmCsmTaskBoard } from './csm-task-board.component.js';
import { findCard, keyboardTarget, moveCard, movedCounts, neighboursOf, type BoardColumn, type BoardTask, type CardPlace, type MoveKey } from './csm-task-board.format.js';

/** `detail` of `crm-task-moved`: the task as saved, where it came from and went, and its new neighbours. */
export type CrmTaskMovedDetail = { task: BoardTask; from: BoardColumn; to: BoardColumn; before_id: number | null; after_id: number | null };

const MOVE_KEYS = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
const DRAG_TYPE = 'application/x-crm-task';

/**
 * Moving cards, by keyboard and by drag and drop. A keyboard move is previewed on the board while the card is
 * held and sent on drop; either way the board changes before the API answers and goes back if it refuses.
 */
export class BoardMoves implements ReactiveController {
  /** The card held from the keyboard, with the board as it was when picked up (what Escape restores). */
  private held: { task: BoardTask; origin: CardPlace; snapshot: BoardData } | null = null;
  private readonly drag: BoardDrag<BoardColumn>;

  constructor(private readonly host: CrmCsmTaskBoard) {
    host.addController(this);
    this.drag = new BoardDrag<BoardColumn>(host, DRAG_TYPE);
  }

  get dropTarget(): BoardColumn | null {
    return this.drag.dropTarget;
  }

  hostConnected(): void {}

  get grabbedId(): number | null {
    return this.held?.task.id ?? null;
  }

  /** A reload replaces the board: nothing stays held. */
  reset(): void {
    this.held = null;
    this.drag.reset();
  }

  keydown(event: KeyboardEvent, task: BoardTask): void {
    // Keys typed in the card's edit form or pressed on its buttons are theirs.
    if (event.target !== event.currentTarget) return;
    const board = this.host.board;
    if (!board) return;
    if (event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      if (this.held?.task.id === task.id) void this.dropHeld();
      else if (!this.held) this.pickUp(task, board);
      return;
    }
    if (this.held?.task.id !== task.id) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancel();
    } else if (MOVE_KEYS.has(event.key)) {
      event.preventDefault();
      this.step(event.key as MoveKey, board);
    }
  }

  private pickUp(task: BoardTask, board: BoardData): void {
    const origin = findCard(board.columns, task.id);
    if (!origin) return;
    this.held = { task, origin, snapshot: board };
    this.announce(origin, 'grabbed');
    this.host.requestUpdate();
  }

  private step(key: MoveKey, board: BoardData): void {
    const held = this.held!;
    const place = findCard(board.columns, held.task.id)!;
    const target = keyboardTarget(board.columns, place, key);
    const columns = moveCard(board.columns, held.task.id, target);
    this.host.board = { ...board, columns, counts: movedCounts(held.snapshot.counts, held.origin.status, target.status) };
    this.announce(target, 'movedTo');
    void this.refocus(held.task.id);
  }

  private cancel(): void {
    const held = this.held!;
    this.held = null;
    this.host.board = held.snapshot;
    this.host.announcement = this.host.messages.cancelled(held.task.title);
    void this.refocus(held.task.id);
  }

  private async dropHeld(): Promise<void> {
    const held = this.held!;
    this.held = null;
    const place = findCard(this.host.board!.columns, held.task.id)!;
    if (place.status === held.origin.status && place.index === held.origin.index) {
      this.host.board = held.snapshot;
      this.announce(place, 'dropped');
      void this.refocus(held.task.id);
      return;
    }
    await this.commit(held.task, held.snapshot, place);
  }

  dragStart(event: DragEvent, task: BoardTask): void {
    this.drag.start(event, task.id, task.title);
  }

  dragEnd(): void {
    this.drag.end();
  }

  dragOver(event: DragEvent, status: BoardColumn): void {
    this.drag.over(event, status);
  }

  dragLeave(event: DragEvent, status: BoardColumn): void {
    this.drag.leave(event, status);
  }

  /** A drop on a card puts the dragged one above it (upper half) or below it; elsewhere in a column, at its end. */
  async drop(event: DragEvent, status: BoardColumn): Promise<void> {
    const id = this.drag.take(event);
    const board = this.host.board;
    if (!id || !board) return;
    const from = findCard(board.columns, id);
    if (!from) return;
    const rest = board.columns[status].filter((task) => task.id !== id);
    const over = (event.target as Element).closest?.('[data-task-id]') as HTMLElement | null;
    let index = rest.length;
    if (over && Number(over.dataset.taskId) !== id) {
      const rect = over.getBoundingClientRect();
      index = rest.findIndex((task) => task.id === Number(over.dataset.taskId)) + (event.clientY > rect.top + rect.height / 2 ? 1 : 0);
    } else if (over) {
      return;
    }
    if (from.status === status && from.index === index) return;
    await this.commit(board.columns[from.status][from.index]!, board, { status, index });
  }

  /** Shows the move at once, asks the API, and puts the card back (and says why) when it refuses. */
  private async commit(task: BoardTask, snapshot: BoardData, place: CardPlace): Promise<void> {
    const host = this.host;
    const config = host.config.value;
    const t = host.messages;
    const origin = findCard(snapshot.columns, task.id)!;
    const columns = moveCard(snapshot.columns, task.id, place);
    host.board = { ...snapshot, columns, counts: movedCounts(snapshot.counts, origin.status, place.status) };
    host.failure = null;
    this.announce(place, 'dropped');
    void this.refocus(task.id);
    const neighbours = neighboursOf(columns, task.id);
    try {
      if (!config) throw new Error('not configured');
      const saved = await moveTaskRequest(config, task, { status: place.status, ...neighbours });
      host.replaceTask(saved);
      host.dispatchEvent(
        new CustomEvent<CrmTaskMovedDetail>('crm-task-moved', {
          bubbles: true,
          composed: true,
          detail: { task: saved, from: origin.status, to: place.status, ...neighbours },
        }),
      );
    } catch (error) {
      host.board = snapshot;
      const stale = describeLoadFailure(error, t).status === 412;
      host.failure = stale ? `${t.moveFailed(task.title)} ${t.staleTask}` : t.moveFailed(task.title);
      host.announcement = host.failure;
      void this.refocus(task.id);
      // The board's versions are behind: read them again so the next move can succeed.
      if (stale) void host.boardTask.run();
    }
  }

  private announce(place: CardPlace, what: 'grabbed' | 'movedTo' | 'dropped'): void {
    const t = this.host.messages;
    const task = this.held?.task ?? this.host.board?.columns[place.status][place.index];
    const title = task?.title ?? '';
    const column = t.columns[place.status];
    const total = this.host.board?.columns[place.status].length ?? 0;
    this.host.announcement =
      what === 'dropped' ? t.dropped(title, column, place.index + 1) : t[what](title, column, place.index + 1, total);
  }

  private refocus(id: number): Promise<void> {
    return refocusCard(this.host, () => this.host.cardElement(id));
  }
}
