import type { ReactiveController } from 'lit';
import { BoardDrag, refocusCard } from '../board/board-drag.js';
import { isStale, moveOpportunityRequest, writeFailure } from './opportunity-pipeline.api.js';
import type { CrmOpportunityPipeline } from './opportunity-pipeline.component.js';
import {
  findOpportunity,
  moveOpportunityCard,
  replaceOpportunity,
  stageStep,
  type PipelineBoardData,
  type PipelineOpportunity,
  type PipelineStage,
  type StageKey,
} from './opportunity-pipeline.format.js';
import { stageLabel } from './opportunity-pipeline.messages.js';

/** `detail` of `crm-opportunity-moved`: the opportunity as saved, the stages it left and entered, the contract draft a win created. */
export type CrmOpportunityMovedDetail = { opportunity: PipelineOpportunity; from: PipelineStage; to: PipelineStage; contractId: number | null };

/** A move to the lost stage waiting for its reason (the board already shows it there). */
export type LostPrompt = { opportunity: PipelineOpportunity; snapshot: PipelineBoardData; stage: PipelineStage };

const STAGE_KEYS = new Set<string>(['ArrowLeft', 'ArrowRight', 'Home', 'End']);
const DRAG_TYPE = 'application/x-crm-opportunity';

/**
 * Moving opportunities between stages, by keyboard and by drag and drop. A keyboard move is previewed while the
 * card is held and sent on drop; the lost stage first asks for the reason. Either way the board (columns and
 * totals) changes before the API answers and goes back, with an alert, if it refuses. Each move is sent with
 * `If-Match` from the card's version; the answer's version replaces it, so the next move of the card is current.
 */
export class PipelineMoves implements ReactiveController {
  /** The card held from the keyboard, with the board as it was when picked up (what Escape restores). */
  private held: { opportunity: PipelineOpportunity; origin: number; snapshot: PipelineBoardData } | null = null;
  private readonly drag: BoardDrag<number>;
  /** Cards whose move is on its way: their version is about to change, so they wait for the answer. */
  private readonly sending = new Set<number>();
  /** The lost-reason dialog's move, while it is open. */
  lostPrompt: LostPrompt | null = null;

  constructor(private readonly host: CrmOpportunityPipeline) {
    host.addController(this);
    this.drag = new BoardDrag<number>(host, DRAG_TYPE);
  }

  hostConnected(): void {}

  get grabbedId(): number | null {
    return this.held?.opportunity.id ?? null;
  }

  /** The stage id of the column a card is dragged over. */
  get dropTarget(): number | null {
    return this.drag.dropTarget;
  }

  /** Nothing held, asked or on its way: a reload may replace the board. */
  get idle(): boolean {
    return !this.held && !this.lostPrompt && this.sending.size === 0 && this.drag.dropTarget === null;
  }

  /** A reload replaces the board: nothing stays held. */
  reset(): void {
    this.held = null;
    this.lostPrompt = null;
    this.drag.reset();
  }

