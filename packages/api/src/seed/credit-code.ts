/** The 31 characters GB 32100-2015 allows in a unified social credit code (no I, O, S, V, Z). */
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17 for the final check character (3^i mod 31). */
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Weights of the 8-digit organisation code body (GB 11714). */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 登记管理部门 + 机构类别: 91 enterprise, 12 public institution (事业单位), 11 government body (机关). */
export type CreditCodeKind = '91' | '12' | '11';

function orgCheckChar(body: string): string {
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (ORG_WEIGHTS[i] as number), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function codeCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + CODE_CHARS.indexOf(ch) * (CODE_WEIGHTS[i] as number), 0);
  return CODE_CHARS[(31 - (sum % 31)) % 31] as string;
}

/**
 * Builds a unified social credit code (统一社会信用代码) with both check characters valid.
 * @param kind registration authority and organisation category
 * @param divisionCode the 6-digit administrative division (110108 = 北京市海淀区)
 * @param orgDigits 8 digits of organisation code body
 * @example unifiedCreditCode('91', '110108', '33261937') // '91110108332619378…'
 */
export function unifiedCreditCode(kind: CreditCodeKind, divisionCode: string, orgDigits: string): string {
  if (!/^\d{6}$/.test(divisionCode) || !/^\d{8}$/.test(orgDigits)) throw new Error('bad credit code parts');
  const first17 = `${kind}${divisionCode}${orgDigits}${orgCheckChar(orgDigits)}`;
  return `${first17}${codeCheckChar(first17)}`;
}

/**
 * Whether a string is a well-formed unified social credit code: 18 characters from the allowed set and
 * a correct final check character.
 * @example isUnifiedCreditCode('91350100M000100Y43') // true
 */
export function isUnifiedCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return false;
  return codeCheckChar(code.slice(0, 17)) === code[17];
}
