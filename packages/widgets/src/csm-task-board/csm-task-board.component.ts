import { Task, TaskStatus } from '@lit/task';
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { describeLoadFailure } from '../config/load-failure.js';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';
import { boardStyles } from '../board/board.styles.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { BoardMoves, type CrmTaskMovedDetail } from './csm-task-board.moves.js';
import {
  createTaskRequest,
  customerFilter,
  loadBoard,
  NotConfiguredError,
  updateTaskRequest,
  writeFailure,
  type BoardData,
  type TaskEdit,
} from './csm-task-board.api.js';
import { beijingDay, findCard, type BoardTask, type TaskPriority, type TaskType } from './csm-task-board.format.js';
import { csmTaskBoardMessages, type CsmTaskBoardMessages } from './csm-task-board.messages.js';
import { csmTaskBoardStyles } from './csm-task-board.styles.js';
import { renderBoardFrame, renderColumns } from './csm-task-board.view.js';

export type { CrmTaskMovedDetail };

/** `detail` of `crm-task-created`: the task as the API saved it. */
export type CrmTaskCreatedDetail = { task: BoardTask };

/**
 * The customer-success task board (issue 5): four columns (待办 / 进行中 / 受阻 / 已完成) with their counts, cards with
 * customer, assignee, due date (overdue highlighted), priority and checklist progress. Cards move by drag and drop
 * or by keyboard (Space picks up, arrow keys move, Space drops, Escape cancels; a live region says where the card
 * is), optimistically: a failed move (a task changed meanwhile answers 412) puts the card back and says so. Filters
 * by mine / team and overdue; a form creates tasks and each card edits inline. Loads
 * `GET /api/v1/tasks?view=board` and writes through `POST /api/v1/tasks`, `PATCH /api/v1/tasks/{id}` and
 * `POST /api/v1/tasks/{id}/move` with `If-Match`, through the SDK.
 *
 * @summary Kanban board of customer-success tasks with keyboard and drag-and-drop moves.
 *
 * @fires {CustomEvent<CrmTaskMovedDetail>} crm-task-moved - The API accepted a move. Bubbles and crosses shadow
 * roots; `detail` is `{ task, from, to, before_id, after_id }`, `task` as saved.
 * @fires {CustomEvent<CrmTaskCreatedDetail>} crm-task-created - A task was created from the form. Bubbles and
 * crosses shadow roots; `detail` is `{ task }`.
 *
 * @csspart base - The board's root element (in every state).
 * @csspart title - The heading.
 * @csspart filters - The filter bar.
 * @csspart scope - The "my tasks" and "team tasks" buttons; the pressed one also `scope-selected`.
 * @csspart scope-selected - The pressed scope button.
 * @csspart overdue-toggle - The "overdue only" checkbox.
 * @csspart create-form - The form that creates a task.
 * @csspart create - Its submit button.
 * @csspart failure - The message of a failed move or save.
 * @csspart columns - The row of columns.
 * @csspart column - Each column; also `column-todo`, `column-in_progress`, `column-blocked` or `column-done`.
 * @csspart column-title - A column's heading.
 * @csspart count - A column's task count.
 * @csspart cards - The list of a column's cards.
 * @csspart empty-column - The text of a column without cards.
 * @csspart card - Each card; also `card-grabbed` while picked up, `card-overdue` when late.
 * @csspart card-title - A card's title.
 * @csspart priority - A card's priority; also `priority-low`, `priority-normal`, `priority-high` or `priority-urgent`.
 * @csspart card-type - The task type.
 * @csspart card-customer - The customer's name.
 * @csspart card-assignee - The assignee's name.
 * @csspart card-due - The due date; also `card-due-overdue` when late.
 * @csspart checklist - The checklist progress.
 * @csspart edit-button - A card's edit button.
 * @csspart edit-form - The inline edit form; `save` and `cancel` are its buttons.
 * @csspart live - The live region that announces moves.
 * @csspart message - The text of the loading and error states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Board and card background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - Column background, skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Borders.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Picked-up card, drop target, buttons.
 * @cssproperty [--crm-color-danger=#b91c1c] - Overdue dates, urgent priority, errors.
 * @cssproperty [--crm-color-warning=#b45309] - High priority.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Card shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmCsmTaskBoard extends LitElement {
  static override styles = [themeStyles, stateStyles, boardStyles, csmTaskBoardStyles];

  /** Only the tasks of this customer (for the customer page); new tasks are created for it. */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** Whose tasks: `me` (the default) or `team` (every task the caller may see). The scope buttons change it. */
  @property({ reflect: true }) assignee: 'me' | 'team' = 'me';

  /** Only overdue tasks. The "overdue only" checkbox changes it. */
  @property({ type: Boolean, reflect: true }) overdue = false;

  /** Overrides the provider's locale for this board (`zh-CN` or `en`). */
  @property() locale: string | undefined;

  /** ARIA level of the heading; the columns use the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** What the board shows: the last load, with optimistic moves and saves applied. @internal */
  @state() board: BoardData | null = null;
  /** The live region's text. @internal */
  @state() announcement = '';
  /** The message of a failed write. @internal */
  @state() failure: string | null = null;
  @state() private creating = false;
  @state() private editingId: number | null = null;
  @state() private savingId: number | null = null;

  /** @internal */
  readonly config = new CrmConfigController(this);
  private readonly moves = new BoardMoves(this);

  /** @internal */
  readonly boardTask = new Task(this, {
    args: () => [this.config.value, this.assignee, this.customerId, this.overdue] as const,
    task: async ([config, assignee, customerId, overdue], { signal }): Promise<BoardData> => {
      if (!config) throw new NotConfiguredError();
      return loadBoard(config, { assignee: assignee === 'team' ? 'team' : 'me', customerId: customerFilter(customerId), overdue }, signal);
    },
    onComplete: (data) => {
      this.board = data;
      this.moves.reset();
    },
  });

  /** The locale in force: the board's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  /** @internal */
  get messages(): CsmTaskBoardMessages {
    return csmTaskBoardMessages(this.effectiveLocale);
  }

  /** The card element of a task, to give it focus back after it re-rendered elsewhere. @internal */
  cardElement(id: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-task-id="${id}"]`);
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = csmTaskBoardMessages(locale);
    const failed = this.boardTask.status === TaskStatus.ERROR;
    const failure = failed ? describeLoadFailure(this.boardTask.error, t) : null;
    const board = failed ? null : this.board;
    const body = failure
      ? html`<div class="error" role="alert">
          <p part="message" class="error-message">${failure.text}</p>
          ${failure.requestId ? html`<p class="muted">request_id: ${failure.requestId}</p>` : ''}
          ${failure.retryable ? html`<button part="retry" class="retry" type="button" @click=${() => this.boardTask.run()}>${t.retry}</button>` : ''}
        </div>`
      : board
        ? renderColumns({
            t,
            locale,
            today: beijingDay(new Date()),
            meId: board.me.id,
            headingLevel: this.headingLevel,
            columns: board.columns,
            counts: board.counts,
            grabbedId: this.moves.grabbedId,
            editingId: this.editingId,
            savingId: this.savingId,
            dropTarget: this.moves.dropTarget,
            onKeydown: (event, task) => this.moves.keydown(event, task),
            onDragStart: (event, task) => this.moves.dragStart(event, task),
            onDragEnd: () => this.moves.dragEnd(),
            onDragOver: (event, status) => this.moves.dragOver(event, status),
            onDragLeave: (event, status) => this.moves.dragLeave(event, status),
            onDrop: (event, status) => void this.moves.drop(event, status),
            onEdit: (task) => void this.startEdit(task),
            onSave: (event, task) => void this.saveEdit(event, task),
            onCancelEdit: (task) => void this.stopEdit(task.id),
          })
        : html`<div class="loading">
            <span part="message" class="visually-hidden" role="status">${t.loading}</span>
            <div class="skeleton wide"></div>
            <div class="skeleton tall"></div>
          </div>`;
    return renderBoardFrame({
      t,
      locale,
      headingLevel: this.headingLevel,
      busy: this.boardTask.status === TaskStatus.PENDING,
      assignee: this.assignee === 'team' ? 'team' : 'me',
      overdue: this.overdue,
      failure: this.failure,
      announcement: this.announcement,
      showControls: Boolean(board),
      creating: this.creating,
      onAssignee: (assignee) => (this.assignee = assignee),
      onOverdue: (overdue) => (this.overdue = overdue),
      onCreate: (event) => void this.create(event),
      onDismiss: () => (this.failure = null),
      body,
    });
  }

  /** Replaces a task on the board by the version the API returned. @internal */
  replaceTask(saved: BoardTask): void {
    if (!this.board) return;
    const place = findCard(this.board.columns, saved.id);
    if (!place) return;
    const column = this.board.columns[place.status].map((task) => (task.id === saved.id ? saved : task));
    this.board = { ...this.board, columns: { ...this.board.columns, [place.status]: column } };
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const config = this.config.value;
    const board = this.board;
    const form = event.target as HTMLFormElement;
    const fields = new FormData(form);
    const title = String(fields.get('title') ?? '').trim();
    if (!config || !board || !title || this.creating) return;
    const t = this.messages;
    const assignToMe = fields.get('assign_to_me') !== null && board.me.id !== null;
    const customerId = Number(this.customerId);
    this.creating = true;
    this.failure = null;
    try {
      const task = await createTaskRequest(config, {
        title,
        type: String(fields.get('type')) as TaskType,
        due_date: String(fields.get('due_date') ?? '') || null,
        assignee_id: assignToMe ? board.me.id : null,
        customer_id: Number.isSafeInteger(customerId) && customerId > 0 ? customerId : null,
      });
      // New tasks land at the end of "to do"; one the filters would hide is not shown.
      const shown = !this.overdue && (this.assignee === 'team' || assignToMe);
      if (shown && this.board) {
        this.board = {
          ...this.board,
          columns: { ...this.board.columns, todo: [...this.board.columns.todo, task] },
          counts: { ...this.board.counts, todo: this.board.counts.todo + 1 },
        };
      }
      form.reset();
      this.announcement = t.created(task.title);
      this.dispatchEvent(new CustomEvent<CrmTaskCreatedDetail>('crm-task-created', { bubbles: true, composed: true, detail: { task } }));
    } catch (error) {
      this.failure = writeFailure(error, t.saveFailed);
    } finally {
      this.creating = false;
    }
  }

  private async startEdit(task: BoardTask): Promise<void> {
    this.editingId = task.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#edit-${task.id}-title`)?.focus();
  }

  private async stopEdit(id: number): Promise<void> {
    this.editingId = null;
    await this.updateComplete;
    this.cardElement(id)?.focus();
  }

  private async saveEdit(event: SubmitEvent, task: BoardTask): Promise<void> {
    event.preventDefault();
    const config = this.config.value;
    if (!config || !this.board) return;
    const t = this.messages;
    const fields = new FormData(event.target as HTMLFormElement);
    const assignee = String(fields.get('assignee'));
    const edit: TaskEdit = {
      title: String(fields.get('title') ?? '').trim(),
      priority: String(fields.get('priority')) as TaskPriority,
      due_date: String(fields.get('due_date') ?? '') || null,
      assignee_id: assignee === 'none' ? null : assignee === 'me' ? this.board.me.id : Number(assignee),
    };
    this.savingId = task.id;
    this.failure = null;
    try {
      const saved = await updateTaskRequest(config, task, edit);
      this.replaceTask(saved);
      this.announcement = t.saved(saved.title);
      await this.stopEdit(task.id);
    } catch (error) {
      this.failure = describeLoadFailure(error, t).status === 412 ? t.staleTask : writeFailure(error, t.saveFailed);
      if (describeLoadFailure(error, t).status === 412) {
        this.editingId = null;
        void this.boardTask.run();
      }
    } finally {
      this.savingId = null;
    }
  }
}
