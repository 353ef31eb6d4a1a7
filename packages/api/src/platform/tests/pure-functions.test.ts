import { describe, expect, it } from 'vitest';
import { assessCompleteness } from '../../modules/customers/customers/customer-completeness.ts';
import { normaliseCustomerName, pinyinKeys, websiteDomain } from '../../modules/customers/customers/customer-name.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createKeyRing, generateKey } from '../crypto/key-ring.ts';
import { EMAIL_PATTERN, maskPii, MOBILE_PATTERN, PHONE_PATTERN } from '../crypto/pii.ts';
import { localeFrom } from '../i18n.ts';
import { formatLocalDateTime, localDateKey } from '../time/local-time.ts';

describe('configuration', () => {
  it('applies defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', CRM_DATA_DIR: './.data', CRM_SEED: 'demo' });
  });
  it('keeps webhooks off private addresses unless CRM_WEBHOOK_ALLOW_PRIVATE says true', () => {
    expect(loadConfig({}).CRM_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(loadConfig({ CRM_WEBHOOK_ALLOW_PRIVATE: 'false' }).CRM_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(loadConfig({ CRM_WEBHOOK_ALLOW_PRIVATE: 'true' }).CRM_WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(() => loadConfig({ CRM_WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(/CRM_WEBHOOK_ALLOW_PRIVATE/);
  });
  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CRM_SEED: 'lots' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CRM_SEED: 'lots' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/CRM_SEED/);
    }
  });
});

describe('key ring', () => {
  const old = createKeyRing({ keys: `k1:${generateKey()}`, blindIndexKey: generateKey() });
  it('round-trips and never repeats a ciphertext', () => {
    const a = old.encrypt('13800138000');
    expect(old.decrypt(a)).toBe('13800138000');
    expect(old.encrypt('13800138000')).not.toBe(a);
    expect(old.keyIdOf(a)).toBe('k1');
  });
  it('decrypts old values after rotation and seals new ones under the new key', () => {
    const k1 = generateKey();
    const index = generateKey();
    const before = createKeyRing({ keys: `k1:${k1}`, blindIndexKey: index });
    const sealed = before.encrypt('zhang@abc-tech.com');
    const after = createKeyRing({ keys: `k2:${generateKey()},k1:${k1}`, blindIndexKey: index });
    expect(after.decrypt(sealed)).toBe('zhang@abc-tech.com');
    expect(after.keyIdOf(after.encrypt('x'))).toBe('k2');
    expect(after.blindIndex('email:zhang@abc-tech.com')).toBe(before.blindIndex('email:zhang@abc-tech.com'));
  });
  it('detects tampering', () => {
    const sealed = old.encrypt('secret');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('другое').toString('base64url');
    expect(() => old.decrypt(parts.join('.'))).toThrow();
  });
  it('refuses short keys', () => {
    expect(() => createKeyRing({ keys: 'k1:c2hvcnQ=', blindIndexKey: generateKey() })).toThrow(/32 bytes/);
  });
});

describe('PII formats', () => {
  it.each([
    ['13800138000', true],
    ['+86 138 0013 8000', true],
    ['12800138000', false],
    ['1380013800', false],
  ])('mobile %s → %s', (value, valid) => expect(MOBILE_PATTERN.test(value)).toBe(valid));
  it.each([
    ['010-12345678', true],
    ['0755-8888888', true],
    ['400-800-8888', true],
    ['12', false],
  ])('landline %s → %s', (value, valid) => expect(PHONE_PATTERN.test(value)).toBe(valid));
  it.each([
    ['zhang@abc-tech.com', true],
    ['no-at.example.com', false],
    ['a b@x.cn', false],
  ])('e-mail %s → %s', (value, valid) => expect(EMAIL_PATTERN.test(value)).toBe(valid));
  it('masks as the portal shows it', () => {
    expect(maskPii('mobile', '13800138000')).toBe('138****8000');
    expect(maskPii('phone', '010-12345678')).toBe('010****5678');
    expect(maskPii('email', 'zhang@abc-tech.com')).toBe('z***@abc-tech.com');
    expect(maskPii('wechat', 'wx_zhang88')).toBe('wx***88');
  });
});

describe('customer names', () => {
  it.each([
    ['ABC科技（中国）有限公司', 'abc科技'],
    ['ＡＢＣ 科技股份有限公司', 'abc科技'],
    ['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
    ['上海华信证券股份有限公司', '上海华信证券'],
    ['北京市政务服务管理局', '北京市政务服务管理局'],
  ])('%s normalises to %s', (name, key) => expect(normaliseCustomerName(name)).toBe(key));
  it('has pinyin keys for initials search', () => {
    expect(pinyinKeys('北京科技')).toBe('beijingkeji bjkj');
  });
  it('reduces websites to their domain', () => {
    expect(websiteDomain('https://www.ABC-tech.com/about')).toBe('abc-tech.com');
    expect(websiteDomain('abc-tech.com')).toBe('abc-tech.com');
    expect(websiteDomain('')).toBeNull();
  });
});

describe('completeness', () => {
  const base = { customer_type: 1, industry: '软件', scale: '中型企业', address: '北京', website: 'x.cn', source: '展会', region: '北京', credit_code: '91110000MA01', description: 'd', assigned_manager_id: 1 };
  it('is 100 and complete with a reachable primary decision maker', () => {
    const result = assessCompleteness({ ...base, contacts: [{ is_primary: true, is_decision_maker: true, reachable: true }] });
    expect(result).toEqual({ score: 100, complete: true, missing: [] });
  });
  it('is incomplete without a reachable contact, however full the profile', () => {
    const result = assessCompleteness({ ...base, contacts: [{ is_primary: true, is_decision_maker: true, reachable: false }] });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual(['reachable_contact', 'decision_maker_reachable']);
  });
  it('stays complete when only recommended fields are missing', () => {
    const result = assessCompleteness({ ...base, website: null, description: null, contacts: [{ is_primary: true, is_decision_maker: true, reachable: true }] });
    expect(result.complete).toBe(true);
    expect(result.score).toBeLessThan(100);
  });
});

describe('locale and time', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5, zh;q=0.8', 'zh-CN'],
    ['*', 'zh-CN'],
  ])('%s → %s', (header, locale) => expect(localeFrom(header)).toBe(locale));
  it('formats in Beijing time', () => {
    expect(formatLocalDateTime(new Date('2024-08-11T06:30:00Z'))).toBe('2024-08-11 14:30:00');
    expect(localDateKey(new Date('2024-08-11T17:00:00Z'))).toBe('20240812');
  });
});
