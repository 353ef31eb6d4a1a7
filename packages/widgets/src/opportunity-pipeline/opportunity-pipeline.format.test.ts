import { describe, expect, it } from 'vitest';
import {
  amountCents,
  centsAmount,
  formatMoney,
  isOverdue,
  moveOpportunityCard,
  opportunityEtag,
  openTotals,
  ownerFilter,
  replaceOpportunity,
  stageStep,
  weightedCents,
  type PipelineBoardData,
  type PipelineColumn,
  type PipelineOpportunity,
  type PipelineStage,
} from './opportunity-pipeline.format.js';
import { opportunityPipelineMessages, stageLabel } from './opportunity-pipeline.messages.js';

const stages: PipelineStage[] = [
  { id: 11, code: 'qualification', name: '线索确认', position: 1, probability: 10, kind: 'open' },
  { id: 12, code: 'proposal', name: '方案报价', position: 3, probability: 50, kind: 'open' },
  { id: 13, code: 'won', name: '赢单', position: 5, probability: 100, kind: 'won' },
  { id: 14, code: 'lost', name: '输单', position: 6, probability: 0, kind: 'lost' },
];

function opportunity(id: number, stage: PipelineStage, amount: string, extra: Partial<PipelineOpportunity> = {}): PipelineOpportunity {
  return {
    id,
    name: `商机 ${id}`,
    customer_id: 1,
    customer_name: '星辰物流有限公司',
    lead_id: null,
    pipeline_id: 1,
    stage_id: stage.id,
    stage_name: stage.name,
    probability: stage.probability,
    status: stage.kind,
    amount,
    currency: 'CNY',
    expected_close_date: null,
    next_step: null,
    owner_id: 5,
    owner_name: '李销售',
    source: null,
    lost_reason: null,
    closed_at: null,
    contract_id: null,
    stage_entered_at: `2026-11-${String(10 + id).padStart(2, '0')} 09:00:00`,
    version: 1,
    created_at: '2026-11-01 09:00:00',
    updated_at: '2026-11-01 09:00:00',
    ...extra,
  };
}

const pipeline = { id: 1, name: '标准销售管道', is_default: true };
const [qualification, proposal, won, lost] = stages as [PipelineStage, PipelineStage, PipelineStage, PipelineStage];

describe('amountCents and centsAmount', () => {
  it.each([
    ['250000.00', 25000000n, '250000.00'],
    ['250000.5', 25000050n, '250000.50'],
    ['12', 1200n, '12.00'],
    ['0.07', 7n, '0.07'],
    ['-3.20', -320n, '-3.20'],
    ['9007199254740993.99', 900719925474099399n, '9007199254740993.99'], // beyond a float's integers, still exact
    ['not money', 0n, '0.00'],
  ])('%s is %s cents', (amount, cents, back) => {
    expect(amountCents(amount)).toBe(cents);
    expect(centsAmount(cents)).toBe(back);
  });
});

describe('weightedCents', () => {
  it.each([
    [[{ amount: '200000.00', probability: 50 }], 10000000n],
    [[{ amount: '333.33', probability: 25 }], 8333n], // 83.3325 → 83.33
    [[{ amount: '0.02', probability: 25 }], 1n], // 0.005 → 0.01, half away from zero as numeric rounds
    // The sum is rounded once, like the API's SQL: 2 × 0.005 is 0.01, not 2 × 0.01.
    [[{ amount: '0.02', probability: 25 }, { amount: '0.02', probability: 25 }], 1n],
    [[{ amount: '-0.02', probability: 25 }], -1n],
    [[], 0n],
  ])('%j → %s cents', (items, cents) => {
    expect(weightedCents(items)).toBe(cents);
  });
});

describe('formatMoney', () => {
  it.each([
    ['zh-CN', '250000.00', 'CNY', '¥250,000.00'],
    ['en', '250000.00', 'CNY', 'CN¥250,000.00'],
    ['en', '1234.5', 'USD', '$1,234.50'],
    ['zh-CN', 0n, 'CNY', '¥0.00'],
    ['zh-CN', '10', 'XYZ', 'XYZ 10.00'], // an unknown code: the number with its code
  ] as const)('%s %s %s → %s', (locale, amount, currency, text) => {
    expect(formatMoney(locale, amount, currency).replace(/\u00a0/g, ' ')).toBe(text);
  });
});

/** A column as the API's board returns it: the count and sums of the stage's opportunities, and them as cards. */
function columnOf(stage: PipelineStage, cards: PipelineOpportunity[]): PipelineColumn {
  const amount = cards.reduce((sum, card) => sum + amountCents(card.amount), 0n);
  return { stage, count: cards.length, amount: centsAmount(amount), weighted_amount: centsAmount(weightedCents(cards)), opportunities: cards };
}

describe('openTotals', () => {
  it('totals the open stages only, as the API does', () => {
    const columns = [
      columnOf(qualification, [opportunity(1, qualification, '100000.00')]),
      columnOf(proposal, [opportunity(3, proposal, '333.33'), opportunity(2, proposal, '200000.00')]),
      columnOf(won, [opportunity(4, won, '50000.00')]),
      columnOf(lost, [opportunity(5, lost, '70000.00')]),
    ];
    expect(columns[1]!.weighted_amount).toBe('100166.67'); // 100000 + 166.665 → 166.67 once
    expect(openTotals(columns)).toEqual({ count: 3, amount: '300333.33', weighted_amount: '110166.67' });
    expect(openTotals([])).toEqual({ count: 0, amount: '0.00', weighted_amount: '0.00' });
  });

  it('counts a column by its count, which covers more than the cards it shows', () => {
    const shown = columnOf(qualification, [opportunity(1, qualification, '10.00')]);
    expect(openTotals([{ ...shown, count: 60, amount: '600.00', weighted_amount: '60.00' }])).toEqual({ count: 60, amount: '600.00', weighted_amount: '60.00' });
  });
});

