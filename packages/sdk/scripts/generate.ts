/**
 * Regenerates the SDK's contract from the API's routes: `packages/sdk/openapi.json` and
 * `packages/sdk/src/schema.d.ts`. No database, no server: the API builds its OpenAPI document offline.
 *
 *   pnpm contract          writes both files
 *   pnpm contract:check    exits 1 naming the stale file(s) when the committed ones differ
 */
import { buildOpenApiDocument } from '@crm/api';
import { renderContract, staleFiles, writeContract } from './contract.ts';

const check = process.argv.includes('--check');

let document: object;
try {
  document = buildOpenApiDocument();
} catch (error) {
  // zod-to-openapi throws on route definitions it cannot describe (e.g. a header parameter whose
  // `param.name` differs from its key); say where to look instead of printing a bare stack.
  console.error('The API could not build its OpenAPI document (buildOpenApiDocument in packages/api/src/app.ts):');
  console.error(error);
  if (/Conflicting names for parameter/.test(String((error as { message?: unknown } | null)?.message))) {
    console.error(
      "Hint: a route declares a parameter whose `.openapi({ param: { name } })` differs from its key (e.g. key 'if-match', name 'If-Match').\n" +
        'Declare headers by their lower-case key without `name`, as packages/api/src/platform/http/headers.ts does.',
    );
  }
  process.exit(1);
}

const files = await renderContract(document);
if (check) {
  const stale = await staleFiles(files);
  if (stale.length > 0) {
    console.error(`The committed API contract is stale: ${stale.join(', ')}.\nRun \`pnpm contract\` and commit the result.`);
    process.exit(1);
  }
  console.log('API contract up to date: packages/sdk/openapi.json, packages/sdk/src/schema.d.ts');
} else {
  await writeContract(files);
  console.log('Wrote packages/sdk/openapi.json and packages/sdk/src/schema.d.ts');
}
