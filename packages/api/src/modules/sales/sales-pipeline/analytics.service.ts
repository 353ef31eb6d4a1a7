import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import '../../analytics/portfolio-analytics/portfolio-analytics.public.ts'; // registers analytics.range_invalid, which the funnel throws too
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory } from '../../customers/customers/customers.public.ts';
import type { FunnelQuery, WinProbability } from './analytics.contract.ts';
import { computeFunnel, type FunnelResult } from './funnel.ts';
import { findOpportunity, visibleOpportunities } from './opportunities.service.ts';
import { defaultPipelineId, stagesOf } from './pipelines.service.ts';
import { opportunities, opportunityStageHistory, pipelineStages } from './sales-pipeline.schema.ts';
import { MIN_TRAINING_SIZE, trainWinModel, winProbability, type WinExample } from './win-probability.ts';

const DAY_MS = 86_400_000;
/** The most recent closed opportunities a win model learns from. */
const TRAINING_WINDOW = 2000;

/**
 * The funnel of a pipeline over a range (default: the current year), optionally for one owner, over the
 * opportunities the caller may see.
 * @example await salesFunnel(scope, { granularity: 'quarter' })
 */
export async function salesFunnel(scope: RequestScope, query: FunnelQuery, now = new Date()): Promise<FunnelResult & { pipeline_id: number; from: string; to: string; granularity: FunnelQuery['granularity'] }> {
  const year = businessDate(now).slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to) throw new ApiError('analytics.range_invalid', { from, to });
  const pipelineId = query.pipeline_id ?? (await defaultPipelineId(scope));
  const stages = await stagesOf(scope, pipelineId);
  const where = and(eq(opportunities.tenant_id, scope.tenantId), eq(opportunities.pipeline_id, pipelineId), visibleOpportunities(scope), query.owner_id ? eq(opportunities.owner_id, query.owner_id) : undefined);
  const rows = await scope.tx.select().from(opportunities).where(where);
  const history = rows.length === 0 ? [] : await scope.tx
    .select({ opportunity_id: opportunityStageHistory.opportunity_id, to_stage_id: opportunityStageHistory.to_stage_id, changed_at: opportunityStageHistory.changed_at })
    .from(opportunityStageHistory)
    .innerJoin(opportunities, and(eq(opportunities.tenant_id, opportunityStageHistory.tenant_id), eq(opportunities.id, opportunityStageHistory.opportunity_id)))
    .where(where);
  const result = computeFunnel(
    stages.map((s) => ({ ...s, kind: s.kind as 'open' | 'won' | 'lost' })),
    rows.map((o) => ({
      id: o.id,
      status: o.status as 'open' | 'won' | 'lost',
      amount: Number(o.amount),
      owner_id: o.owner_id,
      stage_id: o.stage_id,
      expected_close_date: o.expected_close_date,
      closed_on: o.closed_at ? businessDate(o.closed_at) : null,
      created_on: businessDate(o.created_at),
    })),
    history,
    { from, to, granularity: query.granularity },
  );
  return { pipeline_id: pipelineId, from, to, granularity: query.granularity, ...result };
}

/**
 * The tenant's recently closed opportunities as training examples, judged at the last open stage before
 * closing; below the training minimum only their number.
 */
async function closedExamples(scope: RequestScope): Promise<{ size: number; examples: WinExample[] }> {
  const closed = await scope.tx
    .select({ opportunity: opportunities, level: customerDirectory.level })
    .from(opportunities)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, opportunities.tenant_id), eq(customerDirectory.id, opportunities.customer_id)))
    .where(and(eq(opportunities.tenant_id, scope.tenantId), or(eq(opportunities.status, 'won'), eq(opportunities.status, 'lost'))))
    .orderBy(desc(opportunities.closed_at))
    .limit(TRAINING_WINDOW);
  if (closed.length < MIN_TRAINING_SIZE) return { size: closed.length, examples: [] };
  const history = await scope.tx
    .select({ opportunity_id: opportunityStageHistory.opportunity_id, to_stage_id: opportunityStageHistory.to_stage_id, changed_at: opportunityStageHistory.changed_at, probability: pipelineStages.probability })
    .from(opportunityStageHistory)
    .innerJoin(pipelineStages, and(eq(pipelineStages.tenant_id, opportunityStageHistory.tenant_id), eq(pipelineStages.id, opportunityStageHistory.to_stage_id)))
    .where(and(eq(opportunityStageHistory.tenant_id, scope.tenantId), inArray(opportunityStageHistory.opportunity_id, closed.map((c) => c.opportunity.id))));
  const entriesOf = new Map<number, typeof history>();
  for (const entry of history.sort((a, b) => a.changed_at.getTime() - b.changed_at.getTime() || a.to_stage_id - b.to_stage_id)) {
    entriesOf.set(entry.opportunity_id, [...(entriesOf.get(entry.opportunity_id) ?? []), entry]);
  }
  const examples = closed.map(({ opportunity: o, level }) => {
    const entries = entriesOf.get(o.id) ?? [];
    const lastOpen = entries.length >= 2 ? entries[entries.length - 2] : undefined;
    const closedAt = (o.closed_at ?? o.updated_at).getTime();
    return {
      won: o.status === 'won',
      features: {
        amount: Number(o.amount),
        stage_probability: lastOpen?.probability ?? 0,
        days_open: (closedAt - o.created_at.getTime()) / DAY_MS,
        days_in_stage: (closedAt - (lastOpen?.changed_at ?? o.created_at).getTime()) / DAY_MS,
        has_next_step: Boolean(o.next_step),
        customer_level: level,
        source: o.source,
      },
    };
  });
  return { size: closed.length, examples };
}

/**
 * The probability that an opportunity is won, learnt from the tenant's own closed opportunities (logistic
 * regression, trained on request), with the factors that drive it; below 20 closed ones the stage probability.
 * @example (await opportunityWinProbability(scope, 7)).model // 'logistic_regression'
 */
export async function opportunityWinProbability(scope: RequestScope, id: number, now = new Date()): Promise<WinProbability> {
  const { opportunity: o, probability: stageProbability } = await findOpportunity(scope, id);
  const { size, examples } = await closedExamples(scope);
  const fallback = { opportunity_id: id, probability: stageProbability / 100, model: 'stage_default' as const, stage_probability: stageProbability, training_size: size, factors: [] };
  if (size < MIN_TRAINING_SIZE || o.status !== 'open') return fallback;
  const wins = examples.filter((e) => e.won).length;
  // One class only teaches nothing about what separates wins from losses.
  if (wins === 0 || wins === examples.length) return fallback;
  const [customer] = await scope.tx
    .select({ level: customerDirectory.level })
    .from(customerDirectory)
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, o.customer_id)));
  const model = trainWinModel(examples);
  const scored = winProbability(model, {
    amount: Number(o.amount),
    stage_probability: stageProbability,
    days_open: (now.getTime() - o.created_at.getTime()) / DAY_MS,
    days_in_stage: (now.getTime() - o.stage_entered_at.getTime()) / DAY_MS,
    has_next_step: Boolean(o.next_step),
    customer_level: customer?.level ?? 1,
    source: o.source,
  });
  return { opportunity_id: id, probability: scored.probability, model: 'logistic_regression', stage_probability: stageProbability, training_size: examples.length, factors: scored.factors };
}
