import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_PATTERN, matchesEventType, retryDelayMs } from './webhook-schedule.ts';

describe('event type patterns', () => {
  it.each([
    [['risk_alert.opened'], 'risk_alert.opened', true],
    [['risk_alert.opened'], 'risk_alert.closed', false],
    [['risk_alert.*'], 'risk_alert.opened', true],
    [['risk_alert.*'], 'risk_alert_x.opened', false],
    [['risk_alert.*'], 'risk_alert', false],
    [['*'], 'customer.created', true],
    [['customer.created', 'risk_alert.*'], 'risk_alert.closed', true],
    [['*'], 'webhook.dead_lettered', false],
    [['webhook.*'], 'webhook.ping', false],
  ])('%j matches %s: %s', (patterns, type, expected) => {
    expect(matchesEventType(patterns, type)).toBe(expected);
  });

  it('accepts *, exact types and prefixes only', () => {
    for (const good of ['*', 'risk_alert.opened', 'risk_alert.*', 'health.nightly_completed', 'customer']) expect(EVENT_TYPE_PATTERN.test(good)).toBe(true);
    for (const bad of ['', '**', 'risk_alert.', '*.opened', 'Risk.opened', 'risk alert', 'risk_alert.*.x', 'a..b', 'risk-alert.opened']) expect(EVENT_TYPE_PATTERN.test(bad)).toBe(false);
  });
});

describe('retry schedule', () => {
  it('doubles from 30 s, caps at 6 h, and spreads ±20%', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 8].map((n) => retryDelayMs(n, middle))).toEqual([30_000, 60_000, 120_000, 240_000, 3_840_000]);
    expect(retryDelayMs(20, middle)).toBe(6 * 3600_000);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBeCloseTo(36_000, -1);
  });
});
