import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';
import { boardStyles } from '../board/board.styles.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { describeError, loadPipeline, NotConfiguredError, type PipelineData } from './opportunity-pipeline.api.js';
import { beijingDay, type PipelineBoardData, type PipelineOpportunity } from './opportunity-pipeline.format.js';
import { opportunityPipelineMessages, type OpportunityPipelineMessages } from './opportunity-pipeline.messages.js';
import { PipelineMoves, type CrmOpportunityMovedDetail } from './opportunity-pipeline.moves.js';
import { opportunityPipelineStyles } from './opportunity-pipeline.styles.js';
import { renderColumns, renderPipelineFrame, type ContractNotice } from './opportunity-pipeline.view.js';

export type { CrmOpportunityMovedDetail };

/** `detail` of `crm-opportunity-open`: the opportunity the user chose, as the board shows it. */
export type CrmOpportunityOpenDetail = { opportunityId: number; opportunity: PipelineOpportunity };

/**
 * The sales pipeline (issue 6) for the sales workbench: one column per stage in order, each with its name, win
 * probability, count, amount and weighted amount (amount × probability, in CNY through `Intl`), and a line with
 * the open pipeline's totals. Cards show the opportunity, customer, amount, expected close date (overdue
 * highlighted), owner and next step (the names as the board carries them: `customer_name`, `owner_name`); clicking
 * one, or Enter on it, fires `crm-opportunity-open`. Cards move between stages by drag and drop or by keyboard (Space
 * picks up, Left/Right/Home/End move, Space drops, Escape cancels; a live region says where the card is),
 * optimistically with the totals: a refused move puts the card back and says why. Every move sends `If-Match` with
 * the card's version and takes the new version from the answer; an opportunity someone else changed or moved since
 * the board read it (412) goes back with an alert saying so, and the board is read again. The lost stage asks for
 * the reason in a dialog (cancel puts the card back); the won stage says which contract draft the API created. Loads
 * `GET /api/v1/pipelines` (for the default) and `GET /api/v1/pipelines/{id}/board` (with `mine=true` or `owner_id`
 * for `owner`); moves through `POST /api/v1/opportunities/{id}/move`; all through the SDK.
 *
 * @summary Sales pipeline board: stages as columns with totals, keyboard and drag-and-drop stage moves.
 *
 * @fires {CustomEvent<CrmOpportunityOpenDetail>} crm-opportunity-open - A card was clicked or Enter pressed on it.
 * Bubbles and crosses shadow roots; `detail` is `{ opportunityId, opportunity }`.
 * @fires {CustomEvent<CrmOpportunityMovedDetail>} crm-opportunity-moved - The API accepted a move. Bubbles and
 * crosses shadow roots; `detail` is `{ opportunity, from, to, contractId }`, `opportunity` as saved, `from` and
 * `to` the stages, `contractId` the contract draft a win created (else null).
 *
 * @csspart base - The pipeline's root element (in every state).
 * @csspart title - The heading.
 * @csspart totals - The open pipeline's totals line; `total-count`, `total-amount` and `total-weighted` are its figures.
 * @csspart total-count - The number of open opportunities.
 * @csspart total-amount - Their amount.
 * @csspart total-weighted - Their weighted amount.
 * @csspart failure - The message of a failed move.
 * @csspart contract-notice - Says a won opportunity's contract draft was created; `contract-id` and `contract-link` inside.
 * @csspart contract-id - The draft's number.
 * @csspart contract-link - The link to the draft (only with `contract-href`).
 * @csspart empty - The text shown when the pipeline has no opportunities.
 * @csspart columns - The scrolling region of the columns.
 * @csspart column - Each column; also `column-open`, `column-won` or `column-lost` by the stage's kind.
 * @csspart column-title - A column's heading (the stage's name).
 * @csspart probability - The stage's win probability.
 * @csspart count - A column's number of opportunities.
 * @csspart column-totals - A column's amount and weighted amount; `amount` and `weighted` are the figures.
 * @csspart amount - A column's amount.
 * @csspart weighted - A column's weighted amount.
 * @csspart cards - The list of a column's cards.
 * @csspart empty-column - The text of a column without cards.
 * @csspart card - Each card; also `card-grabbed` while picked up, `card-overdue` when late, `card-won` / `card-lost` when closed.
 * @csspart card-title - The opportunity's name.
 * @csspart card-amount - Its amount.
 * @csspart card-customer - The customer's name.
 * @csspart card-close - The expected close date; also `card-close-overdue` when late.
 * @csspart card-owner - The owner's name.
 * @csspart card-next-step - The next step.
 * @csspart card-status - Won (with the contract draft) or lost (with the reason) on a closed card.
 * @csspart lost-dialog - The dialog asking why an opportunity was lost; `confirm-lost` and `cancel-lost` are its buttons.
 * @csspart confirm-lost - The dialog's confirm button.
 * @csspart cancel-lost - The dialog's cancel button.
 * @csspart live - The live region that announces moves.
 * @csspart message - The text of the loading, no-permission and error states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Board, card and dialog background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - Column background, skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Borders.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Picked-up card, drop target, buttons, links.
 * @cssproperty [--crm-color-danger=#b91c1c] - Overdue dates, the lost stage, errors.
 * @cssproperty [--crm-color-success=#15803d] - The won stage and its notice.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Card shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmOpportunityPipeline extends LitElement {
  static override styles = [themeStyles, stateStyles, boardStyles, opportunityPipelineStyles];

  /** The pipeline to show; empty means the tenant's default pipeline. */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /**
   * Whose opportunities: empty (everyone the caller may see, the default), `mine`, or a user id. Sent to the board
   * endpoint as `mine=true` or `owner_id`, so the columns, counts, sums and totals are that owner's, as the API
   * counts them.
   */
  @property({ reflect: true }) owner = '';

  /** Overrides the provider's locale for this board (`zh-CN` or `en`). */
  @property() locale: string | undefined;

  /** ARIA level of the heading; the columns use the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Where a won opportunity's contract draft opens, `{id}` standing for its id (e.g. `#/contracts/{id}`); without it the notice shows the number only. */
  @property({ attribute: 'contract-href' }) contractHref = '';

  /** What the board shows: the last load, with optimistic moves applied. @internal */
  @state() data: PipelineData | null = null;
  /** The live region's text. @internal */
  @state() announcement = '';
  /** The message of a failed move. @internal */
  @state() failure: string | null = null;
  /** The contract draft the last win created. @internal */
  @state() contractNotice: ContractNotice | null = null;

  /** @internal */
  readonly config = new CrmConfigController(this);
  private readonly moves = new PipelineMoves(this);
  private loadedOwner = '';

  /** @internal */
  readonly pipelineTask = new Task(this, {
    args: () => [this.config.value, this.pipelineId, this.owner] as const,
    task: async ([config, pipelineId, owner], { signal }): Promise<PipelineData> => {
      if (!config) throw new NotConfiguredError();
      return loadPipeline(config, { pipelineId, owner }, signal);
    },
    onComplete: (data) => {
      // A card held or a reason asked for while a reload of the same board ran keeps the board the user is working on.
      const sameBoard = this.data?.board.pipeline.id === data.board.pipeline.id && this.loadedOwner === this.owner;
      if (sameBoard && !this.moves.idle) return;
      this.data = data;
      this.loadedOwner = this.owner;
      this.moves.reset();
    },
  });

  /** The locale in force: the board's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  /** @internal */
  get messages(): OpportunityPipelineMessages {
    return opportunityPipelineMessages(this.effectiveLocale);
  }

  /** Shows a board (a move's preview, the API's answer, or the snapshot a refused move goes back to). @internal */
  setBoard(board: PipelineBoardData): void {
    if (this.data) this.data = { ...this.data, board };
  }

  /** Reads the board again, keeping the current one on screen, once no move is under way. @internal */
  refresh(): void {
    if (this.moves.idle) void this.pipelineTask.run();
  }

  /** The card element of an opportunity, to give it focus back after it re-rendered elsewhere. @internal */
  cardElement(id: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-opportunity-id="${id}"]`);
  }

  /** Fires `crm-opportunity-open` for a card. @internal */
  open(opportunity: PipelineOpportunity): void {
    if (this.moves.grabbedId !== null) return;
    this.dispatchEvent(
      new CustomEvent<CrmOpportunityOpenDetail>('crm-opportunity-open', { bubbles: true, composed: true, detail: { opportunityId: opportunity.id, opportunity } }),
    );
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = opportunityPipelineMessages(locale);
    const failed = this.pipelineTask.status === TaskStatus.ERROR;
    const data = failed ? null : this.data;
    let body: unknown;
    if (failed) {
      const { text, retryable, requestId, kind } = describeError(this.pipelineTask.error, t);
      // "No permission" is an expected answer for some users, not a failure: a note rather than an alert.
      body = html`<div class="state ${kind}" role=${kind === 'forbidden' ? 'note' : 'alert'}>
        <p part="message" class=${kind === 'forbidden' ? 'muted' : 'error-message'}>${text}</p>
        ${requestId && kind !== 'forbidden' ? html`<p class="muted small">request_id: ${requestId}</p>` : nothing}
        ${retryable ? html`<button part="retry" class="retry" type="button" @click=${() => this.pipelineTask.run()}>${t.retry}</button>` : nothing}
      </div>`;
    } else if (data) {
      body = renderColumns({
        t,
        locale,
        headingLevel: this.headingLevel,
        today: beijingDay(new Date()),
        board: data.board,
        me: data.me,
        canMove: data.me.canMove,
        grabbedId: this.moves.grabbedId,
        dropTarget: this.moves.dropTarget,
        onOpen: (opportunity) => this.open(opportunity),
        onKeydown: (event, opportunity) => this.moves.keydown(event, opportunity),
        onDragStart: (event, opportunity) => this.moves.dragStart(event, opportunity),
        onDragEnd: () => this.moves.dragEnd(),
        onDragOver: (event, stageId) => this.moves.dragOver(event, stageId),
        onDragLeave: (event, stageId) => this.moves.dragLeave(event, stageId),
        onDrop: (event, stageId) => void this.moves.drop(event, stageId),
      });
    } else {
      body = html`<div class="loading">
        <span part="message" class="visually-hidden" role="status">${t.loading}</span>
        <div class="skeleton wide"></div>
        <div class="skeleton-columns">${[0, 1, 2, 3].map(() => html`<div class="skeleton tall"></div>`)}</div>
      </div>`;
    }
    return renderPipelineFrame({
      t,
      locale,
      headingLevel: this.headingLevel,
      busy: !failed && (!data || this.pipelineTask.status === TaskStatus.PENDING),
      board: data?.board ?? null,
      failure: this.failure,
      notice: this.contractNotice,
      contractHref: this.contractHref,
      announcement: this.announcement,
      lostPrompt: data ? this.moves.lostPrompt : null,
      onDismissFailure: () => (this.failure = null),
      onDismissNotice: () => (this.contractNotice = null),
      onConfirmLost: (event) => void this.confirmLost(event),
      onCancelLost: () => this.moves.cancelLost(),
      body,
    });
  }

  protected override updated(): void {
    // The lost-reason dialog is modal: focus stays in it until the user confirms or cancels.
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.lost-dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private async confirmLost(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = form.elements.namedItem('lost_reason') as HTMLTextAreaElement;
    const reason = field.value.trim();
    const error = form.querySelector<HTMLElement>('#lost-reason-error')!;
    if (!reason) {
      // The reason is required by the API too (422 `opportunity.lost_reason_required`): say so here, before asking it.
      error.hidden = false;
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    await this.moves.confirmLost(reason);
  }
}
