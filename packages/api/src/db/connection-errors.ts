/**
 * Whether a failure means the database is away (a restart, a failover, a terminated backend, a refused
 * or dropped connection) rather than something wrong with the request: the API answers those with 503 and
 * `Retry-After`, and the jobs simply try again on their next run.
 */
const driverCodes = new Set([
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  // the socket underneath
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not taking us: class 08 (connection exception), 57P01–57P03
 * (admin shutdown, crash shutdown, cannot connect now: a restart or a terminated backend), 53300 (too many
 * connections) and 25006 (read-only transaction: a failover left us on a standby).
 */
const unavailableState = (state: string) => state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03' || state === '53300' || state === '25006';

/**
 * @example isDatabaseUnavailable(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })) // true
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  // drizzle wraps the driver's error in `cause`, sometimes twice.
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (driverCodes.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableState(code)))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
