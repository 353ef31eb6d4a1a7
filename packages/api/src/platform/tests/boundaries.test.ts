import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const ruleSet = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs'));

describe('what may import what (.dependency-cruiser.cjs)', () => {
  it('platform and db stay below the modules; widgets and the shell reach the API only through the SDK', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const result = await cruise(['packages/api/src', 'packages/widgets/src', 'packages/portal-shell/src'], { ...ruleSet.options, validate: true, ruleSet });
      const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
      expect(output.summary.totalCruised).toBeGreaterThan(500);
      expect(output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    } finally {
      process.chdir(previous);
    }
  });
});
