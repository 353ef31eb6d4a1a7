import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './sales-pipeline.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import type { Pipeline, PipelineCreate, PipelineStage } from './opportunities.contract.ts';
import { DEFAULT_STAGES, stageProblems, type StageSpec } from './pipeline-stages.ts';
import { pipelines, pipelineStages } from './sales-pipeline.schema.ts';

type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof pipelineStages.$inferSelect;

/** The API shape of a stage row. */
export const toStage = (row: StageRow): PipelineStage => ({ id: row.id, code: row.code, name: row.name, position: row.position, probability: row.probability, kind: row.kind as PipelineStage['kind'] });

async function insertPipeline(scope: RequestScope, name: string, isDefault: boolean, stages: readonly StageSpec[]): Promise<PipelineRow | undefined> {
  const [row] = await scope.tx.insert(pipelines).values({ tenant_id: scope.tenantId, name, is_default: isDefault }).onConflictDoNothing().returning();
  if (!row) return undefined;
  await scope.tx.insert(pipelineStages).values(stages.map((s) => ({ ...s, tenant_id: scope.tenantId, pipeline_id: row.id })));
  return row;
}

/**
 * The tenant's default pipeline, created with the standard stages on first use. Two first readers racing
 * meet on the one-default unique index; the loser reads the winner's pipeline.
 * @example const pipelineId = await defaultPipelineId(scope);
 */
export async function defaultPipelineId(scope: RequestScope): Promise<number> {
  const find = () => scope.tx.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.tenant_id, scope.tenantId), eq(pipelines.is_default, true)));
  const [existing] = await find();
  if (existing) return existing.id;
  const created = await insertPipeline(scope, '标准销售管道', true, DEFAULT_STAGES);
  if (created) return created.id;
  const [winner] = await find();
  if (!winner) throw new ApiError('internal');
  return winner.id;
}

/** Stages of a pipeline of the tenant in order, or 404. */
export async function stagesOf(scope: RequestScope, pipelineId: number): Promise<StageRow[]> {
  const rows = await scope.tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenant_id, scope.tenantId), eq(pipelineStages.pipeline_id, pipelineId)))
    .orderBy(asc(pipelineStages.position));
  if (rows.length === 0) throw new ApiError('pipeline.not_found', { id: pipelineId });
  return rows;
}

/** A pipeline of the tenant without its stages, or 404. */
export async function findPipeline(scope: RequestScope, id: number): Promise<PipelineRow> {
  const [row] = await scope.tx.select().from(pipelines).where(and(eq(pipelines.tenant_id, scope.tenantId), eq(pipelines.id, id)));
  if (!row) throw new ApiError('pipeline.not_found', { id });
  return row;
}

/**
 * Every pipeline of the tenant with its stages, the default first (seeding it on the first read).
 * @example (await listPipelines(scope))[0].stages.map((s) => s.name) // ['线索确认', '需求分析', …]
 */
export async function listPipelines(scope: RequestScope): Promise<Pipeline[]> {
  await defaultPipelineId(scope);
  const rows = await scope.tx.select().from(pipelines).where(eq(pipelines.tenant_id, scope.tenantId)).orderBy(desc(pipelines.is_default), asc(pipelines.id));
  const stages = await scope.tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenant_id, scope.tenantId), inArray(pipelineStages.pipeline_id, rows.map((r) => r.id))))
    .orderBy(asc(pipelineStages.position));
  return rows.map((row) => ({ id: row.id, name: row.name, is_default: row.is_default, stages: stages.filter((s) => s.pipeline_id === row.id).map(toStage) }));
}

/**
 * Creates a pipeline with custom stages (422 `pipeline.invalid` with the problems when they do not make a
 * pipeline); as the new default it takes the flag from the previous one.
 * @example await createPipeline(scope, { name: '大客户', is_default: false, stages: [...] })
 */
export async function createPipeline(scope: RequestScope, input: PipelineCreate): Promise<Pipeline> {
  const problems = stageProblems(input.stages);
  if (problems.length > 0) throw new ApiError('pipeline.invalid', { problems });
  await defaultPipelineId(scope);
  if (input.is_default) {
    await scope.tx.update(pipelines).set({ is_default: false, updated_at: new Date() }).where(and(eq(pipelines.tenant_id, scope.tenantId), eq(pipelines.is_default, true)));
  }
  const row = await insertPipeline(scope, input.name, input.is_default, input.stages);
  if (!row) throw new ApiError('conflict');
  const stages = await stagesOf(scope, row.id);
  const pipeline = { id: row.id, name: row.name, is_default: row.is_default, stages: stages.map(toStage) };
  await audit(scope, { action: 'pipeline.created', entity_type: 'pipeline', entity_id: row.id, after: pipeline });
  return pipeline;
}
