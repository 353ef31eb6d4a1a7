/**
 * # Churn models of a tenant
 *
 * A model trained outside the request (the `churn:train` command, or the demo seed) is stored here and made
 * the active one; `recomputeHealth` reads the newest active model on every recomputation, so there is no
 * cache to refresh. The API and the command both go through `storeChurnModel`, so the rules are one.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './health.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { ChurnModelFile } from './churn-models.contract.ts';
import { churnModels } from './health.schema.ts';

type ChurnModelRow = typeof churnModels.$inferSelect;

/** A stored model as the API lists it: no coefficients, but the feature names and the backtest. */
export type ChurnModelSummary = {
  id: number;
  kind: string;
  active: boolean;
  features: string[];
  high_risk_threshold: number;
  metrics: ChurnModelFile['metrics'];
  trained_on: Record<string, unknown>;
  created_by: string | null;
  created_at: string;
};

const summaryOf = (row: ChurnModelRow): ChurnModelSummary => ({
  id: row.id,
  kind: row.kind,
  active: row.active,
  features: (row.parameters.features as string[] | undefined) ?? [],
  high_risk_threshold: Number(row.parameters.high_risk_threshold ?? 0),
  metrics: row.metrics as ChurnModelFile['metrics'],
  trained_on: row.trained_on,
  created_by: row.created_by,
  created_at: formatLocalDateTime(row.created_at),
});

/**
 * The tenant's models, newest first.
 * @example (await listChurnModels(scope)).find((m) => m.active)?.metrics.roc_auc // 0.83
 */
export async function listChurnModels(scope: RequestScope): Promise<ChurnModelSummary[]> {
  const rows = await scope.tx.select().from(churnModels).where(eq(churnModels.tenant_id, scope.tenantId)).orderBy(desc(churnModels.id));
  return rows.map(summaryOf);
}

/**
 * The problems of a model file, one line each (`parameters.weights: needs one number per feature (21), got 20`); empty when it can be stored.
 * @example churnModelFileProblems(JSON.parse(readFileSync('model.json', 'utf8'))) // []
 */
export function churnModelFileProblems(file: unknown): string[] {
  const parsed = ChurnModelFile.safeParse(file);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** Serialises model changes of a tenant, so two activations cannot both leave their model active. */
const lockModels = (scope: RequestScope) => scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext('crm.churn_models'), ${scope.tenantId}::int)`);

async function activate(scope: RequestScope, row: ChurnModelRow, action: 'churn_model.created' | 'churn_model.activated', previous: number[]): Promise<ChurnModelSummary> {
  const summary = summaryOf(row);
  await audit(scope, { action, entity_type: 'churn_model', entity_id: row.id, before: { active_model_ids: previous }, after: { ...summary, parameters: row.parameters } });
  await emitEvent(scope, { type: 'churn_model.activated', entity_type: 'churn_model', entity_id: row.id, payload: { previous_model_ids: previous, roc_auc: summary.metrics.roc_auc } });
  return summary;
}

/** Deactivates every active model but `keep` and returns the ids that were active before. */
async function deactivateOthers(scope: RequestScope, keep: number | null): Promise<number[]> {
  const rows = await scope.tx
    .update(churnModels)
    .set({ active: false })
    .where(and(eq(churnModels.tenant_id, scope.tenantId), eq(churnModels.active, true), keep === null ? undefined : sql`${churnModels.id} <> ${keep}`))
    .returning({ id: churnModels.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Validates a model file (what `churn:train` writes), stores it as the tenant's active model and deactivates
 * the others, in the caller's transaction; audited and announced as `churn_model.activated`. A file that does
 * not validate throws 400 `request.invalid` with `problems` and writes nothing.
 * @example const model = await storeChurnModel(scope, JSON.parse(readFileSync('model.json', 'utf8')));
 */
export async function storeChurnModel(scope: RequestScope, file: unknown): Promise<ChurnModelSummary> {
  const parsed = ChurnModelFile.safeParse(file);
  if (!parsed.success) throw new ApiError('request.invalid', { problems: churnModelFileProblems(file) });
  const { parameters, metrics, trained_on } = parsed.data;
  await lockModels(scope);
  const previous = await deactivateOthers(scope, null);
  const [row] = await scope.tx
    .insert(churnModels)
    .values({ tenant_id: scope.tenantId, kind: parameters.kind, parameters, metrics, trained_on, active: true, created_by: scope.principal.subject.slice(0, 100) })
    .returning();
  return activate(scope, row!, 'churn_model.created', previous);
}

/**
 * Makes an earlier model the active one again (roll back); 404 `churn_model.not_found` for an unknown id.
 * @example await activateChurnModel(scope, 3)
 */
export async function activateChurnModel(scope: RequestScope, id: number): Promise<ChurnModelSummary> {
  await lockModels(scope);
  const [found] = await scope.tx.select({ id: churnModels.id }).from(churnModels).where(and(eq(churnModels.tenant_id, scope.tenantId), eq(churnModels.id, id)));
  if (!found) throw new ApiError('churn_model.not_found', { id });
  const previous = await deactivateOthers(scope, id);
  const [row] = await scope.tx.update(churnModels).set({ active: true }).where(and(eq(churnModels.tenant_id, scope.tenantId), eq(churnModels.id, id))).returning();
  return activate(scope, row!, 'churn_model.activated', previous);
}
