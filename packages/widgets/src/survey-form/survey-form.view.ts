import { html, nothing, type TemplateResult } from 'lit';
import type { CrmLocale } from '../i18n/i18n.js';
import {
  isScaleQuestion,
  localized,
  maxLengthOf,
  scaleOf,
  selectionBounds,
  type ScaleQuestion,
  type SurveyAnswers,
  type SurveyQuestion,
} from './survey-form.format.js';
import type { SurveyFailureKind } from './survey-form.api.js';
import type { SurveyFormMessages } from './survey-form.messages.js';
import type { AnswerProblems } from './survey-form.validation.js';

/** What the fields need: the shown questions, the answers so far, the problems to show and the handlers. */
export type SurveyFieldsView = {
  questions: readonly SurveyQuestion[];
  answers: SurveyAnswers;
  problems: AnswerProblems;
  locale: CrmLocale;
  t: SurveyFormMessages;
  onAnswer: (question: SurveyQuestion, value: unknown) => void;
  onLeave: (question: SurveyQuestion) => void;
};

/** Element ids of a question's parts; question ids are `[A-Za-z0-9_-]`, safe in ids. */
export const fieldIds = (id: string) => ({ field: `q-${id}`, hint: `q-${id}-hint`, error: `q-${id}-error`, input: `q-${id}-input` });

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || nothing;

/** The shown questions, numbered in the order the person sees them. */
export function renderQuestions(view: SurveyFieldsView): TemplateResult {
  return html`${view.questions.map((question, index) => renderQuestion(view, question, index + 1))}`;
}

function renderQuestion(view: SurveyFieldsView, question: SurveyQuestion, number: number): TemplateResult {
  if (isScaleQuestion(question)) return renderScale(view, question, number);
  if (question.type === 'single_choice') return renderSingle(view, question, number);
  if (question.type === 'multiple_choice') return renderMultiple(view, question, number);
  return renderText(view, question as Extract<SurveyQuestion, { type: 'text' }>, number);
}

/** The question's title with its number and, when required, a visible `*` and a spoken "required". */
function title(view: SurveyFieldsView, question: SurveyQuestion, number: number) {
  return html`<span class="number">${number}.</span> ${localized(question.title, view.locale)}${question.required
      ? html`<span part="required-mark" class="required-mark" aria-hidden="true"> *</span><span class="visually-hidden"> (${view.t.required})</span>`
      : nothing}`;
}

function errorLine(view: SurveyFieldsView, question: SurveyQuestion) {
  const problem = view.problems[question.id];
  return problem ? html`<p part="field-error" class="field-error" id=${fieldIds(question.id).error}>${view.t.problem(problem)}</p>` : nothing;
}

const questionParts = (question: SurveyQuestion, invalid: boolean) => `question question-${question.type}${invalid ? ' question-invalid' : ''}`;

/** NPS, CSAT, CES and ratings: one radio group, arrow keys move along the scale (native radios), big tap targets. */
function renderScale(view: SurveyFieldsView, question: ScaleQuestion, number: number): TemplateResult {
  const ids = fieldIds(question.id);
  const invalid = Boolean(view.problems[question.id]);
  const points = scaleOf(question);
  const [low, high] = view.t.scaleEnds[question.type];
  const answer = view.answers[question.id];
  return html`<fieldset
    part=${questionParts(question, invalid)}
    class="question scale-question ${invalid ? 'invalid' : ''}"
    style="--_points: ${points.length}"
    id=${ids.field}
    data-question=${question.id}
    role="radiogroup"
    aria-required=${question.required ? 'true' : 'false'}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${describedBy(ids.hint, invalid && ids.error)}
    @focusout=${(event: FocusEvent) => leaving(event, () => view.onLeave(question))}
  >
    <legend part="question-title" class="question-title">${title(view, question, number)}</legend>
    <div part="scale" class="scale scale-${question.type}">
      ${points.map(
        (point) => html`<label part="scale-point${answer === point ? ' scale-point-selected' : ''}" class="scale-point">
          <input
            type="radio"
            name=${ids.field}
            .value=${String(point)}
            .checked=${answer === point}
            aria-label=${question.type === 'rating' ? view.t.stars(point) : nothing}
            @change=${() => view.onAnswer(question, point)}
          /><span class="point-text">${question.type === 'rating' ? html`<span class="star" aria-hidden="true">★</span>` : nothing}${point}</span>
        </label>`,
      )}
    </div>
    <p part="scale-ends" class="scale-ends" id=${ids.hint}>
      <span class="visually-hidden">${view.t.scaleHint(low, high, points[0]!, points.at(-1)!)}</span>
      <span aria-hidden="true">${points[0]} · ${low}</span><span aria-hidden="true">${points.at(-1)} · ${high}</span>
    </p>
    ${errorLine(view, question)}
  </fieldset>`;
}

