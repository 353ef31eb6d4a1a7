/**
 * Text Postgres can store. `text` and `jsonb` refuse U+0000 (NUL), and `jsonb` refuses a UTF-16 surrogate
 * without its partner; Node's UTF-8 encoder would silently turn such a surrogate into U+FFFD in `text`,
 * so the value read back would differ from the one written. Both are refused at the edge
 * (`input-guard.ts`) and cleaned where text legitimately carries them (raw e-mail).
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (global: for `replace`). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What makes a string unstorable, if anything. */
export type UnstorableReason = 'nul' | 'lone_surrogate';

/**
 * Why Postgres would refuse `text`, or null when it stores it as it is.
 * @example unstorableReason('a\u0000b') // 'nul'
 */
export function unstorableReason(text: string): UnstorableReason | null {
  if (text.includes('\u0000')) return 'nul';
  // `search` ignores the global flag's lastIndex, unlike `test`.
  if (text.search(LONE_SURROGATE) !== -1) return 'lone_surrogate';
  return null;
}

/**
 * `text` made storable: NUL removed, lone surrogates replaced by U+FFFD (what a UTF-8 decoder shows).
 * @example cleanText('nul\u0000x\ud800') // 'nulx\uFFFD'
 */
export const cleanText = (text: string): string => text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');

/**
 * Every string in `value` (arrays and plain objects walked; keys too) made storable with {@link cleanText}.
 * For text that legitimately carries NUL, such as a raw e-mail; shallow documents only (it recurses).
 * @example cleanStrings({ subject: '周报\u0000', to: ['a\u0000@x.cn'] }) // { subject: '周报', to: ['a@x.cn'] }
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [cleanText(key), cleanStrings(child)])) as T;
  }
  return value;
}

/** A key as a reader can see it: NUL and lone surrogates spelled out as `\\uXXXX`. */
const visibleKey = (key: string): string =>
  key.replaceAll('\u0000', '\\u0000').replace(LONE_SURROGATE, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);

/** One field of a JSON document that cannot be stored, or that nests too deep. */
export type UnstorableField = { path: string; problem: UnstorableReason | 'key_nul' | 'key_lone_surrogate' | 'too_deep' };

/**
 * Walks a parsed JSON value (keys too) without recursion, so a document nested 100,000 deep cannot
 * overflow the stack, and lists the fields that Postgres would refuse, at most `limit` of them.
 * Deeper than `maxDepth` is a problem by itself: validators, `JSON.stringify` and jsonb all recurse.
 * @example unstorableFields({ a: ['x\u0000'] }) // [{ path: 'a.0', problem: 'nul' }]
 */
export function unstorableFields(value: unknown, options: { maxDepth?: number; limit?: number } = {}): UnstorableField[] {
  const maxDepth = options.maxDepth ?? 64;
  const limit = options.limit ?? 20;
  const found: UnstorableField[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && found.length < limit) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = unstorableReason(current);
      if (problem) found.push({ path: path.join('.'), problem });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) {
      found.push({ path: path.join('.'), problem: 'too_deep' });
      continue;
    }
    const children: typeof stack = [];
    for (const [key, child] of Object.entries(current)) {
      const keyProblem = unstorableReason(key);
      if (keyProblem) found.push({ path: [...path, visibleKey(key)].join('.'), problem: keyProblem === 'nul' ? 'key_nul' : 'key_lone_surrogate' });
      children.push({ value: child, path: [...path, visibleKey(key)] });
    }
    // Reversed onto the stack, so fields are reported in document order.
    stack.push(...children.reverse());
  }
  return found;
}
