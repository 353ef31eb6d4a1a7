import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@crm/api';
import { CONTRACT_PATHS, renderContract, staleFiles } from './contract.ts';

describe('the committed API contract', () => {
  it('is what the API generates now (else run `pnpm contract`)', async () => {
    const stale = await staleFiles(await renderContract(buildOpenApiDocument()));
    expect(stale, 'stale contract files; run `pnpm contract` and commit them').toEqual([]);
  });

  it('would be reported stale after any change to the routes', async () => {
    const document = buildOpenApiDocument();
    const schemas = { ...document.components?.schemas, StaleCheckProbe: { type: 'string' as const } };
    const changed = { ...document, components: { ...document.components, schemas } };
    expect(await staleFiles(await renderContract(changed))).toEqual([`packages/sdk/${CONTRACT_PATHS.openapi}`, `packages/sdk/${CONTRACT_PATHS.schema}`]);
  });
});
