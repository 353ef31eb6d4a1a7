import { describe, expect, it } from 'vitest';
import { isUnifiedCreditCode, unifiedCreditCode } from './credit-code.ts';

describe('unified social credit codes', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91350100M000100Y44', false],
    ['9135010OM000100Y43', false],
    ['91350100M000100Y4', false],
  ])('%s is valid: %s', (code, valid) => {
    expect(isUnifiedCreditCode(code)).toBe(valid);
  });

  it('builds codes whose check characters validate', () => {
    for (const [kind, division, org] of [['91', '110108', '33261937'], ['12', '330106', '00000000'], ['11', '440305', '98765432']] as const) {
      const code = unifiedCreditCode(kind, division, org);
      expect(code).toHaveLength(18);
      expect(code.startsWith(`${kind}${division}${org}`)).toBe(true);
      expect(isUnifiedCreditCode(code)).toBe(true);
    }
  });
});
