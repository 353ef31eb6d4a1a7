import { CrmError } from '@crm/sdk';
import type { CrmWidgetConfig } from '../config/config.js';
import { describeLoadFailure, type LoadFailure } from '../config/load-failure.js';
import { opportunityEtag, ownerFilter, type PipelineBoardData, type PipelineOpportunity } from './opportunity-pipeline.format.js';
import type { OpportunityPipelineMessages } from './opportunity-pipeline.messages.js';

/** What the pipeline shows: the board, the caller's name and what the caller may do. */
export type PipelineData = { board: PipelineBoardData; me: { id: number | null; name: string; canMove: boolean } };

/** The board's filters, from the attributes. */
export type PipelineQuery = { pipelineId: string; owner: string };

/** Raised when no `<crm-provider>` or `configure()` gave the pipeline a client. */
export { NotConfiguredError } from '../config/load-failure.js';

/** Raised for an `owner` attribute that names no one. */
export class OwnerFilterError extends Error {}

/**
 * The pipeline (the `pipeline-id`, else the tenant's default from `GET /pipelines`), its board and the caller. An
 * `owner` filter goes to the board endpoint as `mine=true` or `owner_id`, so the columns, counts, sums and totals
 * are the API's for that owner.
 */
export async function loadPipeline(config: CrmWidgetConfig, query: PipelineQuery, signal?: AbortSignal): Promise<PipelineData> {
  const owner = ownerFilter(query.owner);
  if (!owner) throw new OwnerFilterError(query.owner);
  const [pipelineId, me] = await Promise.all([resolvePipelineId(config, query.pipelineId, signal), config.client.GET('/api/v1/auth/me', { signal })]);
  const { data, error } = await config.client.GET('/api/v1/pipelines/{id}/board', { params: { path: { id: pipelineId }, query: owner }, signal });
  if (error) throw error;
  const user = me.data;
  return { board: data, me: { id: user?.id ?? null, name: user?.display_name || user?.username || '', canMove: Boolean(user?.permissions.includes('opportunity:write')) } };
}

async function resolvePipelineId(config: CrmWidgetConfig, pipelineId: string, signal?: AbortSignal): Promise<number> {
  if (pipelineId) {
    const id = Number(pipelineId);
    // Ids are positive integers: anything else cannot name a pipeline, so say so as the API would, without asking it.
    if (!Number.isSafeInteger(id) || id <= 0) throw new CrmError({ status: 404, code: 'pipeline.not_found', message: `pipeline-id="${pipelineId}"` });
    return id;
  }
  const { data, error } = await config.client.GET('/api/v1/pipelines', { signal });
  if (error) throw error;
  const pipeline = data.items.find((candidate) => candidate.is_default) ?? data.items[0];
  if (!pipeline) throw new CrmError({ status: 404, code: 'pipeline.not_found', message: 'no pipeline' });
  return pipeline.id;
}

/**
 * Moves an opportunity to a stage (with the reason when it is the lost stage) as of the version the board saw: one
 * changed or moved since answers 412. The answer carries the new version, and `contract_id` after a win.
 */
export async function moveOpportunityRequest(
  config: CrmWidgetConfig,
  opportunity: Pick<PipelineOpportunity, 'id' | 'version'>,
  move: { stage_id: number; lost_reason?: string },
): Promise<PipelineOpportunity> {
  const { data, error } = await config.client.POST('/api/v1/opportunities/{id}/move', {
    params: { path: { id: opportunity.id } },
    headers: { 'If-Match': opportunityEtag(opportunity) },
    body: move,
  });
  if (error) throw error;
  return data;
}

/** A load failure as the pipeline says it: `kind` `forbidden` is a calm note, not an alert. */
export function describeError(error: unknown, t: OpportunityPipelineMessages): LoadFailure {
  if (error instanceof OwnerFilterError) return { text: t.badOwner, retryable: false, requestId: undefined, status: 0, kind: 'error' };
  return describeLoadFailure(error, t);
}

/** Whether a failed move was refused because the opportunity changed since the board read it (412). */
export function isStale(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Partial<CrmError>).status === 412;
}

/** The API's own message of a failed write (already in the request's language) after the board's. */
export function writeFailure(error: unknown, fallback: string): string {
  const failure = (typeof error === 'object' && error !== null ? error : undefined) as Partial<CrmError> | undefined;
  return failure?.message ? `${fallback} ${failure.message}` : fallback;
}
