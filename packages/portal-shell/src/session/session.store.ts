import type { CurrentUser } from '@crm/sdk';

/** The signed-in user as `POST /api/v1/auth/token` returns it. */
export type ShellUser = CurrentUser;

export type ShellSession = { token: string; user: ShellUser; expiresAt: number };

const sessionKey = 'crm.session';

/**
 * The session lives in sessionStorage: it ends with the tab, and another tab signs in on its own.
 * An expired token is dropped here rather than failing on the first request.
 */
export function loadSession(now = Date.now()): ShellSession | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null') as ShellSession | null;
    if (session && session.expiresAt > now) return session;
  } catch {
    // A corrupt entry is treated as no session.
  }
  sessionStorage.removeItem(sessionKey);
  return undefined;
}

export function saveSession(token: string, user: ShellUser, expiresInSeconds: number): ShellSession {
  const session = { token, user, expiresAt: Date.now() + expiresInSeconds * 1000 };
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(sessionKey);
}

/** Portal users (role `customer`) see only their own customer. */
export function isPortalUser(user: ShellUser): boolean {
  return user.roles.includes('customer');
}

/** Where a user lands after signing in: staff on the customer list, portal users on their own customer. */
export function homeRoute(user: ShellUser): string {
  return isPortalUser(user) && user.customer_id != null ? `#/customers/${user.customer_id}` : '#/customers';
}
