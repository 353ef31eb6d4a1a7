/**
 * # Survey questions
 *
 * The question types of a template as one typed union (discriminated by `type`), the template-level checks
 * (unique ids, conditions that point back to an earlier question) and the validation of a person's answers
 * against a template. Pure: no I/O, shared by the API and its tests.
 */
import { z } from '@hono/zod-openapi';

const Localized = z.object({ zh: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) }).openapi('SurveyText');
const QuestionId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -, at most 40');
const ConditionValue = z.union([z.string().max(100), z.number()]);

/** Conditional display: the question is shown when the answer to an earlier question is one of `in`. */
export const SurveyCondition = z
  .strictObject({ question: QuestionId, in: z.array(ConditionValue).min(1).max(50) })
  .openapi('SurveyCondition', { description: 'Shown only when the answer to the earlier question `question` is one of `in` (for a multiple choice: contains one of them)' });

const base = {
  id: QuestionId,
  title: Localized,
  required: z.boolean().default(false),
  show_if: SurveyCondition.optional(),
};

const SurveyOption = z.strictObject({ id: QuestionId, label: Localized }).openapi('SurveyOption');

/** One question of a template; `type` decides its answer: a score, option ids or a text. */
export const SurveyQuestion = z
  .discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('nps') }).openapi('SurveyNpsQuestion', { description: 'Net Promoter Score: 0–10' }),
    z.strictObject({ ...base, type: z.literal('csat') }).openapi('SurveyCsatQuestion', { description: 'Customer satisfaction: 1–5' }),
    z.strictObject({ ...base, type: z.literal('ces') }).openapi('SurveyCesQuestion', { description: 'Customer effort: 1–7' }),
    z.strictObject({ ...base, type: z.literal('rating'), max: z.number().int().min(3).max(10).default(5) }).openapi('SurveyRatingQuestion', { description: 'Stars: 1–max' }),
    z.strictObject({ ...base, type: z.literal('single_choice'), options: z.array(SurveyOption).min(2).max(30) }).openapi('SurveySingleChoiceQuestion', { description: 'One option id' }),
    z
      .strictObject({ ...base, type: z.literal('multiple_choice'), options: z.array(SurveyOption).min(2).max(30), min_selections: z.number().int().min(0).max(30).default(0), max_selections: z.number().int().min(1).max(30).optional() })
      .openapi('SurveyMultipleChoiceQuestion', { description: 'An array of distinct option ids, between min_selections and max_selections long' }),
    z.strictObject({ ...base, type: z.literal('text'), max_length: z.number().int().min(1).max(5_000).default(1_000) }).openapi('SurveyTextQuestion', { description: 'Free text up to max_length characters' }),
  ])
  .openapi('SurveyQuestion');
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;
export type SurveyQuestionType = SurveyQuestion['type'];

/** The fixed scale of each score type; a rating's top is its `max`. */
const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