function renderSingle(view: SurveyFieldsView, question: Extract<SurveyQuestion, { type: 'single_choice' }>, number: number): TemplateResult {
  const ids = fieldIds(question.id);
  const invalid = Boolean(view.problems[question.id]);
  return html`<fieldset
    part=${questionParts(question, invalid)}
    class="question ${invalid ? 'invalid' : ''}"
    id=${ids.field}
    data-question=${question.id}
    role="radiogroup"
    aria-required=${question.required ? 'true' : 'false'}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${describedBy(invalid && ids.error)}
    @focusout=${(event: FocusEvent) => leaving(event, () => view.onLeave(question))}
  >
    <legend part="question-title" class="question-title">${title(view, question, number)}</legend>
    <div part="choices" class="choices">
      ${question.options.map(
        (option) => html`<label part="option" class="option">
          <input
            type="radio"
            name=${ids.field}
            .value=${option.id}
            .checked=${view.answers[question.id] === option.id}
            @change=${() => view.onAnswer(question, option.id)}
          /><span>${localized(option.label, view.locale)}</span>
        </label>`,
      )}
    </div>
    ${errorLine(view, question)}
  </fieldset>`;
}

function renderMultiple(view: SurveyFieldsView, question: Extract<SurveyQuestion, { type: 'multiple_choice' }>, number: number): TemplateResult {
  const ids = fieldIds(question.id);
  const invalid = Boolean(view.problems[question.id]);
  const chosen = Array.isArray(view.answers[question.id]) ? (view.answers[question.id] as string[]) : [];
  const { min, max } = selectionBounds(question);
  const hint = max < question.options.length ? (min > 0 ? view.t.chooseBetween(min, max) : view.t.chooseUpTo(max)) : min > 0 ? view.t.chooseAtLeast(min) : '';
  const toggle = (optionId: string, checked: boolean) => {
    const next = checked ? [...chosen, optionId] : chosen.filter((id) => id !== optionId);
    // Kept in template order, whatever order the boxes were ticked in.
    view.onAnswer(question, question.options.map((o) => o.id).filter((id) => next.includes(id)));
  };
  return html`<fieldset
    part=${questionParts(question, invalid)}
    class="question ${invalid ? 'invalid' : ''}"
    id=${ids.field}
    data-question=${question.id}
    aria-describedby=${describedBy(hint && ids.hint, invalid && ids.error)}
    @focusout=${(event: FocusEvent) => leaving(event, () => view.onLeave(question))}
  >
    <legend part="question-title" class="question-title">${title(view, question, number)}</legend>
    ${hint ? html`<p part="hint" class="hint" id=${ids.hint}>${hint}</p>` : nothing}
    <div part="choices" class="choices">
      ${question.options.map(
        (option) => html`<label part="option" class="option">
          <input
            type="checkbox"
            name=${ids.field}
            .value=${option.id}
            .checked=${chosen.includes(option.id)}
            aria-invalid=${invalid ? 'true' : 'false'}
            @change=${(event: Event) => toggle(option.id, (event.target as HTMLInputElement).checked)}
          /><span>${localized(option.label, view.locale)}</span>
        </label>`,
      )}
    </div>
    ${errorLine(view, question)}
  </fieldset>`;
}

