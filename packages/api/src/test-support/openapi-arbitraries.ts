import fc from 'fast-check';
import { encodeComponent, hostileBody, hostileJson, hostileUrlValue, oddContentType } from './hostile-values.ts';
import { resolve, type ContractOperation, type JsonSchema, type OpenApiDocument, type Parameter } from './openapi-operations.ts';

/**
 * fast-check arbitraries for the requests of every operation of an OpenAPI 3.1 document (the app's own
 * `/openapi.json`). Written here rather than taken from a JSON-Schema faker because the fuzzer has to
 * put hostile values *inside* otherwise valid documents, at any depth, and keep fast-check's shrinking
 * and seeds; the schemas zod emits use a small part of JSON Schema, which this covers.
 */

/**
 * Ids seen in earlier answers, by resource (`customers`, `tag_groups` …), so that generated paths and
 * bodies reach real records now and then: `pick('complaints', n)` for `/complaints/{id}` or `complaint_id`.
 */
export type IdPool = { pick(resource: string, n: number): number };

/** The resource an id field or parameter names: `contact_id` → `contacts`, `tag_group_ids` → `tag_groups`. */
export function resourceOf(name: string): string {
  const base = name.replace(/_ids?$/, '').replaceAll('-', '_');
  return base.endsWith('s') ? base : `${base}s`;
}

type Build = { doc: OpenApiDocument; ids: IdPool; hostileWeight: number };

/** Deeper than this, a recursive schema yields null: generated documents stay small. */
const MAX_SCHEMA_DEPTH = 6;
const LOOPBACK_URLS = ['http://127.0.0.1:9/hook', 'https://[::1]:9/crm', 'http://127.0.0.1:9/'];

/** Plain addresses, as mail systems send them (fast-check's own are RFC-valid but exotic). */
const emailArbitrary = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), fc.constantFrom('abc-tech.com', 'lanhai-logistics.cn', 'qq.com', 'fuzz.example'))
  .map(([local, domain]) => `${local}@${domain}`);

const looksLikeUrl = (value: unknown) => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

const pooledId = (pool: IdPool, name: string) => fc.nat().map((n) => pool.pick(resourceOf(name), n));
const isIdName = (name: string) => name === 'id' || /_ids?$/.test(name);

/** `value` with odds 1 : `against`, else null. */
const rarely = <T>(value: fc.Arbitrary<T>, against: number): fc.Arbitrary<T | null> => fc.oneof({ arbitrary: fc.constant(null), weight: against }, { arbitrary: value, weight: 1 });

function dateArbitrary(withTime: boolean): fc.Arbitrary<string> {
  const date = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });
  if (!withTime) return date.map((d) => d.toISOString().slice(0, 10));
  return fc.tuple(date, fc.constantFrom('Z', '+08:00', '-05:00')).map(([d, zone]) => d.toISOString().replace('Z', zone === 'Z' ? 'Z' : zone));
}

function stringArbitrary(schema: JsonSchema, name: string, build: Build): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [];
  // A known format says more than zod's pattern for it (whose inverse is valid but exotic).
  if (schema.format === 'date') choices.push(dateArbitrary(false));
  else if (schema.format === 'date-time') choices.push(dateArbitrary(true));
  else if (schema.format === 'email' || /email/.test(name)) choices.push(emailArbitrary);
  else if (schema.format === 'uri' || /url/.test(name)) choices.push(fc.constantFrom(...LOOPBACK_URLS));
  else if (/website/.test(name)) choices.push(fc.constantFrom('https://www.abc-tech.com', 'lanhai-logistics.cn', 'http://www.fuzz-test.cn/about'));
  else if (schema.pattern) {
    try {
      choices.push(fc.stringMatching(new RegExp(schema.pattern)));
    } catch {
      // A pattern fast-check cannot invert: plain strings below.
    }
  }
  // Examples are the most realistic values (and the only valid ones where a refinement says what is
  // valid), but never a URL that a later worker might try to reach.
  if (typeof schema.example === 'string' && !looksLikeUrl(schema.example)) choices.push(fc.constant(schema.example), fc.constant(schema.example));
  if (choices.length === 0 || (!schema.format && !schema.pattern)) {
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
    choices.push(fc.string({ minLength, maxLength }));
    choices.push(fc.string({ minLength, maxLength, unit: 'grapheme' }));
    choices.push(fc.constantFrom('北京科技有限公司', '张三', '上海数据服务有限公司', '客户', 'bjkj').filter((s) => s.length >= minLength && s.length <= maxLength));
  }
  if (isIdName(name)) choices.push(pooledId(build.ids, name).map(String));
  return fc.oneof(...choices);
}

