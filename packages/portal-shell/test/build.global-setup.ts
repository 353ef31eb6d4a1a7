import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the shell before the browser tests, so they always test the current source. */
export default async function buildShell(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
