import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

const secret = 'Jq3vYh0u2h1mC7h5nN0p8Xk1Zr4t6Wb9sLe2Ga5Df7o';
const body = '{"id":42,"type":"risk_alert.opened","data":{"customer_id":7}}';
const timestamp = 1_785_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe('webhook signature', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256 as v1=<hex> and verifies it', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signWebhook(secret, timestamp, body)).toBe(signature);
    expect(verifyWebhook(secret, signature, String(timestamp), body, { now: at(timestamp + 10) })).toBe(true);
    expect(verifyWebhook(secret, `v1=${'0'.repeat(64)}, ${signature}`, timestamp, body, { now: at(timestamp) })).toBe(true);
  });

  it('refuses a tampered body, another secret, another timestamp and malformed headers', () => {
    const signature = signWebhook(secret, timestamp, body);
    const now = { now: at(timestamp) };
    expect(verifyWebhook(secret, signature, timestamp, body.replace('7', '8'), now)).toBe(false);
    expect(verifyWebhook(`${secret}x`, signature, timestamp, body, now)).toBe(false);
    expect(verifyWebhook(secret, signature, timestamp + 1, body, now)).toBe(false);
    for (const header of ['', 'v1=', 'v1=zz', `v2=${signature.slice(3)}`, signature.slice(3), `v1=${signature.slice(3, 40)}`, null, undefined]) {
      expect(verifyWebhook(secret, header, timestamp, body, now)).toBe(false);
    }
    expect(verifyWebhook(secret, signature, 'yesterday', body, now)).toBe(false);
    expect(verifyWebhook(secret, signature, null, body, now)).toBe(false);
  });

  it('refuses a stale or future timestamp outside the tolerance (replay)', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, signature, timestamp, body, { now: at(timestamp + 300) })).toBe(true);
    expect(verifyWebhook(secret, signature, timestamp, body, { now: at(timestamp + 301) })).toBe(false);
    expect(verifyWebhook(secret, signature, timestamp, body, { now: at(timestamp - 301) })).toBe(false);
    expect(verifyWebhook(secret, signature, timestamp, body, { now: at(timestamp + 3_600), toleranceSeconds: 7_200 })).toBe(true);
  });
});
