import type { STAGE_KINDS } from './sales-pipeline.schema.ts';

export type StageKind = (typeof STAGE_KINDS)[number];
export type StageSpec = { code: string; name: string; position: number; probability: number; kind: StageKind };

/** The stages every tenant's default pipeline starts with. */
export const DEFAULT_STAGES: readonly StageSpec[] = [
  { code: 'qualification', name: '线索确认', position: 1, probability: 10, kind: 'open' },
  { code: 'needs_analysis', name: '需求分析', position: 2, probability: 25, kind: 'open' },
  { code: 'proposal', name: '方案报价', position: 3, probability: 50, kind: 'open' },
  { code: 'negotiation', name: '商务谈判', position: 4, probability: 75, kind: 'open' },
  { code: 'won', name: '赢单', position: 5, probability: 100, kind: 'won' },
  { code: 'lost', name: '输单', position: 6, probability: 0, kind: 'lost' },
];

/**
 * What is wrong with a pipeline's stages, or an empty list: positions and codes must be unique, at least one
 * stage open, exactly one won and one lost stage (the won stage is where contracts start, the lost one where
 * reasons are recorded).
 * @example stageProblems(DEFAULT_STAGES) // []
 */
export function stageProblems(stages: readonly StageSpec[]): string[] {
  const problems: string[] = [];
  if (new Set(stages.map((s) => s.position)).size !== stages.length) problems.push('positions must be unique');
  if (new Set(stages.map((s) => s.code)).size !== stages.length) problems.push('codes must be unique');
  const count = (kind: StageKind) => stages.filter((s) => s.kind === kind).length;
  if (count('open') < 1) problems.push('at least one open stage');
  if (count('won') !== 1) problems.push('exactly one won stage');
  if (count('lost') !== 1) problems.push('exactly one lost stage');
  return problems;
}
