import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CrmLocale } from '../i18n/i18n.js';
import { renderCard, type CardView } from './csm-task-board.card.js';
import { BOARD_COLUMNS, TASK_TYPES, type BoardColumn, type BoardColumns, type BoardCounts, type BoardTask } from './csm-task-board.format.js';
import type { CsmTaskBoardMessages } from './csm-task-board.messages.js';

/** How the board presents itself around its body (columns, loading or error). */
export type BoardFrame = {
  t: CsmTaskBoardMessages;
  locale: CrmLocale;
  headingLevel: number;
  busy: boolean;
  assignee: 'me' | 'team';
  overdue: boolean;
  /** A failed write, shown above the columns until dismissed. */
  failure: string | null;
  announcement: string;
  showControls: boolean;
  creating: boolean;
  onAssignee: (assignee: 'me' | 'team') => void;
  onOverdue: (overdue: boolean) => void;
  onCreate: (event: SubmitEvent) => void;
  onDismiss: () => void;
  body: unknown;
};

/** The board's frame: heading, filters, create form, write failure, the body and the live region. */
export function renderBoardFrame(frame: BoardFrame): TemplateResult {
  const { t, locale } = frame;
  return html`<section part="base" class="board-panel" lang=${locale} aria-labelledby="board-title" aria-busy=${frame.busy ? 'true' : 'false'}>
    <div part="title" class="title" role="heading" aria-level=${frame.headingLevel} id="board-title">${t.title}</div>
    <p id="board-instructions" class="muted small">${t.instructions}</p>
    ${frame.showControls ? renderControls(frame) : nothing}
    ${frame.failure
      ? html`<div part="failure" class="failure" role="alert">
          <span class="error-message">${frame.failure}</span>
          <button class="link-button" type="button" @click=${frame.onDismiss}>${t.dismiss}</button>
        </div>`
      : nothing}
    ${frame.body}
    <div part="live" class="visually-hidden" role="status" aria-live="polite">${frame.announcement}</div>
  </section>`;
}

function renderControls(frame: BoardFrame) {
  const { t } = frame;
  return html`<div part="filters" class="filters" role="group" aria-label=${t.filters}>
      <div class="segmented" role="group" aria-label=${t.scope}>
        ${(['me', 'team'] as const).map(
          (scope) => html`<button
            part="scope ${frame.assignee === scope ? 'scope-selected' : ''}"
            type="button"
            aria-pressed=${frame.assignee === scope ? 'true' : 'false'}
            @click=${() => frame.onAssignee(scope)}
          >
            ${scope === 'me' ? t.mine : t.team}
          </button>`,
        )}
      </div>
      <label part="overdue-toggle" class="toggle">
        <input type="checkbox" .checked=${frame.overdue} @change=${(event: Event) => frame.onOverdue((event.target as HTMLInputElement).checked)} />
        ${t.overdueOnly}
      </label>
    </div>
    <form part="create-form" class="create-form" aria-label=${t.newTask} @submit=${frame.onCreate}>
      <div class="form-field grow">
        <label for="new-title">${t.taskTitle}</label>
        <input id="new-title" name="title" required maxlength="300" />
      </div>
      <div class="form-field">
        <label for="new-type">${t.type}</label>
        <select id="new-type" name="type">
          ${TASK_TYPES.map((type) => html`<option value=${type}>${t.types[type]}</option>`)}
        </select>
      </div>
      <div class="form-field">
        <label for="new-due">${t.dueDate}</label>
        <input id="new-due" name="due_date" type="date" />
      </div>
      <label class="toggle"><input type="checkbox" name="assign_to_me" checked /> ${t.assignToMe}</label>
      <button part="create" class="primary" type="submit" ?disabled=${frame.creating}>${frame.creating ? t.creating : t.create}</button>
    </form>`;
}

/** What the columns need. */
export type ColumnsView = Omit<CardView, 'grabbed' | 'editing' | 'saving'> & {
  columns: BoardColumns;
  counts: BoardCounts;
  headingLevel: number;
  grabbedId: number | null;
  editingId: number | null;
  savingId: number | null;
  dropTarget: BoardColumn | null;
  onDragOver: (event: DragEvent, status: BoardColumn) => void;
  onDragLeave: (event: DragEvent, status: BoardColumn) => void;
  onDrop: (event: DragEvent, status: BoardColumn) => void;
};

/** The four columns with their counts and cards. */
export function renderColumns(view: ColumnsView): TemplateResult {
  const { t } = view;
  const level = Math.min(view.headingLevel + 1, 6);
  return html`<div part="columns" class="columns">
    ${BOARD_COLUMNS.map(
      (status) => html`<section
        part="column column-${status}"
        class="column ${view.dropTarget === status ? 'drop-target' : ''}"
        data-status=${status}
        aria-labelledby="column-${status}"
        @dragover=${(event: DragEvent) => view.onDragOver(event, status)}
        @dragleave=${(event: DragEvent) => view.onDragLeave(event, status)}
        @drop=${(event: DragEvent) => view.onDrop(event, status)}
      >
        <div class="column-head">
          <span part="column-title" role="heading" aria-level=${level} id="column-${status}">${t.columns[status]}</span>
          <span part="count" class="count" data-count=${view.counts[status]}>${t.columnCount(view.counts[status])}</span>
        </div>
        ${view.columns[status].length
          ? html`<ul part="cards" class="cards" aria-labelledby="column-${status}">
              ${repeat(
                view.columns[status],
                (task: BoardTask) => task.id,
                (task) =>
                  renderCard(task, {
                    ...view,
                    grabbed: view.grabbedId === task.id,
                    editing: view.editingId === task.id,
                    saving: view.savingId === task.id,
                  }),
              )}
            </ul>`
          : html`<p part="empty-column" class="muted small empty-column">${t.emptyColumn}</p>`}
      </section>`,
    )}
  </div>`;
}
