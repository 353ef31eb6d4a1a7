/** The contact channels that are encrypted at rest and masked in responses. */
export const PII_FIELDS = ['phone', 'mobile', 'email', 'wechat'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

/**
 * Canonical form before hashing, so 138 0013 8000, +86 13800138000 and 13800138000 collide as they should.
 * @example normalisePii('email', ' Zhang@ABC.com ') // 'zhang@abc.com'
 */
export function normalisePii(field: PiiField, value: string): string {
  const trimmed = value.trim();
  if (field === 'email') return trimmed.toLowerCase();
  if (field === 'wechat') return trimmed.toLowerCase();
  let digits = trimmed.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return digits;
}

/**
 * Masks a value for callers without `pii:read`: 138****8000, z***@abc-tech.com, 010-****5678, wx***id.
 * @example maskPii('mobile', '13800138000') // '138****8000'
 */
export function maskPii(field: PiiField, value: string): string {
  if (field === 'email') {
    const at = value.indexOf('@');
    if (at <= 0) return '***';
    return `${value.slice(0, 1)}***${value.slice(at)}`;
  }
  if (field === 'mobile' || field === 'phone') {
    if (value.length <= 7) return `${value.slice(0, 1)}****`;
    return `${value.slice(0, 3)}****${value.slice(-4)}`;
  }
  if (value.length <= 2) return '***';
  return `${value.slice(0, 2)}***${value.slice(-2)}`;
}

/** 中国大陆手机号: 1[3-9] and nine digits, optional +86, spaces or dashes between groups. */
export const MOBILE_PATTERN = /^(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d){8}$/;
/** 固定电话: optional area code (010, 0755) and 7–8 digits, optional extension; or 400/800 numbers. */
export const PHONE_PATTERN = /^(?:(?:\+?86[- ]?)?(?:0\d{2,3}[- ]?)?\d{7,8}(?:[-转#]\d{1,6})?|[48]00[- ]?\d{3}[- ]?\d{4})$/;
/** A pragmatic e-mail check: one @, a dotted domain, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
/** WeChat ids: 6–20 characters, starting with a letter; or a bound mobile number. */
export const WECHAT_PATTERN = /^(?:[A-Za-z][-_A-Za-z0-9]{5,19}|1[3-9]\d{9})$/;
