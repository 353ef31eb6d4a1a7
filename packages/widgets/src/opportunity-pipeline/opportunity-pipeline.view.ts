import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatPercent, type CrmLocale } from '../i18n/i18n.js';
import { formatMoney, isOverdue, type PipelineBoardData, type PipelineColumn, type PipelineOpportunity } from './opportunity-pipeline.format.js';
import { stageLabel, type OpportunityPipelineMessages } from './opportunity-pipeline.messages.js';
import type { LostPrompt } from './opportunity-pipeline.moves.js';

/** The contract draft a win created, shown until dismissed. */
export type ContractNotice = { name: string; contractId: number | null };

/** How the pipeline presents itself around its body (columns, loading or a state). */
export type PipelineFrame = {
  t: OpportunityPipelineMessages;
  locale: CrmLocale;
  headingLevel: number;
  busy: boolean;
  board: PipelineBoardData | null;
  failure: string | null;
  notice: ContractNotice | null;
  contractHref: string;
  announcement: string;
  lostPrompt: LostPrompt | null;
  onDismissFailure: () => void;
  onDismissNotice: () => void;
  onConfirmLost: (event: SubmitEvent) => void;
  onCancelLost: () => void;
  body: unknown;
};

/** The frame: heading, instructions, the board-wide totals, a failed move, the contract notice, the body, the live region and the lost-reason dialog. */
export function renderPipelineFrame(frame: PipelineFrame): TemplateResult {
  const { t, locale } = frame;
  return html`<section part="base" class="board-panel" lang=${locale} aria-labelledby="pipeline-title" aria-busy=${frame.busy ? 'true' : 'false'}>
    <div part="title" class="title" role="heading" aria-level=${frame.headingLevel} id="pipeline-title">
      ${t.title}${frame.board ? html`<span class="muted pipeline-name"> · ${frame.board.pipeline.name}</span>` : nothing}
    </div>
    ${frame.board ? html`<p id="pipeline-instructions" class="muted small">${t.instructions}</p>${renderTotals(frame.board, t, locale)}` : nothing}
    ${frame.failure
      ? html`<div part="failure" class="failure" role="alert">
          <span class="error-message">${frame.failure}</span>
          <button class="link-button" type="button" @click=${frame.onDismissFailure}>${t.dismiss}</button>
        </div>`
      : nothing}
    ${frame.notice ? renderNotice(frame.notice, frame) : nothing}
    ${frame.body}
    <div part="live" class="visually-hidden" role="status" aria-live="polite">${frame.announcement}</div>
    ${frame.lostPrompt ? renderLostDialog(frame.lostPrompt, frame) : nothing}
  </section>`;
}

function renderTotals(board: PipelineBoardData, t: OpportunityPipelineMessages, locale: CrmLocale) {
  return html`<div part="totals" class="totals" role="group" aria-label=${t.totals}>
    <span class="totals-label">${t.totals}</span>
    <span part="total-count" data-count=${board.totals.count}>${t.totalsLine(board.totals.count)}</span>
    <span part="total-amount">${t.amount} <strong>${formatMoney(locale, board.totals.amount)}</strong></span>
    <span part="total-weighted">${t.weighted} <strong>${formatMoney(locale, board.totals.weighted_amount)}</strong></span>
  </div>`;
}

function renderNotice(notice: ContractNotice, frame: PipelineFrame) {
  const { t } = frame;
  const id = notice.contractId;
  const href = id && frame.contractHref ? frame.contractHref.replaceAll('{id}', String(id)) : '';
  return html`<div part="contract-notice" class="notice">
    <span>${t.won(notice.name)} ${id ? html`<strong part="contract-id">${t.contractDraft(id)}</strong>` : nothing}</span>
    ${href ? html`<a part="contract-link" href=${href}>${t.openContract(id!)}</a>` : nothing}
    <button class="link-button" type="button" @click=${frame.onDismissNotice}>${t.dismiss}</button>
  </div>`;
}

