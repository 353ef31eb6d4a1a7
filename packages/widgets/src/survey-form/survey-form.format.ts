import type { SurveyQuestion, SurveyText } from '@crm/sdk';
import type { CrmLocale } from '../i18n/i18n.js';

export type { SurveyQuestion };

/** Answers keyed by question id, as the API takes them: a number, an option id, option ids or a text. */
export type SurveyAnswers = Record<string, unknown>;

/** The question types whose answer is a point on a scale, rendered as a radio group. */
export type ScaleQuestion = Extract<SurveyQuestion, { type: 'nps' | 'csat' | 'ces' | 'rating' }>;

/**
 * A template text in the locale, else in the other language: templates hold both, but an older or hand-made
 * one may leave one side blank, and a question in the wrong language beats an empty label.
 *
 * @example localized({ zh: '满意吗？', en: '' }, 'en') // '满意吗？'
 */
export function localized(text: Partial<SurveyText> | null | undefined, locale: CrmLocale): string {
  const zh = text?.zh?.trim() ?? '';
  const en = text?.en?.trim() ?? '';
  return locale === 'en' ? en || zh : zh || en;
}

export function isScaleQuestion(question: SurveyQuestion): question is ScaleQuestion {
  return question.type === 'nps' || question.type === 'csat' || question.type === 'ces' || question.type === 'rating';
}

/**
 * The points of a scale question, as the API accepts them: NPS 0–10, CSAT 1–5, CES 1–7, a rating 1–`max` (5 by default).
 *
 * @example scaleOf({ id: 'r', type: 'rating', max: 4, title }) // [1, 2, 3, 4]
 */
export function scaleOf(question: ScaleQuestion): number[] {
  const [min, max] = question.type === 'nps' ? [0, 10] : question.type === 'csat' ? [1, 5] : question.type === 'ces' ? [1, 7] : [1, question.max ?? 5];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** A multiple choice's bounds with the API's defaults: at least `min_selections` (0), at most `max_selections` (all). */
export function selectionBounds(question: Extract<SurveyQuestion, { type: 'multiple_choice' }>): { min: number; max: number } {
  return { min: question.min_selections ?? 0, max: question.max_selections ?? question.options.length };
}

/** A text question's limit with the API's default (1,000 characters). */
export const maxLengthOf = (question: Extract<SurveyQuestion, { type: 'text' }>): number => question.max_length ?? 1_000;

/** No answer yet: nothing, an empty or blank text, no option ticked. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/**
 * The ids of the questions shown for these answers, in template order. A question with `show_if` is shown when
 * the earlier question it names is shown and its answer is one of `in` (for a multiple choice: contains one) —
 * the rule the API applies on submit, so what the person sees is what the API checks.
 *
 * @example visibleQuestionIds(questions, { nps: 9 }) // Set { 'nps', 'csat' } — 'why' waits for a low score
 */
export function visibleQuestionIds(questions: readonly SurveyQuestion[], answers: SurveyAnswers): Set<string> {
  const shown = new Set<string>();
  for (const question of questions) {
    const condition = question.show_if;
    if (condition) {
      if (!shown.has(condition.question)) continue;
      const answer = answers[condition.question];
      const met = Array.isArray(answer) ? answer.some((a) => condition.in.includes(a as string)) : condition.in.includes(answer as string | number);
      if (!met) continue;
    }
    shown.add(question.id);
  }
  return shown;
}

/**
 * The answers to send: those of shown questions that are not blank, texts trimmed. Answers to hidden questions
 * stay in the form (they come back if the person changes their mind) but never reach the API.
 *
 * @example answersToSend(questions, { nps: 9, why: '太慢', csat: 4 }) // { nps: 9, csat: 4 }
 */
export function answersToSend(questions: readonly SurveyQuestion[], answers: SurveyAnswers): SurveyAnswers {
  const shown = visibleQuestionIds(questions, answers);
  const sent: SurveyAnswers = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (!shown.has(question.id) || isBlank(value)) continue;
    sent[question.id] = typeof value === 'string' ? value.trim() : value;
  }
  return sent;
}

/** How far the person is: answered shown questions out of the shown ones. */
export function surveyProgress(questions: readonly SurveyQuestion[], answers: SurveyAnswers): { answered: number; total: number } {
  const shown = visibleQuestionIds(questions, answers);
  const answered = questions.filter((q) => shown.has(q.id) && !isBlank(answers[q.id])).length;
  return { answered, total: shown.size };
}

/**
 * The first NPS and CSAT answer among sent answers, as `crm-survey-submitted` reports them (null when the
 * template has none or it was not answered).
 *
 * @example submittedScores(questions, { nps: 9, csat: 4 }) // { nps: 9, csat: 4 }
 */
export function submittedScores(questions: readonly SurveyQuestion[], sent: SurveyAnswers): { nps: number | null; csat: number | null } {
  const first = (type: 'nps' | 'csat') => {
    const question = questions.find((q) => q.type === type);
    const value = question ? sent[question.id] : undefined;
    return typeof value === 'number' ? value : null;
  };
  return { nps: first('nps'), csat: first('csat') };
}

/**
 * A time of the API (`2026-11-26 14:05:09`, Beijing business time) as the locale writes hours and minutes. The
 * API already wrote it in business time, so it is shown as written rather than moved to the browser's zone.
 *
 * @example savedTime('2026-11-26 14:05:09', 'en') // '14:05'
 */
export function savedTime(at: string, locale: CrmLocale): string {
  const match = /[T ](\d{2}):(\d{2})/.exec(at);
  if (!match) return at;
  const date = new Date(Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])));
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
}
