import { z } from 'zod';
import { isAddressOrRange } from './auth/client-address.ts';

const port = z.coerce.number().int().min(1).max(65535);

/** Every environment variable the API reads, validated once at start-up. */
export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CRM_DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  CRM_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  CRM_SEED: z.enum(['demo', 'none']).default('demo'),
  /** Minutes between runs of the contract scheduler (lifecycle, renewal reminders); 0 turns it off in this process. */
  CRM_SCHEDULER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  /** Minutes between runs of the complaint escalation timer; 0 turns it off in this process. */
  CRM_ESCALATION_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Minutes between runs of the health recomputation (new events; the nightly full run after 02:00); 0 turns it off in this process. */
  CRM_HEALTH_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Minutes between runs of the success plays (care plans, renewal preparation; the daily opportunity scan after 03:00); 0 turns it off in this process. */
  CRM_SUCCESS_PLAYS_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Minutes between runs of the segment job (nightly after 04:00: value tiers, then every segment refreshed); 0 turns it off in this process. */
  CRM_SEGMENTS_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  /** Minutes between runs of the survey job (event-driven invitations, scheduled launches, reminders, expiry); 0 turns it off in this process. */
  CRM_SURVEY_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Public base URL of the portal for links sent out (survey invitations): `${CRM_PUBLIC_BASE_URL}survey/<token>`; the site root when unset. */
  CRM_PUBLIC_BASE_URL: z.url().optional(),
  /** Seconds between runs of the webhook worker (fan-out of new events, sending due deliveries); 0 turns it off in this process. */
  CRM_WEBHOOK_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** Webhooks may target private, loopback, link-local and reserved addresses; off by default (the demo too), on only where the receiver is local (tests). */
  CRM_WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  CRM_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CRM_JWKS_URL: z.url().optional(),
  CRM_JWT_ISSUER: z.string().min(1).default('crm-module'),
  CRM_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(8 * 3600),
  /** `id:base64key,id:base64key`; the first is the active key. */
  CRM_ENCRYPTION_KEYS: z.string().optional(),
  CRM_BLIND_INDEX_KEY: z.string().optional(),
  CRM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CRM_CORS_ORIGINS: z.string().default('*'),
  /** Proxies (addresses or CIDR ranges, comma-separated) whose `X-Forwarded-For` names the client; from anyone else it is ignored. */
  CRM_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isAddressOrRange, 'must be IP addresses or CIDR ranges, comma-separated'))),
});

export type Config = z.infer<typeof configSchema>;

/** Thrown at start-up; its message names every offending variable. */
export class ConfigError extends Error {}

/**
 * Reads and validates the environment once.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
