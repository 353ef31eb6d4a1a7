/**
 * `pnpm --filter @crm/api rotate-keys [--dry-run] [--batch-size=500]`
 *
 * Re-encrypts every stored contact channel (and any other `*_enc` value) under the first key of
 * CRM_ENCRYPTION_KEYS. Put the new key first and keep the old ones after it (`k2:…,k1:…`), run this,
 * and once it reports nothing left, drop the old key from CRM_ENCRYPTION_KEYS. Reads the same
 * configuration as the server; for the embedded database, stop the server first (one process per data
 * directory).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../db/create-db.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createKeyRing } from '../platform/crypto/key-ring.ts';
import { resolveSecrets } from '../platform/dev-secrets.ts';
import { createLogger } from '../platform/logger.ts';
import { rotateEncryptionKeys } from './key-rotation.ts';

async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string', default: '500' } } });
  const batchSize = Number(args['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error('--batch-size must be an integer between 1 and 10000');
    return 2;
  }
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  // resolveSecrets would create fresh development keys where none exist: with a mistyped CRM_DATA_DIR
  // that would "rotate" nothing under keys nobody has. Refuse instead.
  const devSecrets = path.resolve(config.CRM_DATA_DIR, 'dev-secrets.json');
  if (!(config.CRM_ENCRYPTION_KEYS && config.CRM_BLIND_INDEX_KEY) && !existsSync(devSecrets)) {
    console.error(`No CRM_ENCRYPTION_KEYS / CRM_BLIND_INDEX_KEY and no ${devSecrets}: nothing to rotate with.`);
    return 2;
  }
  const secrets = resolveSecrets(config, createLogger('silent'));
  const keyRing = createKeyRing({ keys: secrets.encryptionKeys, blindIndexKey: secrets.blindIndexKey });
  const handle = config.DATABASE_URL
    ? await createDb({ kind: 'postgres', url: config.DATABASE_URL, poolSize: 2 })
    : await createDb({ kind: 'pglite', dataDir: config.CRM_DATA_DIR });
  try {
    console.log(`${args['dry-run'] ? 'Checking' : 'Re-encrypting'} under key "${keyRing.activeKeyId}" on ${handle.kind === 'pglite' ? config.CRM_DATA_DIR : 'Postgres'} …`);
    const report = await rotateEncryptionKeys(handle.db, keyRing, {
      batchSize,
      dryRun: args['dry-run'],
      onProgress: (p) => console.log(`  tenant ${p.tenantId}  ${p.table}: ${p.rows} rows, ${p.values} values`),
    });
    const tables = report.tables.map((t) => `${t.table} (${t.columns.join(', ')})`).join('; ') || 'none';
    console.log(`Tenants: ${report.tenants}. Encrypted columns: ${tables}.`);
    console.log(
      report.dryRun
        ? `${report.values} values in ${report.rows} rows are not under "${report.activeKeyId}".`
        : `Re-encrypted ${report.values} values in ${report.rows} rows. ${report.values === 0 ? 'Everything is under the active key: older keys can be removed.' : 'Run again to confirm nothing is left.'}`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
