/**
 * Table tests of the form's pure logic: wording, scales, conditions, what is sent (survey-form.format.ts) and the
 * checks that mirror the API's (survey-form.validation.ts). They run in the browser project with the other widget tests.
 */
import { describe, expect, it } from 'vitest';
import { surveyFormMessages } from './survey-form.messages.js';
import { answerProblem, problemsFromApi, validateSurvey } from './survey-form.validation.js';
import { answersToSend, isBlank, localized, savedTime, scaleOf, submittedScores, surveyProgress, visibleQuestionIds, type SurveyQuestion } from './survey-form.format.js';

const t = (zh: string, en = zh) => ({ zh, en });

/** A template with every type and two conditions: `why` after a low NPS, `which` after choosing "other". */
const questions: SurveyQuestion[] = [
  { id: 'nps', type: 'nps', title: t('推荐可能性', 'Recommend?'), required: true },
  { id: 'why', type: 'text', title: t('原因', 'Why?'), show_if: { question: 'nps', in: [0, 1, 2, 3, 4, 5, 6] }, max_length: 20 },
  { id: 'csat', type: 'csat', title: t('满意度', 'Satisfied?'), required: true },
  { id: 'ces', type: 'ces', title: t('省力程度', 'Effort?') },
  { id: 'stars', type: 'rating', title: t('工程师评分', 'Engineer'), max: 4 },
  { id: 'channel', type: 'single_choice', title: t('渠道', 'Channel'), options: [{ id: 'phone', label: t('电话', 'Phone') }, { id: 'other', label: t('其他', 'Other') }] },
  { id: 'which', type: 'text', title: t('哪种渠道', 'Which?'), show_if: { question: 'channel', in: ['other'] } },
  {
    id: 'topics',
    type: 'multiple_choice',
    title: t('关注点', 'Topics'),
    options: [{ id: 'speed', label: t('速度', 'Speed') }, { id: 'price', label: t('价格', 'Price') }, { id: 'quality', label: t('质量', 'Quality') }],
    min_selections: 1,
    max_selections: 2,
  },
  { id: 'price_note', type: 'text', title: t('价格意见', 'Price'), show_if: { question: 'topics', in: ['price'] } },
];

describe('localized', () => {
  it.each([
    [{ zh: '满意吗？', en: 'Satisfied?' }, 'zh-CN', '满意吗？'],
    [{ zh: '满意吗？', en: 'Satisfied?' }, 'en', 'Satisfied?'],
    [{ zh: '满意吗？', en: ' ' }, 'en', '满意吗？'],
    [{ zh: '', en: 'Satisfied?' }, 'zh-CN', 'Satisfied?'],
    [{ en: 'Satisfied?' }, 'zh-CN', 'Satisfied?'],
    [undefined, 'en', ''],
  ] as const)('%o in %s → %s', (text, locale, expected) => {
    expect(localized(text, locale)).toBe(expected);
  });
});

describe('scaleOf', () => {
  it.each([
    [questions[0]!, [0, 10, 11]],
    [questions[2]!, [1, 5, 5]],
    [questions[3]!, [1, 7, 7]],
    [questions[4]!, [1, 4, 4]],
    [{ id: 'r', type: 'rating', title: t('r') } as SurveyQuestion, [1, 5, 5]],
  ])('%o spans first…last with n points', (question, [first, last, count]) => {
    const scale = scaleOf(question as Parameters<typeof scaleOf>[0]);
    expect([scale[0], scale.at(-1), scale.length]).toEqual([first, last, count]);
  });
});

describe('isBlank', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['  ', true],
    [[], true],
    [0, false],
    ['x', false],
    [['a'], false],
  ])('%o → %s', (value, blank) => {
    expect(isBlank(value)).toBe(blank);
  });
});