describe('moveOpportunityCard', () => {
  const columns = [columnOf(qualification, [opportunity(1, qualification, '100000.00', { next_step: '演示' })]), columnOf(proposal, [opportunity(2, proposal, '200000.00')]), columnOf(won, []), columnOf(lost, [])];
  const board: PipelineBoardData = { pipeline, columns, totals: openTotals(columns) };

  it('moves the card to the top of the target stage with its stage, probability and status, and adjusts the sums', () => {
    const moved = moveOpportunityCard(board, 1, proposal.id);
    expect(moved.columns.map((c) => [c.count, c.amount, c.weighted_amount, c.opportunities.map((o) => o.id)])).toEqual([
      [0, '0.00', '0.00', []],
      [2, '300000.00', '150000.00', [1, 2]],
      [0, '0.00', '0.00', []],
      [0, '0.00', '0.00', []],
    ]);
    expect(moved.columns[1]!.opportunities[0]).toMatchObject({ id: 1, stage_id: 12, stage_name: '方案报价', probability: 50, status: 'open', next_step: '演示' });
    expect(moved.totals).toEqual({ count: 2, amount: '300000.00', weighted_amount: '150000.00' });
  });

  it('closes it as won or lost, which leaves the open totals', () => {
    const wonBoard = moveOpportunityCard(board, 2, won.id);
    expect(wonBoard.columns[2]!.opportunities[0]).toMatchObject({ id: 2, status: 'won', probability: 100 });
    expect(wonBoard.columns[2]!.weighted_amount).toBe('200000.00');
    expect(wonBoard.totals).toEqual({ count: 1, amount: '100000.00', weighted_amount: '10000.00' });
    expect(moveOpportunityCard(board, 2, lost.id).columns[3]).toMatchObject({ count: 1, amount: '200000.00', weighted_amount: '0.00' });
  });

  it('leaves the board as it was: it is the snapshot to roll back to', () => {
    const before = structuredClone(board);
    moveOpportunityCard(board, 1, won.id);
    expect(board).toEqual(before);
  });

  it.each([
    ['the same stage', 1, qualification.id],
    ['an unknown card', 99, proposal.id],
    ['an unknown stage', 1, 999],
  ])('changes nothing for %s', (_, id, stageId) => {
    expect(moveOpportunityCard(board, id, stageId)).toBe(board);
  });

  it('replaces a card by the saved version where it is', () => {
    const saved = { ...board.columns[1]!.opportunities[0]!, version: 2, contract_id: 31 };
    expect(replaceOpportunity(board, saved).columns[1]!.opportunities[0]).toMatchObject({ id: 2, version: 2, contract_id: 31 });
  });
});

describe('opportunityEtag', () => {
  it('is the ETag the API gives the version the board saw', () => {
    expect(opportunityEtag({ id: 7, version: 3 })).toBe('"opportunity-7-v3"');
  });

  it('follows the card through a previewed move (the move is sent as of the version read) and its saved answer', () => {
    const board: PipelineBoardData = { pipeline, columns: [columnOf(qualification, [opportunity(7, qualification, '10.00', { version: 3 })]), columnOf(proposal, [])], totals: { count: 1, amount: '10.00', weighted_amount: '1.00' } };
    const previewed = moveOpportunityCard(board, 7, proposal.id).columns[1]!.opportunities[0]!;
    expect(opportunityEtag(previewed)).toBe('"opportunity-7-v3"');
    const saved = replaceOpportunity(moveOpportunityCard(board, 7, proposal.id), { ...previewed, version: 4 });
    expect(opportunityEtag(saved.columns[1]!.opportunities[0]!)).toBe('"opportunity-7-v4"');
  });
});

describe('isOverdue', () => {
  it.each([
    ['open', '2026-11-25', '2026-11-26', true],
    ['open', '2026-11-26', '2026-11-26', false], // closing today is not late yet
    ['open', null, '2026-11-26', false],
    ['won', '2026-11-01', '2026-11-26', false], // closed business is never late
    ['lost', '2026-11-01', '2026-11-26', false],
  ] as const)('%s, expected %s, today %s → %s', (status, date, today, overdue) => {
    expect(isOverdue({ status, expected_close_date: date }, today)).toBe(overdue);
  });
});

describe('stageStep', () => {
  it.each([
    [2, 'ArrowRight', 3],
    [2, 'ArrowLeft', 1],
    [0, 'ArrowLeft', 0],
    [5, 'ArrowRight', 5],
    [3, 'Home', 0],
    [1, 'End', 5],
  ] as const)('from column %i, %s goes to %i of 6', (column, key, target) => {
    expect(stageStep(6, column, key)).toBe(target);
  });
});

describe('ownerFilter', () => {
  it.each([
    ['', {}],
    ['all', {}],
    ['mine', { mine: 'true' }],
    [' 17 ', { owner_id: 17 }],
    ['-3', null],
    ['bob', null],
  ])('%j → %j', (owner, filter) => {
    expect(ownerFilter(owner)).toEqual(filter);
  });
});

describe('stageLabel', () => {
  it('keeps the API name in Chinese and translates the standard stages by code in English', () => {
    expect(stageLabel(proposal, opportunityPipelineMessages('zh-CN'))).toBe('方案报价');
    expect(stageLabel(proposal, opportunityPipelineMessages('en'))).toBe('Proposal');
    expect(stageLabel({ code: 'demo', name: '演示' }, opportunityPipelineMessages('en'))).toBe('演示');
  });
});
