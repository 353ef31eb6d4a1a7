import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { knownErrorCodes } from '../errors.ts';

/**
 * A module's error codes are registered when its `<module>.errors.ts` is imported, so a file that throws a code
 * must load that file first, or a service called without the app (a unit test, a job) fails with "not registered"
 * instead of answering the code. These checks read the source: the rule holds for paths no test reaches.
 */

const modulesRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../modules');
const sourceFiles = (readdirSync(modulesRoot, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => path.join(modulesRoot, file));

/** The files a source file loads when it is imported: value imports and re-exports (type-only ones load nothing). */
function loadedFiles(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)].map((match) => match[1]!);
  return new Set(specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => path.resolve(path.dirname(file), specifier)));
}

/** The source without its comments: a code in an `@example` is thrown by nobody. */
const withoutComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** Every module's codes, by code: the errors file that registers it. */
async function moduleCodeOwners(): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const file of sourceFiles.filter((f) => f.endsWith('.errors.ts'))) {
    const catalogues = Object.values(await import(pathToFileURL(file).href)) as Record<string, unknown>[];
    for (const code of catalogues.flatMap((catalogue) => Object.keys(catalogue))) owners.set(code, file);
  }
  return owners;
}

describe('error code registration', () => {
  it('gives each module folder at most one errors file, named after the folder, with codes the platform does not own', async () => {
    const platformCodes = new Set<string>(knownErrorCodes());
    const owners = await moduleCodeOwners();
    expect(owners.size).toBeGreaterThan(100);
    expect([...owners.keys()].filter((code) => platformCodes.has(code))).toEqual([]);
    const misnamed = [...new Set(owners.values())].filter((file) => path.basename(file) !== `${path.basename(path.dirname(file))}.errors.ts`);
    expect(misnamed).toEqual([]);
  });

  it('loads the owning errors file in every file that names a module code: directly in its module, else through the owner’s front door', async () => {
    const owners = await moduleCodeOwners();
    const missing: string[] = [];
    for (const file of sourceFiles.filter((f) => !f.endsWith('.errors.ts'))) {
      const codes = new Set([...withoutComments(readFileSync(file, 'utf8')).matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((match) => match[1]!).filter((code) => owners.has(code)));
      const loads = loadedFiles(file);
      for (const code of codes) {
        const errorsFile = owners.get(code)!;
        const ownFolder = path.dirname(errorsFile);
        const frontDoor = errorsFile.replace(/\.errors\.ts$/, '.public.ts');
        const inOwnModule = path.dirname(file) === ownFolder;
        const registered = inOwnModule ? loads.has(errorsFile) : loads.has(frontDoor) && loadedFiles(frontDoor).has(errorsFile);
        const route = inOwnModule ? 'directly' : `through ${path.relative(modulesRoot, frontDoor)}`;
        if (!registered) missing.push(`${path.relative(modulesRoot, file)} names ${code} but does not load ${path.relative(modulesRoot, errorsFile)} ${route}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
