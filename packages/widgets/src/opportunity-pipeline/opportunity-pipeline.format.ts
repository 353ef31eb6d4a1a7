import type { Opportunity, PipelineBoard, PipelineStage } from '@crm/sdk';
import type { CrmLocale } from '../i18n/i18n.js';

export { beijingDay } from '../board/board-calendar.js';

/**
 * An opportunity as the board shows it: the API's, as `GET /pipelines/{id}/board` returns it, with its customer's
 * and owner's names (`customer_name`, `owner_name`) and the `version` a move sends back in `If-Match`.
 */
export type PipelineOpportunity = Opportunity;
/** A stage as the board shows it (code, name, position, probability, kind). */
export type { PipelineStage };
/** A column: a stage with its count, amount, weighted amount and its most recently moved opportunities. */
export type PipelineColumn = PipelineBoard['columns'][number];
/** What the board shows: the API's board, with optimistic moves applied. */
export type PipelineBoardData = PipelineBoard;
/** Count, amount and weighted amount, money as the API writes it (`'250000.00'`). */
export type PipelineTotals = PipelineBoard['totals'];

/** The currency the column sums are shown in (the API adds the amounts up as they are). */
export const BOARD_CURRENCY = 'CNY';

/**
 * An amount as the API writes it (`'250000.5'`, `'-3.20'`) in cents, exactly: money is never a float here.
 *
 * @example amountCents('250000.50') // 25000050n
 */