  keydown(event: KeyboardEvent, opportunity: PipelineOpportunity): void {
    if (event.target !== event.currentTarget) return;
    const board = this.host.data?.board;
    if (!board) return;
    if (event.key === 'Enter' && !this.held) {
      event.preventDefault();
      this.host.open(opportunity);
      return;
    }
    if (event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      if (this.held?.opportunity.id === opportunity.id) void this.dropHeld();
      else if (!this.held) this.pickUp(opportunity, board);
      return;
    }
    if (this.held?.opportunity.id !== opportunity.id) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancel();
    } else if (STAGE_KEYS.has(event.key)) {
      event.preventDefault();
      this.step(event.key as StageKey);
    }
  }

  /** Whether the caller may move this card; says why not when not. */
  private movable(opportunity: PipelineOpportunity): boolean {
    const t = this.host.messages;
    if (!this.host.data?.me.canMove) this.host.announcement = t.readOnly;
    else if (opportunity.status !== 'open') this.host.announcement = t.closedCannotMove(opportunity.name);
    else if (this.sending.has(opportunity.id)) this.host.announcement = t.stillSaving(opportunity.name);
    else return true;
    return false;
  }

  private pickUp(opportunity: PipelineOpportunity, board: PipelineBoardData): void {
    const origin = findOpportunity(board.columns, opportunity.id);
    if (!origin || !this.movable(opportunity)) return;
    this.held = { opportunity, origin: origin.column, snapshot: board };
    this.host.announcement = this.host.messages.grabbed(opportunity.name, this.labelOf(board.columns[origin.column]!.stage));
    this.host.requestUpdate();
  }

  private step(key: StageKey): void {
    const held = this.held!;
    const { columns } = held.snapshot;
    const current = findOpportunity(this.host.data!.board.columns, held.opportunity.id)?.column ?? held.origin;
    const target = stageStep(columns.length, current, key);
    const stage = columns[target]!.stage;
    this.host.setBoard(moveOpportunityCard(held.snapshot, held.opportunity.id, stage.id));
    this.host.announcement = this.host.messages.movedTo(held.opportunity.name, this.labelOf(stage));
    void this.refocus(held.opportunity.id);
  }

  private cancel(): void {
    const held = this.held!;
    this.held = null;
    this.host.setBoard(held.snapshot);
    this.host.announcement = this.host.messages.cancelled(held.opportunity.name);
    void this.refocus(held.opportunity.id);
  }

  private async dropHeld(): Promise<void> {
    const held = this.held!;
    this.held = null;
    const place = findOpportunity(this.host.data!.board.columns, held.opportunity.id)!;
    const stage = this.host.data!.board.columns[place.column]!.stage;
    if (place.column === held.origin) {
      this.host.setBoard(held.snapshot);
      this.host.announcement = this.host.messages.stayed(held.opportunity.name, this.labelOf(stage));
      void this.refocus(held.opportunity.id);
      return;
    }
    await this.moveTo(held.opportunity, held.snapshot, stage);
  }

  dragStart(event: DragEvent, opportunity: PipelineOpportunity): void {
    if (event.target !== event.currentTarget) return;
    if (!this.movable(opportunity)) {
      event.preventDefault();
      return;
    }
    this.drag.start(event, opportunity.id, opportunity.name);
  }

  dragEnd(): void {
    this.drag.end();
  }

  dragOver(event: DragEvent, stageId: number): void {
    this.drag.over(event, stageId);
  }

  dragLeave(event: DragEvent, stageId: number): void {
    this.drag.leave(event, stageId);
  }

  /** A drop anywhere on a column moves the card to that stage (to the top: the column is ordered by last move). */
  async drop(event: DragEvent, stageId: number): Promise<void> {
    const id = this.drag.take(event);
    const board = this.host.data?.board;
    if (!id || !board || this.held || this.lostPrompt) return;
    const from = findOpportunity(board.columns, id);
    const to = board.columns.find((column) => column.stage.id === stageId);
    if (!from || !to || board.columns[from.column]!.stage.id === stageId) return;
    const opportunity = board.columns[from.column]!.opportunities[from.index]!;
    if (!this.movable(opportunity)) return;
    await this.moveTo(opportunity, board, to.stage);
  }

  /** Shows the move; the lost stage then waits for its reason, any other is sent at once. */
  private async moveTo(opportunity: PipelineOpportunity, snapshot: PipelineBoardData, stage: PipelineStage): Promise<void> {
    this.host.setBoard(moveOpportunityCard(snapshot, opportunity.id, stage.id));
    if (stage.kind === 'lost') {
      this.lostPrompt = { opportunity, snapshot, stage };
      this.host.requestUpdate();
      return;
    }
    await this.commit(opportunity, snapshot, stage);
  }

  /** The dialog's "mark as lost" with its (non-empty) reason. */
  async confirmLost(reason: string): Promise<void> {
    const prompt = this.lostPrompt;
    if (!prompt) return;
    this.lostPrompt = null;
    await this.commit(prompt.opportunity, prompt.snapshot, prompt.stage, reason);
  }

  /** The dialog's cancel (or Escape): the card goes back where it was, nothing is sent. */
  cancelLost(): void {
    const prompt = this.lostPrompt;
    if (!prompt) return;
    this.lostPrompt = null;
    this.host.setBoard(prompt.snapshot);
    this.host.announcement = this.host.messages.cancelled(prompt.opportunity.name);
    void this.refocus(prompt.opportunity.id);
  }

  /**
   * Asks the API for the move shown, as of the card's version; on success takes its answer (new version, and the
   * totals on the reload), on refusal puts the card back and says why — a 412 as "someone else changed it".
   */
  private async commit(opportunity: PipelineOpportunity, snapshot: PipelineBoardData, stage: PipelineStage, lostReason?: string): Promise<void> {
    const host = this.host;
    const config = host.config.value;
    const t = host.messages;
    const origin = findOpportunity(snapshot.columns, opportunity.id)!;
    const from = snapshot.columns[origin.column]!.stage;
    // The version the board holds for the card now (a previous move's answer may have replaced it since it was picked up).
    const current = snapshot.columns[origin.column]!.opportunities[origin.index]!;
    host.setBoard(moveOpportunityCard(snapshot, opportunity.id, stage.id));
    host.failure = null;
    host.announcement = t.dropped(opportunity.name, this.labelOf(stage));
    void this.refocus(opportunity.id);
    this.sending.add(opportunity.id);
    try {
      if (!config) throw new Error('not configured');
      const saved = await moveOpportunityRequest(config, current, { stage_id: stage.id, ...(lostReason ? { lost_reason: lostReason } : {}) });
      if (host.data) host.setBoard(replaceOpportunity(host.data.board, saved));
      const contractId = stage.kind === 'won' ? saved.contract_id : null;
      if (stage.kind === 'won') {
        host.contractNotice = { name: saved.name, contractId };
        host.announcement = `${t.won(saved.name)}${contractId ? ` ${t.contractDraft(contractId)}` : ''}`;
      }
      host.dispatchEvent(
        new CustomEvent<CrmOpportunityMovedDetail>('crm-opportunity-moved', { bubbles: true, composed: true, detail: { opportunity: saved, from, to: stage, contractId } }),
      );
    } catch (error) {
      host.setBoard(snapshot);
      host.failure = isStale(error) ? t.staleMove(opportunity.name) : writeFailure(error, t.moveFailed(opportunity.name));
      host.announcement = host.failure;
      void this.refocus(opportunity.id);
    } finally {
      this.sending.delete(opportunity.id);
    }
    // The API's sums are the truth (a column counts more than the cards it shows), and after a refusal (changed,
    // moved or closed meanwhile) the board is behind: read it again once no move is under way.
    host.refresh();
  }

  private labelOf(stage: PipelineStage): string {
    return stageLabel(stage, this.host.messages);
  }

  private refocus(id: number): Promise<void> {
    return refocusCard(this.host, () => this.host.cardElement(id));
  }
}