function numberArbitrary(schema: JsonSchema, integer: boolean, name: string, build: Build): fc.Arbitrary<unknown> {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : -1000);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : 1_000_000);
  const min = Math.max(low, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(Math.max(high, min), Number.MAX_SAFE_INTEGER);
  const values: fc.Arbitrary<unknown>[] = [
    integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  ];
  if (integer && isIdName(name)) values.push(pooledId(build.ids, name), pooledId(build.ids, name));
  return fc.oneof(...values);
}

function objectArbitrary(schema: JsonSchema, build: Build, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of Object.entries(properties)) model[key] = valueArbitrary(child, build, depth + 1, key);
  const required = (schema.required ?? []).filter((key) => key in model);
  const optional = Object.keys(model).filter((key) => !required.includes(key));
  // Each optional field half the time, or just one of them: "give exactly one of id, code" needs the latter.
  let record: fc.Arbitrary<Record<string, unknown>> =
    optional.length < 2
      ? fc.record(model, { requiredKeys: required })
      : fc.oneof(
          { arbitrary: fc.record(model, { requiredKeys: required }), weight: 2 },
          fc.constantFrom(...optional).chain((key) => fc.record(Object.fromEntries([...required, key].map((k) => [k, model[k]!])))),
        );
  if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
    record = fc.dictionary(fc.string({ maxLength: 12 }), valueArbitrary(schema.additionalProperties, build, depth + 1, ''), { maxKeys: 3 });
  }
  if (build.hostileWeight === 0) return record;
  // Now and then a key nobody declared, or one Postgres cannot store.
  const strayKey = rarely(fc.constantFrom('unknown_field', 'k\u0000', '\ud800', '__proto__', ''), 12);
  return fc.tuple(record, strayKey, hostileJson).map(([value, key, stray]) => (key === null ? value : { ...value, [key]: stray }));
}

/**
 * Values of `schema`: valid-looking, and, when `build.hostileWeight` is above zero, with a hostile value
 * instead of a valid one at each place with odds 1 : 8 / hostileWeight.
 */
function valueArbitrary(schema: JsonSchema, build: Build, depth: number, name: string): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, build, depth, name);
  if (build.hostileWeight === 0) return valid;
  return fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: hostileJson, weight: build.hostileWeight });
}

function validArbitrary(schema: JsonSchema, build: Build, depth: number, name: string): fc.Arbitrary<unknown> {
  if (depth > MAX_SCHEMA_DEPTH) return fc.constant(null);
  // References and unions do not nest a document: only objects and arrays count towards the depth.
  if (schema.$ref) return validArbitrary(resolve(build.doc, schema), build, depth, name);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((member) => validArbitrary(member, build, depth, name)));
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolve(build.doc, part));
    const merged: JsonSchema = { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
    return objectArbitrary(merged, build, depth);
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : [];
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
        case 'number':
          return numberArbitrary(schema, type === 'integer', name, build);
        case 'string':
          return stringArbitrary(schema, name, build);
        case 'array': {
          const minLength = schema.minItems ?? 0;
          const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
          return fc.array(valueArbitrary(schema.items ?? {}, build, depth + 1, name), { minLength, maxLength });
        }
        default:
          return objectArbitrary(schema, build, depth);
      }
    }),
  );
}

/** Who sends a request: a role of the tenant, an integration key, or nobody. */
export type Caller = 'admin' | 'manager' | 'support' | 'analyst' | 'customer' | 'api_key' | 'anonymous';

