import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature scheme's version, the prefix of every signature in `X-CRM-Signature`. */
export const SIGNATURE_VERSION = 'v1';
/** How far a delivery's `X-CRM-Timestamp` may be from the receiver's clock before it is refused (replay window). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The `X-CRM-Signature` value of a delivery: HMAC-SHA256 under the subscription's secret over
 * `<unix seconds>.<raw body>`, hex, prefixed `v1=`. Signing the timestamp with the body lets a receiver
 * refuse a captured request replayed later.
 * @example signWebhook('c2VjcmV0…', 1767225600, '{"id":1}') // 'v1=5f0c…'
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${hmacHex(secret, timestamp, body)}`;
}

export type VerifyOptions = { toleranceSeconds?: number; now?: Date };

/**
 * Whether a delivery is authentic and fresh: one of the `v1=` signatures in the header (comma-separated,
 * so a receiver may be sent several) matches the raw body and timestamp, compared in constant time, and
 * the timestamp is within the tolerance of `now`. Verify the raw body as received, before parsing it.
 * @example verifyWebhook(secret, req.headers['x-crm-signature'], req.headers['x-crm-timestamp'], rawBody) // true
 */
export function verifyWebhook(secret: string, signatureHeader: string | null | undefined, timestampHeader: string | number | null | undefined, body: string, options: VerifyOptions = {}): boolean {
  if (!signatureHeader || timestampHeader === null || timestampHeader === undefined) return false;
  const timestamp = Number(timestampHeader);
  if (!Number.isSafeInteger(timestamp)) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  return signatureHeader.split(',').some((part) => {
    const [version, hex] = part.trim().split('=', 2);
    if (version !== SIGNATURE_VERSION || !hex || !/^[0-9a-f]{64}$/.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}