export function amountCents(amount: string): bigint {
  const match = /^(-?)(\d*)(?:\.(\d{0,2})\d*)?$/.exec(amount.trim());
  if (!match) return 0n;
  const cents = BigInt(match[2] || '0') * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/**
 * Cents back in the API's notation.
 *
 * @example centsAmount(25000050n) // '250000.50'
 */
export function centsAmount(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * Σ amount × probability / 100 in cents, rounded half away from zero once at the end — as the API's
 * `numeric(16,2)` cast rounds the column's sum (rounding each card first could be a cent off).
 *
 * @example weightedCents([{ amount: '333.33', probability: 25 }]) // 8333n (83.3325 → 83.33)
 */
export function weightedCents(items: readonly { amount: string; probability: number }[]): bigint {
  // Cents × percent: ten-thousandths of the currency unit, exact.
  const exact = items.reduce((sum, item) => sum + amountCents(item.amount) * BigInt(item.probability), 0n);
  const sign = exact < 0n ? -1n : 1n;
  return (sign * ((sign * exact + 50n) / 100n));
}

/**
 * Money through `Intl` in the locale's style, with the currency's symbol (`¥250,000.00` / `CN¥250,000.00`).
 *
 * @example formatMoney('en', '250000.00') // 'CN¥250,000.00'
 */
export function formatMoney(locale: CrmLocale, amount: string | bigint, currency = BOARD_CURRENCY): string {
  const cents = typeof amount === 'bigint' ? amount : amountCents(amount);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  } catch {
    // An ISO code Intl does not know still shows as a number with its code.
    return `${currency} ${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(Number(cents) / 100)}`;
  }
  return format.format(Number(cents) / 100);
}

/** Where an opportunity is on the board: its column's index and its index in the column. */
export type OpportunityPlace = { column: number; index: number };

/**
 * Where an opportunity is on the board, or null.
 *
 * @example findOpportunity(board.columns, 7) // { column: 2, index: 0 }
 */
export function findOpportunity(columns: readonly PipelineColumn[], id: number): OpportunityPlace | null {
  for (const [column, { opportunities }] of columns.entries()) {
    const index = opportunities.findIndex((opportunity) => opportunity.id === id);
    if (index >= 0) return { column, index };
  }
  return null;
}

/**
 * The totals line as the API computes it: over the open stages only (won and lost are closed business).
 *
 * @example openTotals(columns) // { count: 3, amount: '350000.00', weighted_amount: '87500.00' }
 */
export function openTotals(columns: readonly PipelineColumn[]): PipelineTotals {
  const open = columns.filter((column) => column.stage.kind === 'open');
  const sum = (values: string[]) => centsAmount(values.reduce((total, value) => total + amountCents(value), 0n));
  return {
    count: open.reduce((count, column) => count + column.count, 0),
    amount: sum(open.map((column) => column.amount)),
    weighted_amount: sum(open.map((column) => column.weighted_amount)),
  };
}

/**
 * The board with an opportunity moved to the top of another stage's column (the API orders a column by the time
 * of the last move), with its stage, probability and status changed, the two columns' count, amount and weighted
 * amount adjusted and the totals recomputed. The input stays as it was: it is the snapshot to roll back to.
 *
 * @example moveOpportunityCard(board, 7, 12).columns[3].opportunities[0].id // 7
 */
export function moveOpportunityCard(board: PipelineBoardData, id: number, toStageId: number): PipelineBoardData {
  const from = findOpportunity(board.columns, id);
  const to = board.columns.findIndex((column) => column.stage.id === toStageId);
  if (!from || to < 0 || from.column === to) return board;
  const opportunity = board.columns[from.column]!.opportunities[from.index]!;
  const stage = board.columns[to]!.stage;
  const moved: PipelineOpportunity = { ...opportunity, stage_id: stage.id, stage_name: stage.name, probability: stage.probability, status: stage.kind };
  const amount = amountCents(opportunity.amount);
  const columns = board.columns.map((column, index) => {
    if (index === from.column) {
      return {
        ...column,
        count: Math.max(0, column.count - 1),
        amount: centsAmount(amountCents(column.amount) - amount),
        weighted_amount: centsAmount(amountCents(column.weighted_amount) - weightedCents([opportunity])),
        opportunities: column.opportunities.filter((candidate) => candidate.id !== id),
      };
    }
    if (index === to) {
      return {
        ...column,
        count: column.count + 1,
        amount: centsAmount(amountCents(column.amount) + amount),
        weighted_amount: centsAmount(amountCents(column.weighted_amount) + weightedCents([moved])),
        opportunities: [moved, ...column.opportunities],
      };
    }
    return column;
  });
  return { ...board, columns, totals: openTotals(columns) };
}

/**
 * Overdue: still open and expected to close before today (Beijing days).
 *
 * @example isOverdue({ status: 'open', expected_close_date: '2026-11-20' }, '2026-11-26') // true
 */
export function isOverdue(opportunity: Pick<PipelineOpportunity, 'status' | 'expected_close_date'>, today: string): boolean {
  return opportunity.status === 'open' && opportunity.expected_close_date !== null && opportunity.expected_close_date < today;
}

/** The keys that move a picked-up card between stages. */
export type StageKey = 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/**
 * The column a picked-up card goes to on a key: the neighbouring stage, or the first or last one; it stops at
 * the ends. Order within a column is the API's (most recently moved first), so there is no up and down.
 *
 * @example stageStep(6, 2, 'ArrowRight') // 3
 */
export function stageStep(columnCount: number, column: number, key: StageKey): number {
  if (key === 'Home') return 0;
  if (key === 'End') return columnCount - 1;
  return Math.min(columnCount - 1, Math.max(0, column + (key === 'ArrowLeft' ? -1 : 1)));
}

/**
 * The `owner` attribute as the board's query: `mine`, a user id, or nothing (everyone the caller may see); null
 * for a value that names no one.
 *
 * @example ownerFilter('mine') // { mine: 'true' }
 * @example ownerFilter('17') // { owner_id: 17 }
 */
export function ownerFilter(owner: string | null | undefined): { mine?: 'true'; owner_id?: number } | null {
  const value = (owner ?? '').trim();
  if (!value || value === 'all') return {};
  if (value === 'mine' || value === 'me') return { mine: 'true' };
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? { owner_id: id } : null;
}

/**
 * The board with one opportunity replaced by the version the API returned (after a move), where it is.
 *
 * @example replaceOpportunity(board, saved).columns[4].opportunities[0].contract_id // 31
 */
export function replaceOpportunity(board: PipelineBoardData, saved: PipelineOpportunity): PipelineBoardData {
  const place = findOpportunity(board.columns, saved.id);
  if (!place) return board;
  const columns = board.columns.map((column, index) =>
    index === place.column ? { ...column, opportunities: column.opportunities.map((o) => (o.id === saved.id ? saved : o)) } : column,
  );
  return { ...board, columns };
}

/**
 * The `If-Match` of a move, from the card's version as the board last saw it (the API's ETag is built from the id
 * and the version, so no extra read is needed) — one changed or moved since answers 412, which is the point.
 *
 * @example opportunityEtag({ id: 7, version: 3 }) // '"opportunity-7-v3"'
 */
export function opportunityEtag(opportunity: Pick<PipelineOpportunity, 'id' | 'version'>): string {
  return `"opportunity-${opportunity.id}-v${opportunity.version}"`;
}
