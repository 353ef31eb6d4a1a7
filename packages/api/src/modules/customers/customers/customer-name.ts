import { pinyin } from 'pinyin-pro';

/** Legal-form and decoration suffixes that do not distinguish one company from another. */
const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '分公司',
  '集团',
  '公司',
  'co.,ltd.',
  'co., ltd.',
  'co.,ltd',
  'co., ltd',
  'co ltd',
  'company limited',
  'limited',
  'ltd.',
  'ltd',
  'inc.',
  'inc',
  'corporation',
  'corp.',
  'corp',
  'llc',
  'gmbh',
];

/** Full-width ASCII (ＡＢＣ１２３（）) to half-width. */
export function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/**
 * The duplicate key of a customer name: half-width, lower-case, without spaces, punctuation, regional
 * qualifiers like (中国) and legal forms like 有限公司 / Co., Ltd.
 * @example normaliseCustomerName('ABC科技（中国）有限公司') === normaliseCustomerName('abc 科技有限公司') // true
 */
export function normaliseCustomerName(name: string): string {
  let value = toHalfWidth(name).toLowerCase().trim();
  value = value.replace(/\((中国|china|北京|上海|深圳|广州|香港|hk)\)/g, '');
  let changed = true;
  while (changed) {
    changed = false;
    const stripped = value.replace(/[\s.,，。·・\-_'"“”‘’()（）&]+$/g, '');
    for (const form of LEGAL_FORMS) {
      if (stripped.endsWith(form) && stripped.length > form.length) {
        value = stripped.slice(0, -form.length);
        changed = true;
        break;
      }
    }
  }
  return value.replace(/[\s.,，。·・\-_'"“”‘’()（）&]/g, '');
}

/**
 * Search keys for pinyin queries: full pinyin without spaces and the initials, space-separated,
 * so "beijing", "bjkj" and "bj" all find 北京科技有限公司.
 * @example pinyinKeys('北京科技') // 'beijingkeji bjkj'
 */
export function pinyinKeys(name: string): string {
  const han = name.replace(/[^\u4e00-\u9fff]/g, '');
  if (!han) return '';
  const full = pinyin(han, { toneType: 'none', type: 'array' }).join('');
  const initials = pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  return `${full} ${initials}`.toLowerCase();
}

/** The registrable domain of a website, for duplicate checks: https://www.ABC-tech.com/x → abc-tech.com. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  const withScheme = /^[a-z]+:\/\//i.test(website) ? website : `http://${website}`;
  try {
    const host = new URL(withScheme).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
