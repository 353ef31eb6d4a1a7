import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Resolves a package's CLI entry from a workspace package, so scripts never need pnpm or npx on PATH. */
export function binOf(fromPackageDir, pkg, bin) {
  const require = createRequire(path.join(fromPackageDir, 'package.json'));
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = require(manifestPath);
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin ?? pkg];
  return path.join(path.dirname(manifestPath), entry);
}

/** Runs `node <script> ...args`, inheriting stdio; resolves with the exit code. */
export function runNode(script, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
