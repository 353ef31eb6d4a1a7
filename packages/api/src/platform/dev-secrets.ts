import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { generateKey } from './crypto/key-ring.ts';
import type { Logger } from './logger.ts';

export type Secrets = { jwtSecret: string; encryptionKeys: string; blindIndexKey: string };

/**
 * Secrets from the environment; whatever is missing comes from `<CRM_DATA_DIR>/dev-secrets.json`,
 * created on first start with a loud warning — fine for the embedded demo, never for production.
 */
export function resolveSecrets(config: Config, logger: Logger): Secrets {
  const fromEnv = { jwtSecret: config.CRM_JWT_SECRET, encryptionKeys: config.CRM_ENCRYPTION_KEYS, blindIndexKey: config.CRM_BLIND_INDEX_KEY };
  if (fromEnv.jwtSecret && fromEnv.encryptionKeys && fromEnv.blindIndexKey) return fromEnv as Secrets;
  const file = path.resolve(config.CRM_DATA_DIR, 'dev-secrets.json');
  let dev: Secrets;
  if (existsSync(file)) {
    dev = JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    dev = { jwtSecret: randomBytes(32).toString('base64url'), encryptionKeys: `dev1:${generateKey()}`, blindIndexKey: generateKey() };
    writeFileSync(file, JSON.stringify(dev, null, 2), { mode: 0o600 });
  }
  logger.warn({ file }, 'Using development secrets from the data directory; set CRM_JWT_SECRET, CRM_ENCRYPTION_KEYS and CRM_BLIND_INDEX_KEY in production');
  return {
    jwtSecret: fromEnv.jwtSecret ?? dev.jwtSecret,
    encryptionKeys: fromEnv.encryptionKeys ?? dev.encryptionKeys,
    blindIndexKey: fromEnv.blindIndexKey ?? dev.blindIndexKey,
  };
}
