/**
 * `pnpm test`: every suite in one vitest run — API and database on PGlite; the same again on Postgres
 * when DATABASE_URL is set (each test file gets its own database); the SDK against the real app; the
 * browser suite in Chromium when one is found (required when CI is set). Ends with
 * `tests: N passed, N failed`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binOf, runNode } from './run-node-bin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (process.env.CI && process.env.CRM_BROWSER_TESTS !== '0' && !existsSync(chromium)) {
  console.error(`CI is set but no Chromium at ${chromium}: the browser suite is required (apt-get install -y chromium).`);
  process.exit(1);
}

mkdirSync(path.join(root, '.tmp'), { recursive: true });
const report = path.join(root, '.tmp', 'vitest-report.json');
const vitest = binOf(root, 'vitest');
const code = await runNode(vitest, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { cwd: root });

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests ?? 0;
  failed = (result.numFailedTests ?? 0) + (result.numRuntimeErrorTests ?? 0) + (code !== 0 && (result.numFailedTests ?? 0) === 0 ? 1 : 0);
} else if (code !== 0) {
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(code);
