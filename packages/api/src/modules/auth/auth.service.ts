import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { verifyPassword } from '../../platform/auth/password.ts';
import { permissionsOf } from '../../platform/auth/permissions.ts';
import type { TokenService } from '../../platform/auth/tokens.ts';
import { ApiError } from '../../platform/errors.ts';
import { users } from './users.schema.ts';

/** Failed logins before an account is locked, and for how long. */
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;

/** A fixed hash to compare against when the user does not exist, so timing does not reveal usernames. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Verifies a password login and issues a token. After `LOCKOUT.attempts` failures the account is locked
 * for `LOCKOUT.minutes` (stored in the database, so it holds across replicas and restarts).
 */
export async function issueToken(db: Db, tokens: TokenService, username: string, password: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username.trim().toLowerCase()));
  if (!user) {
    await verifyPassword(password, DUMMY_HASH);
    throw new ApiError('auth.invalid_credentials');
  }
  if (user.locked_until && user.locked_until > new Date()) throw new ApiError('auth.locked');
  const valid = await verifyPassword(password, user.password_hash);
  if (!valid) {
    await db
      .update(users)
      .set({
        failed_login_count: sql`${users.failed_login_count} + 1`,
        locked_until: sql`case when ${users.failed_login_count} + 1 >= ${LOCKOUT.attempts}
          then now() + make_interval(mins => ${LOCKOUT.minutes}) else null end`,
      })
      .where(eq(users.id, user.id));
    throw new ApiError('auth.invalid_credentials');
  }
  if (user.failed_login_count > 0) {
    await db.update(users).set({ failed_login_count: 0, locked_until: null }).where(eq(users.id, user.id));
  }
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
