import { describe, expect, it } from 'vitest';
import { isApiDate, isApiInstant } from '../time/iso-time.ts';
import { cleanStrings, cleanText, unstorableFields, unstorableReason } from '../storable-text.ts';

describe('unstorableReason', () => {
  it.each([
    ['plain text', '北京科技有限公司', null],
    ['an emoji (a surrogate pair)', '好评😀', null],
    ['NUL', 'a\u0000b', 'nul'],
    ['a high surrogate alone', 'x\ud800', 'lone_surrogate'],
    ['a low surrogate alone', '\udc00x', 'lone_surrogate'],
    ['a pair in the wrong order', '\udfff\ud800', 'lone_surrogate'],
  ])('%s', (_label, text, reason) => {
    expect(unstorableReason(text)).toBe(reason);
  });
});

describe('unstorableFields', () => {
  it('names every unstorable value and key by its path, in document order', () => {
    const found = unstorableFields({ name: 'a\u0000b', contacts: [{ mobile: 'ok' }, { ['k\ud800']: 'x\udc00' }] });
    expect(found).toEqual([
      { path: 'name', problem: 'nul' },
      { path: 'contacts.1.k\\ud800', problem: 'key_lone_surrogate' },
      { path: 'contacts.1.k\\ud800', problem: 'lone_surrogate' },
    ]);
  });

  it('walks a document nested 100,000 deep without overflowing the stack, and calls it too deep', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [field] = unstorableFields({ events: deep });
    expect(field!.problem).toBe('too_deep');
    expect(field!.path.split('.')).toHaveLength(64);
  });

  it('finds nothing in a document that Postgres stores as it is', () => {
    expect(unstorableFields({ a: [1, true, null, '正常'], b: { c: '😀' } })).toEqual([]);
  });
});

describe('cleaning text that legitimately carries NUL', () => {
  it('drops NUL and replaces lone surrogates, keeping pairs', () => {
    expect(cleanText('周\u0000报\ud800😀')).toBe('周报\uFFFD😀');
  });

  it('cleans every string of a mail, keys too', () => {
    expect(cleanStrings({ subject: '周报\u0000', to: [{ address: 'a\u0000@x.cn' }], size: 3 })).toEqual({ subject: '周报', to: [{ address: 'a@x.cn' }], size: 3 });
  });
});

describe('dates and instants of the API', () => {
  it.each([
    ['2024-02-29', true],
    ['1900-01-01', true],
    ['2999-12-31', true],
    ['2026-02-30', false],
    ['2025-13-01', false],
    ['0000-00-00', false],
    ['0000-01-01', false],
    ['1899-12-31', false],
    ['3000-01-01', false],
    ['9999-12-31', false],
  ])('date %s → %s', (value, expected) => {
    expect(isApiDate(value)).toBe(expected);
  });

  it.each([
    ['2026-03-01T10:00:00+08:00', true],
    ['2026-03-01T02:00:00.123Z', true],
    ['2026-03-01T10:00:00', false],
    ['2026-02-30T10:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['1900-01-01T00:00:00+08:00', false],
    ['2999-12-31T23:59:59Z', true],
    ['2999-12-31T23:59:59-12:00', false],
  ])('instant %s → %s', (value, expected) => {
    expect(isApiInstant(value)).toBe(expected);
  });
});
