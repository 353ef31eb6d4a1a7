export type ShellRoute =
  | { name: 'login' }
  | { name: 'customers' }
  | { name: 'customer'; id: string }
  | { name: 'surveys' }
  | { name: 'survey'; id: string };

/**
 * `#/customers/42` → `{ name: 'customer', id: '42' }`, `#/surveys/7` → `{ name: 'survey', id: '7' }` (a portal
 * user's invitation); anything unknown → the customer list.
 */
export function parseRoute(hash: string): ShellRoute {
  const path = hash.replace(/^#/, '');
  if (path === '/login') return { name: 'login' };
  if (path === '/surveys') return { name: 'surveys' };
  const match = /^\/(customers|surveys)\/([^/?#]+)$/.exec(path);
  if (match) return { name: match[1] === 'customers' ? 'customer' : 'survey', id: decodeURIComponent(match[2]!) };
  return { name: 'customers' };
}

/**
 * The token of an answer link: e-mails link to `<site>/survey/<token>` (the API serves this page for that path),
 * which is answered without signing in. Null for every other path.
 *
 * @example surveyLinkToken('/survey/s1.Xk3…') // 's1.Xk3…'
 */
export function surveyLinkToken(pathname: string): string | null {
  const match = /\/survey\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}