describe('visibleQuestionIds', () => {
  it.each([
    [{}, ['nps', 'csat', 'ces', 'stars', 'channel', 'topics']],
    [{ nps: 9 }, ['nps', 'csat', 'ces', 'stars', 'channel', 'topics']],
    [{ nps: 6 }, ['nps', 'why', 'csat', 'ces', 'stars', 'channel', 'topics']],
    [{ nps: 0, channel: 'other' }, ['nps', 'why', 'csat', 'ces', 'stars', 'channel', 'which', 'topics']],
    [{ topics: ['speed', 'price'] }, ['nps', 'csat', 'ces', 'stars', 'channel', 'topics', 'price_note']],
    [{ topics: ['speed'] }, ['nps', 'csat', 'ces', 'stars', 'channel', 'topics']],
  ])('answers %o show %o', (answers, ids) => {
    expect([...visibleQuestionIds(questions, answers)]).toEqual(ids);
  });

  it('hides a question whose condition depends on a hidden one', () => {
    const chained: SurveyQuestion[] = [
      { id: 'a', type: 'csat', title: t('a') },
      { id: 'b', type: 'single_choice', title: t('b'), show_if: { question: 'a', in: [1] }, options: [{ id: 'x', label: t('x') }, { id: 'y', label: t('y') }] },
      { id: 'c', type: 'text', title: t('c'), show_if: { question: 'b', in: ['x'] } },
    ];
    expect([...visibleQuestionIds(chained, { a: 1, b: 'x' })]).toEqual(['a', 'b', 'c']);
    expect([...visibleQuestionIds(chained, { a: 5, b: 'x' })]).toEqual(['a']);
  });
});

describe('answersToSend', () => {
  it('drops hidden and blank answers and trims texts', () => {
    expect(answersToSend(questions, { nps: 9, why: '太慢', csat: 4, ces: undefined, channel: 'phone', which: '微信', topics: [], price_note: ' x ' })).toEqual({ nps: 9, csat: 4, channel: 'phone' });
    expect(answersToSend(questions, { nps: 3, why: '  太慢 ', topics: ['price'], price_note: ' 贵 ' })).toEqual({ nps: 3, why: '太慢', topics: ['price'], price_note: '贵' });
  });
});

describe('surveyProgress', () => {
  it('counts answered shown questions out of the shown ones', () => {
    expect(surveyProgress(questions, {})).toEqual({ answered: 0, total: 6 });
    expect(surveyProgress(questions, { nps: 2 })).toEqual({ answered: 1, total: 7 });
    expect(surveyProgress(questions, { nps: 10, why: '被隐藏', csat: 5 })).toEqual({ answered: 2, total: 6 });
  });
});

describe('submittedScores', () => {
  it('lifts the first NPS and CSAT answer', () => {
    expect(submittedScores(questions, { nps: 9, csat: 4 })).toEqual({ nps: 9, csat: 4 });
    expect(submittedScores(questions, { nps: 0 })).toEqual({ nps: 0, csat: null });
    expect(submittedScores([{ id: 'x', type: 'text', title: t('x') }], { x: 'y' })).toEqual({ nps: null, csat: null });
  });
});

describe('savedTime', () => {
  it('writes the API time as hours and minutes, as written', () => {
    expect(savedTime('2026-11-26 14:05:09', 'zh-CN')).toBe('14:05');
    expect(savedTime('2026-11-26 09:30:00', 'en')).toBe('09:30');
    expect(savedTime('later', 'en')).toBe('later');
  });
});

const byId = (id: string) => questions.find((q) => q.id === id)! as SurveyQuestion;
const required: SurveyQuestion = { ...byId('topics'), required: true } as SurveyQuestion;

