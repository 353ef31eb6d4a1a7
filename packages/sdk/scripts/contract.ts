import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

/** A generated file: where it lives in the package and what it must contain. */
export type ContractFile = { path: string; text: string };

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The committed contract files, relative to packages/sdk. */
export const CONTRACT_PATHS = { openapi: 'openapi.json', schema: 'src/schema.d.ts' } as const;

/**
 * Renders the committed contract from an OpenAPI document: the document itself (pretty JSON, keys in the
 * order the API emits them, trailing newline) and its TypeScript types from openapi-typescript.
 * Root types (`export type Customer = components['schemas']['Customer']`) are generated too, so every schema
 * a route registers by name reaches SDK users without a hand-kept list.
 * @example const files = await renderContract(buildOpenApiDocument());
 */
export async function renderContract(document: object): Promise<ContractFile[]> {
  const openapiJson = `${JSON.stringify(document, null, 2)}\n`;
  // openapi-typescript bundles the document in place; give it its own copy.
  const ast = await openapiTS(JSON.parse(openapiJson) as OpenAPI3, {
    silent: true,
    // zod schemas serve requests and responses alike; a field with a default (customer `status`, list
    // `limit`) is optional to send, so a default must not make it required in the types.
    defaultNonNullable: false,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
  });
  return [
    { path: CONTRACT_PATHS.openapi, text: openapiJson },
    { path: CONTRACT_PATHS.schema, text: `${COMMENT_HEADER}${astToString(ast)}` },
  ];
}

/** The files whose committed text differs from what was rendered (missing files count as stale). */
export async function staleFiles(files: ContractFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const committed = await readFile(new URL(file.path, `file://${packageRoot}`), 'utf8').catch(() => null);
    if (committed !== file.text) stale.push(`packages/sdk/${file.path}`);
  }
  return stale;
}

/** Writes the rendered files into the package. */
export async function writeContract(files: ContractFile[]): Promise<void> {
  for (const file of files) await writeFile(new URL(file.path, `file://${packageRoot}`), file.text);
}
