import { describe, expect, it } from 'vitest';
import { formatPoints, gaugeArc, gaugePoint, signedNumber, sparklinePoints, topFactors } from './health-gauge.format.js';
import { healthGaugeMessages } from './health-gauge.messages.js';
import { meterValueText } from './health-gauge.view.js';

describe('gaugePoint', () => {
  it.each([
    [0, { x: 20, y: 100 }],
    [50, { x: 100, y: 20 }],
    [100, { x: 180, y: 100 }],
    [-10, { x: 20, y: 100 }], // held to the dial
    [140, { x: 180, y: 100 }],
  ])('score %i is at %o', (score, point) => {
    expect(gaugePoint(score)).toEqual(point);
  });
});

describe('gaugeArc', () => {
  it('draws from the left end, clockwise, never with the large-arc flag', () => {
    expect(gaugeArc(100)).toBe('M 20 100 A 80 80 0 0 1 180 100');
    expect(gaugeArc(50)).toBe('M 20 100 A 80 80 0 0 1 100 20');
    expect(gaugeArc(72)).toMatch(/^M 20 100 A 80 80 0 0 1 150\.\d+ 38\.\d+$/);
  });

  it('draws nothing for 0', () => {
    expect(gaugeArc(0)).toBe('');
  });
});

describe('sparklinePoints', () => {
  const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;

  it('spreads the history over the width, oldest left, higher scores higher', () => {
    const points = sparklinePoints([{ day: day(1), score: 60 }, { day: day(15), score: 80 }, { day: day(30), score: 70 }], 120, 32);
    expect(points).toBe('0,30 60,2 120,16');
  });

  it('keeps a flat history in the middle', () => {
    expect(sparklinePoints([{ day: day(1), score: 50 }, { day: day(2), score: 50 }], 100, 20)).toBe('0,10 100,10');
  });

  it('draws a single day as a level line, and nothing without history', () => {
    expect(sparklinePoints([{ day: day(1), score: 40 }], 100, 20)).toBe('0,10 100,10');
    expect(sparklinePoints([])).toBe('');
  });
});

describe('signedNumber', () => {
  it.each([
    [5, '+5'],
    [-3, '-3'],
    [0, '0'],
    [2.25, '+2.3'],
  ])('%f → %s', (value, text) => {
    expect(signedNumber(value, 'zh-CN')).toBe(text);
    expect(signedNumber(value, 'en')).toBe(text);
  });
});

describe('topFactors', () => {
  const c = (factor: string, points: number) => ({ factor, points });

  it('keeps the three largest contributions, the API order between equals', () => {
    const factors = [c('usage', 10), c('sla', 24), c('tickets', 5), c('satisfaction', 24), c('payment', 12)];
    expect(topFactors(factors).map((f) => f.factor)).toEqual(['sla', 'satisfaction', 'payment']);
  });

  it('returns fewer when fewer exist', () => {
    expect(topFactors([c('usage', 1)], 3)).toHaveLength(1);
  });
});

describe('formatPoints', () => {
  it('writes at most one decimal', () => {
    expect(formatPoints(24.25, 'en')).toBe('24.3');
    expect(formatPoints(18, 'zh-CN')).toBe('18');
  });
});

describe('meterValueText', () => {
  it('says the score and the band in the locale', () => {
    expect(meterValueText(72, 'green', 'zh-CN', healthGaugeMessages('zh-CN'))).toBe('72 分，健康');
    expect(meterValueText(72, 'green', 'en', healthGaugeMessages('en'))).toBe('72, healthy');
    expect(meterValueText(41, 'red', 'zh-CN', healthGaugeMessages('zh-CN'))).toBe('41 分，高风险');
    expect(meterValueText(55, 'yellow', 'en', healthGaugeMessages('en'))).toBe('55, needs attention');
  });
});
