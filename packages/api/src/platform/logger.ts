import pino, { type Logger } from 'pino';

/** Field names whose values never reach a log line. */
const redactedPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  '*.phone',
  '*.mobile',
  '*.email',
  '*.wechat',
  '*.*.phone',
  '*.*.mobile',
  '*.*.email',
  '*.*.wechat',
];

/**
 * Structured JSON logs; sensitive fields are censored by path.
 * @example const log = createLogger('info'); log.info({ request_id }, 'request done');
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'crm-api' } }, destination);
}
export type { Logger };