function renderText(view: SurveyFieldsView, question: Extract<SurveyQuestion, { type: 'text' }>, number: number): TemplateResult {
  const ids = fieldIds(question.id);
  const invalid = Boolean(view.problems[question.id]);
  const value = typeof view.answers[question.id] === 'string' ? (view.answers[question.id] as string) : '';
  const max = maxLengthOf(question);
  return html`<div part=${questionParts(question, invalid)} class="question ${invalid ? 'invalid' : ''}" id=${ids.field} data-question=${question.id}>
    <label part="question-title" class="question-title" for=${ids.input}>${title(view, question, number)}</label>
    <textarea
      part="text-input"
      id=${ids.input}
      rows="3"
      .value=${value}
      ?required=${question.required}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${describedBy(ids.hint, invalid && ids.error)}
      @input=${(event: InputEvent) => view.onAnswer(question, (event.target as HTMLTextAreaElement).value)}
      @blur=${() => view.onLeave(question)}
    ></textarea>
    <p part="counter" class="counter ${value.trim().length > max ? 'over' : ''}" id=${ids.hint}>${view.t.characters(value.trim().length, max)}</p>
    ${errorLine(view, question)}
  </div>`;
}

/** Calls `left` when focus leaves the group (not when it moves between its radios or boxes). */
function leaving(event: FocusEvent, left: () => void): void {
  const group = event.currentTarget as HTMLElement;
  if (!(event.relatedTarget instanceof Node) || !group.contains(event.relatedTarget)) left();
}

/** The loading skeleton: roughly a title, a line and a scale. */
export function renderLoading(t: SurveyFormMessages, locale: CrmLocale): TemplateResult {
  return html`<div part="base" class="survey-panel loading" lang=${locale} aria-busy="true">
    <span part="message" class="visually-hidden" role="status">${t.loading}</span>
    <div class="skeleton wide"></div>
    <div class="skeleton"></div>
    <div class="skeleton scale-skeleton"></div>
    <div class="skeleton"></div>
  </div>`;
}

/** A quiet note in the panel (no survey given). */
export function renderNote(text: string, locale: CrmLocale): TemplateResult {
  return html`<div part="base" class="survey-panel" lang=${locale}><p part="message" class="muted">${text}</p></div>`;
}

/** How a state that ends answering is shown. */
export type SurveyEndedView = { kind: SurveyFailureKind; t: SurveyFormMessages; locale: CrmLocale; headingLevel: number; requestId: string | undefined; onRetry: () => void };

/**
 * The friendly end states (not found, expired, already answered: a heading and a calm text, since nothing failed
 * for the person) and the failures (network with a retry, sign-in problems: an alert).
 */
export function renderEnded({ kind, t, locale, headingLevel, requestId, onRetry }: SurveyEndedView): TemplateResult {
  const friendly: Partial<Record<SurveyFailureKind, [string, string]>> = {
    not_found: [t.notFoundTitle, t.notFoundText],
    expired: [t.expiredTitle, t.expiredText],
    already_submitted: [t.submittedTitle, t.submittedText],
  };
  const pair = friendly[kind];
  if (pair) {
    return html`<section part="base" class="survey-panel ended ended-${kind}" lang=${locale} aria-labelledby="state-title">
      <div part="title" class="title" role="heading" aria-level=${headingLevel} id="state-title">${pair[0]}</div>
      <p part="message">${pair[1]}</p>
    </section>`;
  }
  const text = kind === 'forbidden' ? t.forbiddenText : kind === 'unauthorized' ? t.unauthorizedText : kind === 'not_configured' ? t.notConfigured : t.networkText;
  return html`<div part="base" class="survey-panel failed" lang=${locale} role="alert">
    ${kind === 'network' ? html`<div part="title" class="title" role="heading" aria-level=${headingLevel}>${t.networkTitle}</div>` : nothing}
    <p part="message" class="error-message">${text}</p>
    ${requestId ? html`<p class="muted small">request_id: ${requestId}</p>` : nothing}
    ${kind === 'network' ? html`<button part="retry" class="retry" type="button" @click=${onRetry}>${t.retry}</button>` : nothing}
  </div>`;
}

/** The thank-you state; its heading takes focus after submitting (`tabindex="-1"`). */
export function renderThanks(t: SurveyFormMessages, locale: CrmLocale, headingLevel: number): TemplateResult {
  return html`<section part="base" class="survey-panel thanks" lang=${locale} aria-labelledby="thanks-title">
    <div part="title" class="title" role="heading" aria-level=${headingLevel} id="thanks-title" tabindex="-1">
      <span class="thanks-mark" aria-hidden="true">✓</span> ${t.thanksTitle}
    </div>
    <p part="message">${t.thanksText}</p>
  </section>`;
}