/** A request the fuzzer sends; printed short in fast-check's reports (no 1 MiB strings). */
export class FuzzRequest {
  constructor(
    readonly operation: string,
    readonly method: string,
    readonly url: string,
    readonly caller: Caller,
    readonly headers: Record<string, string>,
    readonly body: string | undefined,
    /** How much of it is hostile. */
    readonly taint: Taint = 'none',
  ) {}

  [fc.toStringMethod](): string {
    const short = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
    return `${this.operation} as ${this.caller}${this.taint === 'none' ? '' : ` (${this.taint} hostile)`}: ${this.method} ${short(this.url)} ${JSON.stringify(this.headers)}${this.body === undefined ? '' : ` body ${JSON.stringify(short(this.body))}`}`;
  }
}

const queryText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

function parameterValue(parameter: Parameter, build: Build, name = parameter.name): fc.Arbitrary<string> {
  const valid = validArbitrary(parameter.schema ?? {}, build, 0, name).map((value) => encodeComponent(queryText(value)));
  if (build.hostileWeight === 0) return valid;
  return fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: hostileUrlValue, weight: build.hostileWeight });
}

function bodyArbitrary(operation: ContractOperation, build: Build): fc.Arbitrary<{ type: string | null; text: string } | null> {
  if (!operation.body) {
    // A body where none is declared; never on GET, which cannot carry one.
    if (build.hostileWeight === 0 || operation.method === 'GET') return fc.constant(null);
    return rarely(hostileBody.map((text) => ({ type: 'application/json', text })), 4);
  }
  const declared = Object.entries(operation.body.content).map(([type, schema]) =>
    type === 'message/rfc822'
      ? rawMail.map((text) => ({ type, text }))
      : valueArbitrary(schema, build, 0, '').map((value) => ({ type, text: JSON.stringify(value) ?? 'null' })),
  );
  const options: fc.WeightedArbitrary<{ type: string | null; text: string } | null>[] = [{ arbitrary: fc.oneof(...declared), weight: 10 }];
  if (build.hostileWeight > 0) {
    options.push({ arbitrary: hostileBody.map((text) => ({ type: 'application/json', text })), weight: build.hostileWeight });
    options.push({ arbitrary: fc.tuple(oddContentType, fc.oneof(...declared)).map(([type, body]) => ({ type: type || null, text: body.text })), weight: 1 });
    options.push({ arbitrary: fc.constant(null), weight: 1 });
  }
  return fc.oneof(...options);
}

/** A raw RFC 822 message, now and then with NUL, lone surrogates or a broken header in it. */
const rawMail = fc
  .record({
    from: fc.constantFrom('zhang@abc-tech.com', 'nobody@example.invalid', '', '<>', 'a\u0000b@x.cn'),
    subject: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('周报\u0000', '\ud800', '=?UTF-8?B?5ZGo5oql?=')),
    body: fc.oneof(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.constantFrom('正文\u0000含有空字符', 'x\udc00y', '\u0000'.repeat(10), 'x'.repeat(200_000))),
    messageId: fc.oneof(fc.uuid().map((id) => `<${id}@fuzz>`), fc.constantFrom('', '<\u0000@x>')),
    date: fc.constantFrom('Mon, 02 Mar 2026 10:00:00 +0800', 'Mon, 30 Feb 2026 10:00:00 +0800', 'not a date', ''),
  })
  .map((m) => `From: ${m.from}\r\nTo: csm@crm.example\r\nSubject: ${m.subject}\r\nMessage-ID: ${m.messageId}\r\nDate: ${m.date}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${m.body}\r\n`);

/** Every place in a JSON value, root first: `[]`, `['contacts']`, `['contacts', 0]`, … */
function placesIn(value: unknown, path: (string | number)[] = [], into: (string | number)[][] = []): (string | number)[][] {
  into.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => placesIn(item, [...path, i], into));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([key, child]) => placesIn(child, [...path, key], into));
  return into;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

/** How much of a request is hostile: nothing, one value (the sharpest probe), or values here and there. */
export type Taint = 'none' | 'one' | 'many';