/** Problems of a question list as a whole, as zod issues: duplicate ids, bad option sets, conditions on later or unknown questions. */
function checkTemplate(questions: readonly SurveyQuestion[], ctx: z.RefinementCtx) {
  const seen = new Map<string, SurveyQuestion>();
  questions.forEach((question, index) => {
    if (seen.has(question.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate question id ${question.id}` });
    if (question.type === 'single_choice' || question.type === 'multiple_choice') {
      const ids = question.options.map((o) => o.id);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: [index, 'options'], message: 'option ids must be unique' });
    }
    if (question.type === 'multiple_choice') {
      const max = question.max_selections ?? question.options.length;
      if (question.min_selections > max || max > question.options.length) ctx.addIssue({ code: 'custom', path: [index, 'max_selections'], message: 'need min_selections ≤ max_selections ≤ number of options' });
    }
    if (question.show_if) {
      const target = seen.get(question.show_if.question);
      if (!target) ctx.addIssue({ code: 'custom', path: [index, 'show_if', 'question'], message: `show_if must refer to an earlier question; ${question.show_if.question} is unknown or later` });
      else if (target.type === 'text') ctx.addIssue({ code: 'custom', path: [index, 'show_if', 'question'], message: 'show_if cannot depend on a text question' });
    }
    seen.set(question.id, question);
  });
}

/** A template's questions: 1–100 of them, ids unique, conditions only on earlier questions. */
export const SurveyQuestions = z.array(SurveyQuestion).min(1).max(100).superRefine(checkTemplate);

/** Answers keyed by question id: a number for scores, an option id, option ids, or a text. */
export type SurveyAnswers = Record<string, unknown>;

export type AnswerErrorCode = 'required' | 'wrong_type' | 'out_of_range' | 'unknown_option' | 'too_few' | 'too_many' | 'too_long' | 'unknown_question';
export type AnswerError = { question: string; code: AnswerErrorCode; message: string };

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** Whether `question` is shown given the (already cleaned) answers to earlier questions. */
function visible(question: SurveyQuestion, shown: ReadonlySet<string>, answers: SurveyAnswers): boolean {
  if (!question.show_if) return true;
  if (!shown.has(question.show_if.question)) return false;
  const answer = answers[question.show_if.question];
  const wanted = question.show_if.in;
  return Array.isArray(answer) ? answer.some((a) => wanted.includes(a as string)) : wanted.includes(answer as string | number);
}

/** The problem with one non-blank answer, or null when it fits its question (`partial` skips the minimum count of a multiple choice). */
function answerProblem(question: SurveyQuestion, value: unknown, partial: boolean): Omit<AnswerError, 'question'> | null {
  switch (question.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'rating': {
      const [min, max] = question.type === 'rating' ? [1, question.max] : SCALES[question.type];
      if (typeof value !== 'number' || !Number.isInteger(value)) return { code: 'wrong_type', message: `an integer from ${min} to ${max} is expected` };
      return value < min || value > max ? { code: 'out_of_range', message: `must be from ${min} to ${max}` } : null;
    }
    case 'single_choice':
      if (typeof value !== 'string') return { code: 'wrong_type', message: 'an option id is expected' };
      return question.options.some((o) => o.id === value) ? null : { code: 'unknown_option', message: `${value} is not an option` };
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string') || new Set(value).size !== value.length) return { code: 'wrong_type', message: 'an array of distinct option ids is expected' };
      const unknown = value.find((v) => !question.options.some((o) => o.id === v));
      if (unknown !== undefined) return { code: 'unknown_option', message: `${String(unknown)} is not an option` };
      const max = question.max_selections ?? question.options.length;
      if (value.length > max) return { code: 'too_many', message: `at most ${max} options` };
      return !partial && value.length < question.min_selections ? { code: 'too_few', message: `at least ${question.min_selections} options` } : null;
    }
    case 'text':
      if (typeof value !== 'string') return { code: 'wrong_type', message: 'a text is expected' };
      return value.trim().length > question.max_length ? { code: 'too_long', message: `at most ${question.max_length} characters` } : null;
  }
}

/**
 * Checks answers against a template's questions in order. Answers to hidden questions (their `show_if` is
 * not met) are dropped, blank ones too; a required visible question without an answer is an error unless
 * `partial` (a saved draft). Texts are trimmed.
 * @returns the answers to keep and one error per faulty question (empty when valid).
 * @example validateAnswers(questions, { q1: 11 }, { partial: true }).errors // [{ question: 'q1', code: 'out_of_range', … }]
 */
export function validateAnswers(questions: readonly SurveyQuestion[], answers: SurveyAnswers, options: { partial: boolean }): { answers: SurveyAnswers; errors: AnswerError[] } {
  const errors: AnswerError[] = [];
  const kept: SurveyAnswers = {};
  const shown = new Set<string>();
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) errors.push({ question: id, code: 'unknown_question', message: 'no such question in this survey' });
  for (const question of questions) {
    if (!visible(question, shown, kept)) continue;
    shown.add(question.id);
    const value = answers[question.id];
    if (isBlank(value)) {
      if (question.required && !options.partial) errors.push({ question: question.id, code: 'required', message: 'an answer is required' });
      continue;
    }
    const problem = answerProblem(question, value, options.partial);
    if (problem) errors.push({ question: question.id, ...problem });
    else kept[question.id] = typeof value === 'string' ? value.trim() : value;
  }
  return { answers: kept, errors };
}

/** The scores of a response: the answer to the first NPS, CSAT and CES question, and the texts for analysis. */
export type ResponseScores = { nps: number | null; csat: number | null; ces: number | null; texts: string[] };

/**
 * Lifts the first answer of each score type out of validated answers.
 * @example scoresOf(questions, { n: 9, c: 4 }) // { nps: 9, csat: 4, ces: null, texts: [] }
 */
export function scoresOf(questions: readonly SurveyQuestion[], answers: SurveyAnswers): ResponseScores {
  const firstOf = (type: 'nps' | 'csat' | 'ces') => {
    const question = questions.find((q) => q.type === type);
    const value = question ? answers[question.id] : undefined;
    return typeof value === 'number' ? value : null;
  };
  const texts = questions.flatMap((q) => (q.type === 'text' && typeof answers[q.id] === 'string' ? [answers[q.id] as string] : []));
  return { nps: firstOf('nps'), csat: firstOf('csat'), ces: firstOf('ces'), texts };
}