function renderLostDialog(prompt: LostPrompt, frame: PipelineFrame) {
  const { t } = frame;
  return html`<dialog
    part="lost-dialog"
    class="lost-dialog"
    aria-labelledby="lost-title"
    aria-describedby="lost-text"
    @cancel=${(event: Event) => {
      event.preventDefault();
      frame.onCancelLost();
    }}
    @close=${frame.onCancelLost}
  >
    <form novalidate @submit=${frame.onConfirmLost}>
      <div class="dialog-title" role="heading" aria-level=${Math.min(frame.headingLevel + 1, 6)} id="lost-title">${t.lostDialogTitle}</div>
      <p id="lost-text">${t.lostDialogText(prompt.opportunity.name)}</p>
      <label for="lost-reason">${t.lostReasonLabel}</label>
      <textarea id="lost-reason" name="lost_reason" required aria-required="true" maxlength="300" rows="3" autofocus aria-describedby="lost-reason-error"></textarea>
      <p id="lost-reason-error" class="error-message small" hidden>${t.lostReasonRequired}</p>
      <div class="form-actions">
        <button part="confirm-lost" class="danger" type="submit">${t.confirmLost}</button>
        <button part="cancel-lost" class="secondary" type="button" @click=${frame.onCancelLost}>${t.cancel}</button>
      </div>
    </form>
  </dialog>`;
}

/** What the columns and their cards need. */
export type ColumnsView = {
  t: OpportunityPipelineMessages;
  locale: CrmLocale;
  headingLevel: number;
  today: string;
  board: PipelineBoardData;
  /** The caller, to name an owner the API could not (a user without a display name). */
  me: { id: number | null; name: string };
  canMove: boolean;
  grabbedId: number | null;
  dropTarget: number | null;
  onOpen: (opportunity: PipelineOpportunity) => void;
  onKeydown: (event: KeyboardEvent, opportunity: PipelineOpportunity) => void;
  onDragStart: (event: DragEvent, opportunity: PipelineOpportunity) => void;
  onDragEnd: () => void;
  onDragOver: (event: DragEvent, stageId: number) => void;
  onDragLeave: (event: DragEvent, stageId: number) => void;
  onDrop: (event: DragEvent, stageId: number) => void;
};

/** The stages as columns, in order, in a horizontally scrolling region (a focusable one, so the keyboard scrolls it too). */
export function renderColumns(view: ColumnsView): TemplateResult {
  const { t, board } = view;
  const empty = board.columns.every((column) => column.count === 0);
  return html`${empty ? html`<p part="empty" class="muted empty">${t.empty}</p>` : nothing}
    <div part="columns" class="columns" role="region" aria-label=${t.stagesRegion(board.pipeline.name)} tabindex="0">
      ${board.columns.map((column) => renderColumn(column, view))}
    </div>`;
}

function renderColumn(column: PipelineColumn, view: ColumnsView) {
  const { t, locale } = view;
  const { stage } = column;
  const headingId = `stage-${stage.id}`;
  return html`<section
    part="column column-${stage.kind}"
    class="column kind-${stage.kind} ${view.dropTarget === stage.id ? 'drop-target' : ''}"
    data-stage-id=${stage.id}
    data-stage-code=${stage.code}
    aria-labelledby=${headingId}
    @dragover=${(event: DragEvent) => view.onDragOver(event, stage.id)}
    @dragleave=${(event: DragEvent) => view.onDragLeave(event, stage.id)}
    @drop=${(event: DragEvent) => view.onDrop(event, stage.id)}
  >
    <div class="column-head">
      <span part="column-title" class="column-title" role="heading" aria-level=${Math.min(view.headingLevel + 1, 6)} id=${headingId}>${stageLabel(stage, t)}</span>
      <span part="probability" class="probability">${t.probability(formatPercent(locale, stage.probability))}</span>
    </div>
    <p part="count" class="count" data-count=${column.count}>${t.count(column.count)}</p>
    <dl part="column-totals" class="column-totals">
      <div><dt>${t.amount}</dt><dd part="amount" data-amount=${column.amount}>${formatMoney(locale, column.amount)}</dd></div>
      <div><dt>${t.weighted}</dt><dd part="weighted" data-amount=${column.weighted_amount}>${formatMoney(locale, column.weighted_amount)}</dd></div>
    </dl>
    ${column.opportunities.length
      ? html`<ul part="cards" class="cards" aria-labelledby=${headingId}>
          ${repeat(column.opportunities, (opportunity) => opportunity.id, (opportunity) => renderCard(opportunity, view))}
        </ul>`
      : html`<p part="empty-column" class="muted small">${t.emptyColumn}</p>`}
    ${column.count > column.opportunities.length ? html`<p class="muted small">${t.moreInColumn(column.opportunities.length, column.count)}</p>` : nothing}
  </section>`;
}

