import { describe, expect, it } from 'vitest';
import { scoresOf, SurveyQuestions, validateAnswers, type SurveyQuestion } from './survey-questions.ts';

const t = (zh: string) => ({ zh, en: zh });
const questions = SurveyQuestions.parse([
  { id: 'nps', type: 'nps', title: t('推荐意愿'), required: true },
  { id: 'why', type: 'text', title: t('原因'), max_length: 20, show_if: { question: 'nps', in: [0, 1, 2, 3, 4, 5, 6] } },
  { id: 'csat', type: 'csat', title: t('满意度') },
  { id: 'ces', type: 'ces', title: t('省力度') },
  { id: 'stars', type: 'rating', title: t('星级'), max: 5 },
  { id: 'channel', type: 'single_choice', title: t('渠道'), options: [{ id: 'phone', label: t('电话') }, { id: 'web', label: t('网页') }] },
  { id: 'areas', type: 'multiple_choice', title: t('方面'), required: true, min_selections: 1, max_selections: 2, options: [{ id: 'a', label: t('甲') }, { id: 'b', label: t('乙') }, { id: 'c', label: t('丙') }] },
]) as SurveyQuestion[];

describe('survey templates', () => {
  it.each([
    ['a duplicate id', [{ id: 'q', type: 'nps', title: t('a') }, { id: 'q', type: 'csat', title: t('b') }], 'duplicate question id'],
    ['a condition on a later question', [{ id: 'a', type: 'csat', title: t('a'), show_if: { question: 'b', in: [1] } }, { id: 'b', type: 'nps', title: t('b') }], 'earlier question'],
    ['a condition on an unknown question', [{ id: 'a', type: 'csat', title: t('a'), show_if: { question: 'zz', in: [1] } }], 'earlier question'],
    ['max below min selections', [{ id: 'a', type: 'multiple_choice', title: t('a'), min_selections: 3, max_selections: 2, options: [{ id: 'x', label: t('x') }, { id: 'y', label: t('y') }, { id: 'z', label: t('z') }] }], 'min_selections'],
    ['duplicate option ids', [{ id: 'a', type: 'single_choice', title: t('a'), options: [{ id: 'x', label: t('x') }, { id: 'x', label: t('y') }] }], 'option ids must be unique'],
  ])('refuses %s', (_name, input, message) => {
    const result = SurveyQuestions.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(' ')).toContain(message);
  });

  it('refuses an unknown question type and a title without English', () => {
    expect(SurveyQuestions.safeParse([{ id: 'a', type: 'slider', title: t('a') }]).success).toBe(false);
    expect(SurveyQuestions.safeParse([{ id: 'a', type: 'nps', title: { zh: '推荐' } }]).success).toBe(false);
  });
});

describe('validateAnswers', () => {
  it('accepts a complete, well-typed answer set and trims texts', () => {
    const result = validateAnswers(questions, { nps: 3, why: '  太慢 ', csat: 2, ces: 7, stars: 1, channel: 'web', areas: ['a', 'c'] }, { partial: false });
    expect(result.errors).toEqual([]);
    expect(result.answers).toMatchObject({ nps: 3, why: '太慢', areas: ['a', 'c'] });
  });

  it('names each wrong answer by question and code', () => {
    const { errors } = validateAnswers(questions, { nps: 11, csat: '4', ces: 0, stars: 6, channel: 'fax', areas: ['a', 'b', 'c'], extra: 1 }, { partial: false });
    expect(Object.fromEntries(errors.map((e) => [e.question, e.code]))).toEqual({
      extra: 'unknown_question',
      nps: 'out_of_range',
      csat: 'wrong_type',
      ces: 'out_of_range',
      stars: 'out_of_range',
      channel: 'unknown_option',
      areas: 'too_many',
    });
  });

  it('requires visible required questions only when complete, and drops answers to hidden questions', () => {
    expect(validateAnswers(questions, {}, { partial: false }).errors.map((e) => [e.question, e.code])).toEqual([['nps', 'required'], ['areas', 'required']]);
    expect(validateAnswers(questions, { nps: 9 }, { partial: true }).errors).toEqual([]);
    const promoter = validateAnswers(questions, { nps: 10, why: 'hidden', areas: ['b'] }, { partial: false });
    expect(promoter.errors).toEqual([]);
    expect(promoter.answers).toEqual({ nps: 10, areas: ['b'] });
    expect(validateAnswers(questions, { nps: 2, why: 'x'.repeat(21), areas: ['a'] }, { partial: false }).errors).toEqual([{ question: 'why', code: 'too_long', message: expect.any(String) }]);
  });

  it('lifts the first NPS, CSAT and CES answers and the texts out of a response', () => {
    expect(scoresOf(questions, { nps: 6, why: '价格太贵', csat: 2, areas: ['a'] })).toEqual({ nps: 6, csat: 2, ces: null, texts: ['价格太贵'] });
  });
});