describe('answerProblem (mirrors the API’s validateAnswers)', () => {
  it.each([
    ['nps', undefined, false, { code: 'required' }],
    ['nps', undefined, true, null],
    ['nps', 0, false, null],
    ['nps', 10, false, null],
    ['nps', 11, false, { code: 'out_of_range', limit: 10 }],
    ['nps', -1, true, { code: 'out_of_range', limit: 10 }],
    ['nps', 7.5, false, { code: 'wrong_type' }],
    ['nps', '7', false, { code: 'wrong_type' }],
    ['csat', 0, false, { code: 'out_of_range', limit: 5 }],
    ['csat', 5, false, null],
    ['ces', 7, false, null],
    ['ces', 8, false, { code: 'out_of_range', limit: 7 }],
    ['stars', 4, false, null],
    ['stars', 5, false, { code: 'out_of_range', limit: 4 }],
    ['ces', undefined, false, null],
    ['channel', 'phone', false, null],
    ['channel', 'fax', false, { code: 'unknown_option' }],
    ['channel', ['phone'], false, { code: 'wrong_type' }],
    ['topics', ['speed'], false, null],
    ['topics', ['speed', 'price', 'quality'], true, { code: 'too_many', limit: 2 }],
    ['topics', ['speed', 'speed'], false, { code: 'wrong_type' }],
    ['topics', ['speed', 'fax'], false, { code: 'unknown_option' }],
    ['topics', [], false, null],
    ['why', 'x'.repeat(20), false, null],
    ['why', ` ${'x'.repeat(20)} `, false, null],
    ['why', 'x'.repeat(21), true, { code: 'too_long', limit: 20 }],
    ['why', 3, false, { code: 'wrong_type' }],
    ['which', 'y'.repeat(1_000), false, null],
    ['which', 'y'.repeat(1_001), false, { code: 'too_long', limit: 1_000 }],
  ])('%s = %o (partial %s) → %o', (id, value, partial, problem) => {
    expect(answerProblem(byId(id), value, { partial })).toEqual(problem);
  });

  it('asks for the minimum of a multiple choice only when the person is done with it', () => {
    const twoAtLeast = { ...byId('topics'), min_selections: 2 } as SurveyQuestion;
    expect(answerProblem(twoAtLeast, ['speed'], { partial: true })).toBeNull();
    expect(answerProblem(twoAtLeast, ['speed'], { partial: false })).toEqual({ code: 'too_few', limit: 2 });
    expect(answerProblem(required, [], { partial: false })).toEqual({ code: 'required' });
  });
});

describe('validateSurvey', () => {
  it('checks the shown questions only, in template order', () => {
    expect(validateSurvey(questions, {}, { partial: false })).toEqual({ nps: { code: 'required' }, csat: { code: 'required' } });
    expect(validateSurvey(questions, { nps: 9, csat: 4, why: 'x'.repeat(50) }, { partial: false })).toEqual({});
    expect(validateSurvey(questions, { nps: 3, csat: 4, why: 'x'.repeat(50) }, { partial: false })).toEqual({ why: { code: 'too_long', limit: 20 } });
    expect(Object.keys(validateSurvey(questions, { nps: 12, csat: 9 }, { partial: true }))).toEqual(['nps', 'csat']);
  });

  it('checks a draft for what is wrong, not for what is missing', () => {
    expect(validateSurvey(questions, { topics: ['speed', 'price', 'quality'] }, { partial: true })).toEqual({ topics: { code: 'too_many', limit: 2 } });
  });
});

describe('problemsFromApi', () => {
  it('puts the 422 details on their questions, with the limits the messages need', () => {
    const details = {
      errors: [
        { question: 'nps', code: 'out_of_range', message: 'must be from 0 to 10' },
        { question: 'csat', code: 'required', message: 'an answer is required' },
        { question: 'why', code: 'too_long', message: 'at most 20 characters' },
        { question: 'gone', code: 'unknown_question', message: 'no such question in this survey' },
        { question: 'channel', code: 'something_new', message: '?' },
      ],
    };
    expect(problemsFromApi(details, questions)).toEqual({
      problems: { nps: { code: 'out_of_range', limit: 10 }, csat: { code: 'required', limit: undefined }, why: { code: 'too_long', limit: 20 }, channel: { code: 'wrong_type', limit: undefined } },
      unplaced: [details.errors[3]],
    });
  });

  it('reads nothing from details of another shape', () => {
    expect(problemsFromApi(undefined, questions)).toEqual({ problems: {}, unplaced: [] });
    expect(problemsFromApi({ errors: 'x' }, questions)).toEqual({ problems: {}, unplaced: [] });
  });
});

describe('problem messages', () => {
  it('say the limit in both languages', () => {
    expect(surveyFormMessages('zh-CN').problem({ code: 'too_long', limit: 20 })).toBe('回答过长：最多 20 字。');
    expect(surveyFormMessages('en').problem({ code: 'too_many', limit: 2 })).toBe('Choose at most 2.');
    expect(surveyFormMessages('zh-CN').problem({ code: 'required' })).toBe('请回答此问题。');
    expect(surveyFormMessages('en').problem({ code: 'unknown_question' })).toBe('This answer is not in the expected form. Please answer again.');
  });
});
