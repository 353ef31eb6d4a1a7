/**
 * The process entry: the only file that reads the environment, opens the database, seeds the demo and
 * listens. Everything else receives its dependencies.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { createDb } from './db/create-db.ts';
import { migrate } from './db/migrate.ts';
import { createTokenService } from './platform/auth/tokens.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { createKeyRing } from './platform/crypto/key-ring.ts';
import { resolveSecrets } from './platform/dev-secrets.ts';
import { listen } from './platform/http-server.ts';
import { createLogger } from './platform/logger.ts';
import { startPeriodicJob } from './platform/periodic-job.ts';
import { modules } from './modules/registry.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './seed/seed.ts';

const distOf = (relative: string) => {
  const dir = fileURLToPath(new URL(relative, import.meta.url));
  return existsSync(dir) ? dir : undefined;
};

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.CRM_LOG_LEVEL);
  const secrets = resolveSecrets(config, logger);
  const keyRing = createKeyRing({ keys: secrets.encryptionKeys, blindIndexKey: secrets.blindIndexKey });
  const tokens = createTokenService({ secret: secrets.jwtSecret, issuer: config.CRM_JWT_ISSUER, ttlSeconds: config.CRM_TOKEN_TTL_SECONDS, jwksUrl: config.CRM_JWKS_URL });

  const handle = config.DATABASE_URL
    ? await createDb({ kind: 'postgres', url: config.DATABASE_URL, poolSize: config.CRM_DB_POOL_SIZE })
    : await createDb({ kind: 'pglite', dataDir: config.CRM_DATA_DIR });
  await migrate(handle);
  let seeded = false;
  let surveyLink: string | null | undefined;
  if (config.CRM_SEED === 'demo') ({ seeded, surveyLink } = await seedDemo(handle.db, keyRing));

  const app = createApp({
    db: handle.db,
    config,
    keyRing,
    tokens,
    logger,
    staticRoots: { shell: distOf('../../portal-shell/dist'), widgets: distOf('../../widgets/dist') },
  });
  // Every module's jobs, each on its own setting's interval (0 turns it off).
  const jobDeps = { db: handle.db, keyRing, logger, config };
  const stopJobs = modules
    .flatMap((module) => module.jobs ?? [])
    .filter((job) => job.intervalMs(config) > 0)
    .map((job) => startPeriodicJob(job.name, job.intervalMs(config), (now) => job.run(jobDeps, now), logger));
  const server = listen(app, { port: config.PORT, hostname: config.HOST }, (info) => {
    const base = `http://${config.HOST}:${info.port}`;
    const lines = [
      '',
      `CRM module ready on ${handle.kind === 'pglite' ? `embedded PGlite (${config.CRM_DATA_DIR})` : 'Postgres'}${seeded ? ', demo data seeded' : ''}`,
      `  Portal shell     ${base}/`,
      `  Widget gallery   ${base}/widgets/`,
      `  API docs         ${base}/docs`,
      `  OpenAPI          ${base}/openapi.json`,
      `  Health           ${base}/healthz  ${base}/readyz`,
    ];
    if (config.CRM_SEED === 'demo') lines.push(`  Demo logins      ${DEMO_LOGINS.join(', ')} (password ${DEMO_PASSWORD})`);
    if (surveyLink) lines.push(`  Demo survey      ${base}${surveyLink}  (answer without an account)`);
    console.log(lines.join('\n'));
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    for (const stop of stopJobs) stop();
    server.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
