import { describe, expect, it } from 'vitest';
import { analyzeFeedback, analyzeResponseTexts, feedbackWords } from './survey-text.ts';

describe('feedback text analysis', () => {
  it('segments Chinese text into words', () => {
    expect(feedbackWords('工程师态度很好')).toContain('态度');
  });

  it.each([
    ['工程师态度很好，响应及时', 'positive', ['response_speed', 'engineer_attitude']],
    ['系统经常宕机，不稳定', 'negative', ['stability']],
    ['价格太贵了', 'negative', ['price']],
    ['服务不及时，很失望', 'negative', ['response_speed']],
    ['客服回复太慢了', 'negative', ['response_speed', 'engineer_attitude']],
    ['非常满意，感谢工程师的耐心', 'positive', ['engineer_attitude']],
    ['没有问题', 'positive', []],
    ['The engineer was slow and the price is too high', 'negative', ['response_speed', 'engineer_attitude', 'price']],
    ['今天天气', 'neutral', []],
  ])('%s → %s %j', (text, sentiment, themes) => {
    expect(analyzeFeedback(text)).toEqual({ sentiment, themes });
  });

  it('combines the texts of a response and gives no sentiment without text', () => {
    expect(analyzeResponseTexts(['价格太贵', '工程师很专业，很满意，非常好'])).toEqual({ sentiment: 'neutral', themes: ['engineer_attitude', 'price'] });
    expect(analyzeResponseTexts(['  '])).toEqual({ sentiment: null, themes: [] });
  });
});