/** An opportunity card: focusable, draggable while open (and the caller may move it), opening on click or Enter. */
function renderCard(opportunity: PipelineOpportunity, view: ColumnsView) {
  const { t, locale } = view;
  const overdue = isOverdue(opportunity, view.today);
  const grabbed = view.grabbedId === opportunity.id;
  const movable = view.canMove && opportunity.status === 'open';
  const parts = ['card', grabbed ? 'card-grabbed' : '', overdue ? 'card-overdue' : '', opportunity.status !== 'open' ? `card-${opportunity.status}` : ''].filter(Boolean).join(' ');
  const owner = opportunity.owner_id === null ? t.unassigned : opportunity.owner_name || (opportunity.owner_id === view.me.id ? view.me.name || t.me : `#${opportunity.owner_id}`);
  return html`<li
    part=${parts}
    class="card ${grabbed ? 'grabbed' : ''} ${overdue ? 'overdue' : ''} status-${opportunity.status}"
    data-opportunity-id=${opportunity.id}
    tabindex="0"
    draggable=${movable ? 'true' : 'false'}
    aria-describedby="pipeline-instructions"
    @click=${() => view.onOpen(opportunity)}
    @keydown=${(event: KeyboardEvent) => view.onKeydown(event, opportunity)}
    @dragstart=${(event: DragEvent) => view.onDragStart(event, opportunity)}
    @dragend=${view.onDragEnd}
  >
    <div class="card-head">
      <span part="card-title" class="card-title">${opportunity.name}</span>
      <span part="card-amount" class="card-amount">${formatMoney(locale, opportunity.amount, opportunity.currency)}</span>
    </div>
    <dl class="card-fields">
      <div class="field"><dt>${t.customer}</dt><dd part="card-customer">${opportunity.customer_name}</dd></div>
      <div class="field">
        <dt>${t.closeDate}</dt>
        <dd part="card-close ${overdue ? 'card-close-overdue' : ''}" class="close ${overdue ? 'late' : ''}">
          ${opportunity.expected_close_date ?? t.noCloseDate}${overdue ? html` <span class="late-badge">${t.overdue}</span>` : nothing}
        </dd>
      </div>
      <div class="field"><dt>${t.owner}</dt><dd part="card-owner">${owner}</dd></div>
      ${opportunity.next_step ? html`<div class="field"><dt>${t.nextStep}</dt><dd part="card-next-step">${opportunity.next_step}</dd></div>` : nothing}
    </dl>
    ${opportunity.status === 'won'
      ? html`<span part="card-status" class="status won">${t.closedWon}${opportunity.contract_id ? html` · ${t.contractDraft(opportunity.contract_id)}` : nothing}</span>`
      : opportunity.status === 'lost'
        ? html`<span part="card-status" class="status lost">${t.closedLost}${opportunity.lost_reason ? html` · ${t.lostReason(opportunity.lost_reason)}` : nothing}</span>`
        : nothing}
  </li>`;
}
