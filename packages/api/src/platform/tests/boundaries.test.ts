import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const ruleSet = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs'));
const allowlist: string[] = JSON.parse(readFileSync(path.join(root, '.dependency-cruiser-allowlist.json'), 'utf8')).violations;

describe('what may import what (.dependency-cruiser.cjs)', () => {
  it('modules meet only at front doors, platform and db stay below them, widgets and the shell reach the API only through the SDK', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const result = await cruise(['packages/api/src', 'packages/widgets/src', 'packages/portal-shell/src'], { ...ruleSet.options, validate: true, ruleSet });
      const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
      expect(output.summary.totalCruised).toBeGreaterThan(500);
      const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
      // New violations fail; so does an allowlisted one that is gone (remove it from the list).
      expect(violations).toEqual([...allowlist].sort());
    } finally {
      process.chdir(previous);
    }
  }, 180_000); // parses ~800 files: seconds alone, much longer beside a full parallel test run
});
