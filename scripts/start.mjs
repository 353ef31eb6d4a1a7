/**
 * `pnpm start`: builds the portal shell and the widgets when they are not built yet, then starts the
 * API (which migrates, seeds the demo once and serves everything) on 127.0.0.1:${PORT:-3000}.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binOf, runNode } from './run-node-bin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = (name) => path.join(root, 'packages', name);

async function buildIfMissing(name, outputs, buildArgs) {
  if (outputs.every((file) => existsSync(path.join(pkg(name), file)))) return;
  console.log(`Building ${name} …`);
  for (const args of buildArgs) {
    const code = await runNode(binOf(pkg(name), 'vite'), ['build', ...args], { cwd: pkg(name) });
    if (code !== 0) process.exit(code);
  }
}

await buildIfMissing('widgets', ['dist/crm-widgets.js', 'dist/index.html'], [[], ['--mode', 'gallery']]);
await buildIfMissing('portal-shell', ['dist/index.html'], [[]]);

const env = { ...process.env, CRM_DATA_DIR: path.resolve(root, process.env.CRM_DATA_DIR ?? '.data') };
const tsx = binOf(pkg('api'), 'tsx');
const code = await runNode(tsx, [path.join(pkg('api'), 'src/server.ts')], { cwd: root, env });
process.exit(code);
