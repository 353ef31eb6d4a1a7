import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from './app-env.ts';
import { ApiError } from './errors.ts';
import { unstorableFields, unstorableReason, type UnstorableField } from './storable-text.ts';

const JSON_BODY = /^application\/([a-z-.]+\+)?json\b/i;

const issueOf: Record<UnstorableField['problem'], { code: string; message: string }> = {
  nul: { code: 'invalid_format', message: 'must not contain U+0000 (NUL)' },
  lone_surrogate: { code: 'invalid_format', message: 'must not contain a lone UTF-16 surrogate' },
  key_nul: { code: 'invalid_key', message: 'a name must not contain U+0000 (NUL)' },
  key_lone_surrogate: { code: 'invalid_key', message: 'a name must not contain a lone UTF-16 surrogate' },
  too_deep: { code: 'too_big', message: 'nested too deep (at most 64 levels)' },
};

const refuse = (target: 'param' | 'query' | 'json', fields: UnstorableField[]) =>
  new ApiError('request.invalid', { target, issues: fields.map((field) => ({ path: field.path, ...issueOf[field.problem] })) });

const decoded = (component: string): string => {
  try {
    return decodeURIComponent(component);
  } catch {
    // Broken percent-encoding reaches handlers undecoded, as plain (storable) text.
    return component;
  }
};

/** Path segments that decode to unstorable text, named after the route's parameter where there is one. */
function pathFields(c: Context<AppEnv>): UnstorableField[] {
  const segments = new URL(c.req.url).pathname.split('/');
  const pattern = routePath(c, -1).split('/');
  const fields: UnstorableField[] = [];
  segments.forEach((segment, index) => {
    const problem = unstorableReason(decoded(segment));
    if (!problem) return;
    const name = pattern.length === segments.length && pattern[index]?.startsWith(':') ? pattern[index]!.slice(1).replace(/[{?].*$/, '') : `segment ${index}`;
    fields.push({ path: name, problem });
  });
  return fields;
}

/** Query names and values (decoded, every repetition: `q.1` is the second `q`) that are unstorable. */
function queryFields(c: Context<AppEnv>): UnstorableField[] {
  return Object.entries(c.req.queries()).flatMap(([name, values]) => unstorableFields({ [name]: values.length === 1 ? values[0] : values }));
}

/**
 * The platform's edge for text Postgres cannot store (see `storable-text.ts`): a NUL or a lone surrogate
 * in a path segment, a query name or value, or anywhere in a JSON body (names included), and a JSON
 * body nested deeper than 64 levels, answer 400 `request.invalid` with the offending fields, on every
 * route, before authentication, idempotency or any handler sees them.
 *
 * Bodies of other types are left to their routes: the one route that takes raw text, the e-mail ingest's
 * `message/rfc822`, legitimately carries NUL in a mail and cleans it where the mail is parsed
 * (`emailFromMime`). No route takes form bodies; one that starts to must be covered here.
 * Malformed JSON passes through untouched, for the route's validator to answer `request.malformed_json`.
 * @example app.use('*', inputGuard);
 */
export const inputGuard = createMiddleware<AppEnv>(async function inputGuard(c, next) {
  const inPath = pathFields(c);
  if (inPath.length > 0) throw refuse('param', inPath);
  const inQuery = queryFields(c);
  if (inQuery.length > 0) throw refuse('query', inQuery);
  if (JSON_BODY.test(c.req.header('content-type') ?? '')) {
    // Read as text (cached by Hono): later readers get the same bytes, the validator parses them again.
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next();
    }
    const inBody = unstorableFields(body);
    if (inBody.length > 0) throw refuse('json', inBody);
  }
  return next();
});
