export type ShellRoute = { name: 'login' } | { name: 'customers' } | { name: 'customer'; id: string };

/** `#/customers/42` → `{ name: 'customer', id: '42' }`; anything unknown → the customer list. */
export function parseRoute(hash: string): ShellRoute {
  const path = hash.replace(/^#/, '');
  if (path === '/login') return { name: 'login' };
  const match = /^\/customers\/([^/?#]+)$/.exec(path);
  if (match) return { name: 'customer', id: decodeURIComponent(match[1]!) };
  return { name: 'customers' };
}