/**
 * Requests for one operation: path, query, headers and body from its schemas. `taint: 'none'` gives
 * valid-looking requests; `'one'` replaces exactly one path, query or body value of such a request with
 * a hostile one; `'many'` mixes hostile values in everywhere, and odd bodies, keys and content types.
 */
export function requestArbitrary(doc: OpenApiDocument, operation: ContractOperation, options: { ids: IdPool; taint: Taint; callers: fc.Arbitrary<Caller> }): fc.Arbitrary<FuzzRequest> {
  const build: Build = { doc, ids: options.ids, hostileWeight: options.taint === 'many' ? 1 : 0 };
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const hasIfMatch = operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match');
  const hasIdempotency = operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');

  // `/complaints/{id}` names a complaint: its ids come from the `complaints` pool.
  const idNameOf = (p: Parameter) => (p.name === 'id' ? `${operation.path.split(`/{${p.name}}`)[0]!.split('/').pop()}_id` : p.name);
  const pathValues = fc.tuple(...pathParams.map((p) => parameterValue(p, build, idNameOf(p))));
  const queryValues = fc.tuple(...queryParams.map((p) => (p.required && options.taint !== 'many' ? parameterValue(p, build) : fc.option(parameterValue(p, build), { freq: 2 }))));
  const strayQuery = options.taint === 'many' ? rarely(fc.constantFrom('unknown=1', '%00=x', 'limit=1&limit=2', 'a%ED%A0%80=1', '=', '&&'), 10) : fc.constant(null);
  const ifMatch = hasIfMatch ? fc.oneof({ arbitrary: fc.constant('*'), weight: 6 }, { arbitrary: fc.constantFrom('"stale"', 'W/"0"', '', '*, "x"'), weight: 1 }) : fc.constant(null);
  const idempotencyKey = hasIdempotency ? rarely(fc.oneof(fc.uuid(), fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((s) => s.replace(/[^\x21-\x7e]/g, '') || 'k')), 3) : fc.constant(null);
  const mutation = options.taint === 'one' ? fc.record({ place: fc.nat(), json: hostileJson, url: hostileUrlValue }) : fc.constant(null);

  return fc
    .record({ pathValues, queryValues, strayQuery, caller: options.callers, ifMatch, idempotencyKey, body: bodyArbitrary(operation, build), language: fc.constantFrom('zh-CN', 'en'), mutation })
    .map(({ pathValues: drawnPath, queryValues: drawnQuery, strayQuery: stray, caller, ifMatch: match, idempotencyKey: key, body, language, mutation: change }) => {
      // Copies: fast-check replays drawn values while shrinking.
      const values: string[] = [...drawnPath];
      const query: (string | null)[] = [...drawnQuery];
      let bodyText = body?.text;
      if (change) {
        const present = query.map((value, i) => (value === null ? -1 : i)).filter((i) => i >= 0);
        const bodyValue = body && /json/.test(body.type ?? '') ? JSON.parse(body.text) : undefined;
        // The whole body only when it has no parts: replacing it is the 'many' mode's job.
        const places = bodyValue === undefined ? [] : placesIn(bodyValue).filter((path, i, all) => path.length > 0 || all.length === 1);
        const place = change.place % Math.max(1, values.length + present.length + places.length);
        if (place < values.length) values[place] = change.url;
        else if (place < values.length + present.length) query[present[place - values.length]!] = change.url;
        else if (places.length > 0) bodyText = JSON.stringify(replaceAt(bodyValue, places[place - values.length - present.length]!, change.json));
      }
      const path = pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] ?? ''), operation.path);
      const pairs = queryParams.flatMap((p, i) => (query[i] === null || query[i] === undefined ? [] : [`${encodeComponent(p.name)}=${query[i]}`]));
      const search = [...pairs, ...(stray === null ? [] : [stray])].join('&');
      const headers: Record<string, string> = { 'Accept-Language': language };
      if (match !== null) headers['If-Match'] = match;
      if (key !== null) headers['Idempotency-Key'] = key;
      if (body?.type) headers['Content-Type'] = body.type;
      return new FuzzRequest(operation.id, operation.method, search ? `${path}?${search}` : path, caller, headers, bodyText, options.taint);
    });
}
