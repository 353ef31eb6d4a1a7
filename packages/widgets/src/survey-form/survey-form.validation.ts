import { isBlank, isScaleQuestion, maxLengthOf, scaleOf, selectionBounds, visibleQuestionIds, type SurveyAnswers, type SurveyQuestion } from './survey-form.format.js';

/**
 * The problems an answer can have: the codes of the API's `survey.answers_invalid` details (survey-questions.ts),
 * so a 422 and the form's own check speak the same language.
 */
export type AnswerErrorCode = 'required' | 'wrong_type' | 'out_of_range' | 'unknown_option' | 'too_few' | 'too_many' | 'too_long' | 'unknown_question';

/** One question's problem, with what the message needs (the limit broken). */
export type AnswerProblem = { code: AnswerErrorCode; limit?: number };

/** Problems by question id. */
export type AnswerProblems = Record<string, AnswerProblem>;

/**
 * What is wrong with one answer, or null. Mirrors the API's `validateAnswers`: a blank answer to a required
 * question is `required` unless `partial` (a draft, or a field the person has not finished with); a multiple
 * choice under its minimum is `too_few` only when not `partial`, since ticking is still going on.
 *
 * @example answerProblem(npsQuestion, 11, { partial: true }) // { code: 'out_of_range', limit: 10 }
 */
export function answerProblem(question: SurveyQuestion, value: unknown, options: { partial: boolean }): AnswerProblem | null {
  if (isBlank(value)) return question.required && !options.partial ? { code: 'required' } : null;
  if (isScaleQuestion(question)) {
    const scale = scaleOf(question);
    const max = scale[scale.length - 1]!;
    if (typeof value !== 'number' || !Number.isInteger(value)) return { code: 'wrong_type' };
    return value < scale[0]! || value > max ? { code: 'out_of_range', limit: max } : null;
  }
  switch (question.type) {
    case 'single_choice':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return question.options.some((o) => o.id === value) ? null : { code: 'unknown_option' };
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string') || new Set(value).size !== value.length) return { code: 'wrong_type' };
      if (value.some((v) => !question.options.some((o) => o.id === v))) return { code: 'unknown_option' };
      const { min, max } = selectionBounds(question);
      if (value.length > max) return { code: 'too_many', limit: max };
      return !options.partial && value.length < min ? { code: 'too_few', limit: min } : null;
    }
    case 'text': {
      if (typeof value !== 'string') return { code: 'wrong_type' };
      const max = maxLengthOf(question);
      return value.trim().length > max ? { code: 'too_long', limit: max } : null;
    }
    default:
      return null;
  }
}

/**
 * The problems of the shown questions' answers, in template order; hidden questions are never checked (their
 * answers are not sent). `partial` checks as a draft: only what is wrong already, not what is missing.
 *
 * @example validateSurvey(questions, { csat: 4 }, { partial: false }) // { nps: { code: 'required' } }
 */
export function validateSurvey(questions: readonly SurveyQuestion[], answers: SurveyAnswers, options: { partial: boolean }): AnswerProblems {
  const shown = visibleQuestionIds(questions, answers);
  const problems: AnswerProblems = {};
  for (const question of questions) {
    if (!shown.has(question.id)) continue;
    const problem = answerProblem(question, answers[question.id], options);
    if (problem) problems[question.id] = problem;
  }
  return problems;
}

/** One error of the API's 422 `details.errors`. */
export type ApiAnswerError = { question: string; code: string; message: string };

/**
 * The API's 422 details as problems by question: known codes keep their meaning, anything else becomes
 * `wrong_type`. Errors about no question of this form (`unknown_question`) are returned apart, for the summary.
 *
 * @example problemsFromApi({ errors: [{ question: 'csat', code: 'required', message: '…' }] }, questions)
 * // { problems: { csat: { code: 'required' } }, unplaced: [] }
 */
export function problemsFromApi(details: unknown, questions: readonly SurveyQuestion[]): { problems: AnswerProblems; unplaced: ApiAnswerError[] } {
  const errors = (details as { errors?: unknown } | null | undefined)?.errors;
  const problems: AnswerProblems = {};
  const unplaced: ApiAnswerError[] = [];
  if (!Array.isArray(errors)) return { problems, unplaced };
  const known: readonly string[] = ['required', 'wrong_type', 'out_of_range', 'unknown_option', 'too_few', 'too_many', 'too_long'];
  for (const error of errors as ApiAnswerError[]) {
    const question = questions.find((q) => q.id === error.question);
    if (!question) {
      unplaced.push(error);
      continue;
    }
    const code = (known.includes(error.code) ? error.code : 'wrong_type') as AnswerErrorCode;
    problems[question.id] ??= { code, limit: limitOf(question, code) };
  }
  return { problems, unplaced };
}

/** The limit a code refers to, from the question (the API says it only in its English message). */
function limitOf(question: SurveyQuestion, code: AnswerErrorCode): number | undefined {
  if (code === 'out_of_range' && isScaleQuestion(question)) return scaleOf(question).at(-1);
  if (question.type === 'multiple_choice' && (code === 'too_many' || code === 'too_few')) return selectionBounds(question)[code === 'too_many' ? 'max' : 'min'];
  if (question.type === 'text' && code === 'too_long') return maxLengthOf(question);
  return undefined;
}
