import { html, nothing, type TemplateResult } from 'lit';
import type { CrmLocale } from '../i18n/i18n.js';
import { checklistProgress, isOverdue, TASK_PRIORITIES, type BoardTask } from './csm-task-board.format.js';
import type { CsmTaskBoardMessages } from './csm-task-board.messages.js';

/** What a card needs besides its task. */
export type CardView = {
  t: CsmTaskBoardMessages;
  locale: CrmLocale;
  today: string;
  meId: number | null;
  grabbed: boolean;
  editing: boolean;
  saving: boolean;
  onKeydown: (event: KeyboardEvent, task: BoardTask) => void;
  onDragStart: (event: DragEvent, task: BoardTask) => void;
  onDragEnd: () => void;
  onEdit: (task: BoardTask) => void;
  onSave: (event: SubmitEvent, task: BoardTask) => void;
  onCancelEdit: (task: BoardTask) => void;
};

/**
 * A task card: focusable (Space picks it up), draggable, with title, customer, assignee, due date (overdue
 * highlighted), priority and checklist progress; or, while edited, the inline form.
 */
export function renderCard(task: BoardTask, view: CardView): TemplateResult {
  const { t, today } = view;
  const overdue = isOverdue(task, today);
  const progress = checklistProgress(task.checklist);
  const parts = ['card', view.grabbed ? 'card-grabbed' : '', overdue ? 'card-overdue' : ''].filter(Boolean).join(' ');
  return html`<li
    part=${parts}
    class="card priority-${task.priority} ${view.grabbed ? 'grabbed' : ''} ${overdue ? 'overdue' : ''}"
    data-task-id=${task.id}
    tabindex="0"
    draggable=${view.editing ? 'false' : 'true'}
    aria-describedby="board-instructions"
    @keydown=${(event: KeyboardEvent) => view.onKeydown(event, task)}
    @dragstart=${(event: DragEvent) => view.onDragStart(event, task)}
    @dragend=${view.onDragEnd}
  >
    ${view.editing ? renderEditForm(task, view) : renderCardBody(task, view, overdue, progress)}
  </li>`;
}

function renderCardBody(task: BoardTask, view: CardView, overdue: boolean, progress: ReturnType<typeof checklistProgress>) {
  const { t } = view;
  return html`
    <div class="card-head">
      <span part="card-title" class="card-title">${task.title}</span>
      <span part="priority priority-${task.priority}" class="priority">${t.priorities[task.priority]}</span>
    </div>
    <dl class="card-fields">
      <div class="field"><dt>${t.type}</dt><dd part="card-type">${t.types[task.type] ?? task.type}</dd></div>
      ${task.customer ? html`<div class="field"><dt>${t.customer}</dt><dd part="card-customer">${task.customer.name}</dd></div>` : nothing}
      <div class="field">
        <dt>${t.assignee}</dt>
        <dd part="card-assignee">${task.assignee ? task.assignee.name || `#${task.assignee.id}` : t.unassigned}</dd>
      </div>
      <div class="field">
        <dt>${t.due}</dt>
        <dd part="card-due ${overdue ? 'card-due-overdue' : ''}" class="due ${overdue ? 'late' : ''}">
          ${task.due_date ?? t.noDue}${overdue ? html` <span class="late-badge">${t.overdue}</span>` : nothing}
        </dd>
      </div>
    </dl>
    <div class="card-foot">
      ${progress
        ? html`<span part="checklist" class="checklist">
            ${t.checklist(progress.done, progress.total)}
            <span class="bar" aria-hidden="true"><span class="fill" style="inline-size: ${(progress.done / progress.total) * 100}%"></span></span>
          </span>`
        : nothing}
      ${task.comment_count > 0 ? html`<span class="muted small">${t.comments(task.comment_count)}</span>` : nothing}
      <button part="edit-button" class="link-button" type="button" aria-label=${t.editTask(task.title)} @click=${() => view.onEdit(task)}>
        ${t.edit}
      </button>
    </div>
  `;
}

function renderEditForm(task: BoardTask, view: CardView) {
  const { t } = view;
  const id = `edit-${task.id}`;
  const assignee = task.assignee === null ? 'none' : task.assignee.id === view.meId ? 'me' : String(task.assignee.id);
  return html`<form part="edit-form" class="edit-form" aria-label=${t.editTask(task.title)} @submit=${(event: SubmitEvent) => view.onSave(event, task)}>
    <label for="${id}-title">${t.taskTitle}</label>
    <input id="${id}-title" name="title" required maxlength="300" .value=${task.title} />
    <label for="${id}-priority">${t.priority}</label>
    <select id="${id}-priority" name="priority">
      ${TASK_PRIORITIES.map((priority) => html`<option value=${priority} ?selected=${priority === task.priority}>${t.priorities[priority]}</option>`)}
    </select>
    <label for="${id}-due">${t.dueDate}</label>
    <input id="${id}-due" name="due_date" type="date" .value=${task.due_date ?? ''} />
    <label for="${id}-assignee">${t.assignee}</label>
    <select id="${id}-assignee" name="assignee">
      ${assignee !== 'me' && assignee !== 'none' ? html`<option value=${assignee} selected>${task.assignee!.name}</option>` : nothing}
      ${view.meId !== null ? html`<option value="me" ?selected=${assignee === 'me'}>${t.me}</option>` : nothing}
      <option value="none" ?selected=${assignee === 'none'}>${t.unassigned}</option>
    </select>
    <div class="form-actions">
      <button part="save" class="primary" type="submit" ?disabled=${view.saving}>${t.save}</button>
      <button part="cancel" class="secondary" type="button" @click=${() => view.onCancelEdit(task)}>${t.cancel}</button>
    </div>
  </form>`;
}
