import fc from 'fast-check';
import { LONE_SURROGATE } from '../platform/storable-text.ts';

/** 1 MiB of text: past every field's limit, yet under the 2 MiB body limit. */
const ONE_MIB = 'x'.repeat(1 << 20);

/** A value nested `depth` levels deep, objects and arrays in turn. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

const cursorOf = (json: string) => Buffer.from(json).toString('base64url');

/** Text Postgres refuses in `text` and `jsonb`: U+0000 and UTF-16 halves without their partner. */
export const UNSTORABLE_TEXT = ['\u0000', 'a\u0000b', 'nul\u0000x', '\ud800', 'x\udc00y', '\udfff\ud800'];

/** Dates and instants that no calendar has, that lie outside 1900–2999, or on its edges. */
export const IMPOSSIBLE_DATES = [
  '1900-01-01', '2999-12-31', '3000-01-01', '9999-12-31', '1900-01-01T00:00:00Z', '2999-12-31T23:59:59-12:00', '2999-12',
  '2026-02-30', '0000-00-00', '2025-13-01', '2025-02-29', '0000-01-01', '1899-12-31', '10000-01-01', '9999-99-99',
  '2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:00:60+08:00',
  '9999-12-31T23:59:59-23:59', '+275760-09-13T00:00:00Z', '2026-00', '0000-01', '2026-13',
];

/** Cursors no page ever handed out: not base64, not JSON, JSON of the wrong shape. */
export const BAD_CURSORS = [
  'garbage', 'eyJ9', '%%%', cursorOf('{"id":"x"}'), cursorOf('{"after":-1,"id":1e309}'), cursorOf('[]'), cursorOf('null'),
  cursorOf('{"t":"0000-00-00","id":1}'), cursorOf('{"k":"\\u0000","id":9007199254740993}'),
];

const ODD_STRINGS = [
  '', ' ', "'; drop table customers; --", '%', '\\', '../..', '<script>alert(1)</script>', '😀😀😀', '\u202e', '\r\n',
  'NaN', 'Infinity', '-0', '1e309', '0x10', '9223372036854775808', '__nope__', 'ADMIN', 'null', 'true', '*', ',,,',
];

const ODD_NUMBERS = [0, -0, -1, 1.5, -1.5, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2];

const WRONG_TYPES: unknown[] = [null, true, false, [], {}, [null], { '': null }];

/** Any single UTF-16 unit, lone surrogates and NUL included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/**
 * A JSON value no well-behaved client sends: unstorable text, 1 MiB strings, deep nesting, huge, negative
 * and fractional numbers, bad enums and cursors, impossible dates, wrong types.
 */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...UNSTORABLE_TEXT), weight: 3 },
  fc.constant(ONE_MIB),
  fc.constantFrom(...IMPOSSIBLE_DATES, ...BAD_CURSORS, ...ODD_STRINGS),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom(...WRONG_TYPES),
  fc.constantFrom(nested(64), nested(2_000)),
  fc.string({ unit: anyCodeUnit, maxLength: 12 }),
);

/** Percent-encoded pieces of a URL that decode to nothing sensible: NUL, broken UTF-8, a bare `%`, dot segments. */
const RAW_URL_TOKENS = ['%00', 'a%00b', '%ED%A0%80', '%FF', '%', '%E4%B8', '%2F', '..', '%2e%2e', '%C0%80', 'x'.repeat(100_000)];

/** Percent-encodes text for a path segment or query value (a lone surrogate becomes U+FFFD, as in a browser). */
export const encodeComponent = (value: string): string => encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd'));

/** A hostile path segment or query value, already encoded. */
export const hostileUrlValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RAW_URL_TOKENS),
  hostileJson.map((value) => encodeComponent(typeof value === 'string' ? value : JSON.stringify(value) ?? '')),
);

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Whole request bodies that are not what any route takes: malformed, empty, nested 100,000 deep, over the limit. */
export const hostileBody: fc.Arbitrary<string> = fc.constantFrom(
  '', '{', '{"a":', 'null', '[]', '"x"', '1e999', '\u0000', '{"a":1,"a":2}', '{"__proto__":{"admin":true}}',
  deepArrays(100_000), deepObjects(50_000), 'x'.repeat(3 << 20), JSON.stringify({ a: 'b\u0000c', ['k\u0000']: 1 }),
);

/** Content types a JSON route does not take. */
export const oddContentType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', '');
