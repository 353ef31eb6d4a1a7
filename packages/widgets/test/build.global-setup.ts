import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the library and the gallery once before the browser tests, so they always test the current source. */
export default async function buildWidgets(): Promise<void> {
  const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
  await build({ configFile, mode: 'production', logLevel: 'warn' });
  await build({ configFile, mode: 'gallery', logLevel: 'warn' });
}
