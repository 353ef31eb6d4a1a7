import type { Db } from '../db/create-db.ts';
import type { Config } from './config.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import type { Locale } from './i18n.ts';
import type { Logger } from './logger.ts';
import type { HostResolver } from './outbound-http.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { Principal } from './auth/permissions.ts';
import type { TokenService } from './auth/tokens.ts';
import type { TenantSettings } from './identity/tenants.schema.ts';

/** What `createApp` needs; tests pass their own database and keys. */
export type AppDeps = {
  db: Db;
  config: Config;
  keyRing: KeyRing;
  tokens: TokenService;
  logger: Logger;
  /** Built front-ends to serve: the portal shell at `/`, the widget gallery at `/widgets/`. */
  staticRoots?: { shell?: string; widgets?: string };
  /** How host names of tenant-supplied URLs (webhooks) are resolved; DNS by default, a table in tests. */
  resolveHost?: HostResolver;
  /** Failed sign-in back-off; `createApp` makes one in memory when none is given. */
  loginThrottle?: LoginThrottle;
};

/** Per-request values, reached through `c.var` (never module singletons). */
export type AppVariables = {
  deps: AppDeps & { loginThrottle: LoginThrottle };
  requestId: string;
  locale: Locale;
  logger: Logger;
  principal: Principal;
  tenantSettings: TenantSettings;
  /** The tenant transaction of this request (RLS-scoped). */
  tx: Db;
};

export type AppEnv = { Variables: AppVariables };
