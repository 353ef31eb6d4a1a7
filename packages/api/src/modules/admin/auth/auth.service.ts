import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { verifyPassword } from '../../../platform/auth/password.ts';
import { permissionsOf } from '../../../platform/auth/permissions.ts';
import type { SignInOutcome } from '../../../platform/auth/login-throttle.ts';
import type { TokenService } from '../../../platform/auth/tokens.ts';
import { ApiError } from '../../../platform/errors.ts';
import './auth.errors.ts';
import { users } from '../../../platform/identity/users.schema.ts';

/** A fixed hash to compare against when the user does not exist, so timing does not reveal usernames. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The account a username names: usernames are stored trimmed and in lower case. */
export const accountOf = (username: string): string => username.trim().toLowerCase();

/** The user whose password this is, or null; as slow for an unknown user as for a wrong password. */
async function userWithPassword(db: Db, account: string, password: string) {
  const [user] = await db.select().from(users).where(eq(users.username, account));
  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  return user && valid ? user : null;
}

/**
 * Verifies a password login and issues a token. The caller has admitted the attempt through the sign-in
 * throttle (`LoginThrottle`); its outcome is reported back here, once the password has been judged.
 */
export async function issueToken(db: Db, tokens: TokenService, username: string, password: string, attempt: { settle: (outcome: SignInOutcome) => void }) {
  let user: Awaited<ReturnType<typeof userWithPassword>>;
  try {
    user = await userWithPassword(db, accountOf(username), password);
  } catch (error) {
    attempt.settle('abandoned');
    throw error;
  }
  attempt.settle(user ? 'succeeded' : 'failed');
  if (!user) throw new ApiError('auth.invalid_credentials');
  const grant = await tokens.issue({
    sub: String(user.id),
    tenant_id: user.tenant_id,
    roles: user.roles,
    customer_id: user.customer_id,
    name: user.display_name,
  });
  return {
    ...grant,
    token_type: 'Bearer' as const,
    user: {
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      roles: user.roles,
      permissions: [...permissionsOf(user.roles)],
      tenant_id: user.tenant_id,
      customer_id: user.customer_id,
    },
  };
}
