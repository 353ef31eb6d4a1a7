import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrmConfigController } from '../config/config.controller.js';
import { createWidgetConfig, type CrmWidgetConfig } from '../config/config.js';
import { normalizeLocale, type CrmLocale } from '../i18n/i18n.js';
import { stateStyles } from '../theme/states.styles.js';
import { themeStyles } from '../theme/theme.styles.js';
import { failureDetails, failureKind, loadSurvey, NotConfiguredError, saveDraft, submitSurvey, surveyKey, type SurveyFailureKind, type SurveyForm, type SurveyKey } from './survey-form.api.js';
import { answersToSend, localized, savedTime, submittedScores, surveyProgress, visibleQuestionIds, type SurveyAnswers, type SurveyQuestion } from './survey-form.format.js';
import { surveyFormMessages, type SurveyFormMessages } from './survey-form.messages.js';
import { surveyFormStyles } from './survey-form.styles.js';
import { answerProblem, problemsFromApi, validateSurvey, type AnswerProblems } from './survey-form.validation.js';
import { fieldIds, renderEnded, renderLoading, renderNote, renderQuestions, renderThanks } from './survey-form.view.js';

/** `detail` of `crm-survey-submitted`: what was stored, and the NPS and CSAT answers when the survey asked them. */
export type CrmSurveySubmittedDetail = { responseId: number; invitationId: number; campaignId: number; submittedAt: string; nps: number | null; csat: number | null };

/** What the draft line under the form says. */
type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' | 'restored'; at: string } | { kind: 'failed' };

/** How long answering pauses before the draft is saved. */
const SAVE_DELAY_MS = 800;
/** When a draft save failed, how long before it is tried again. */
const SAVE_RETRY_MS = 5_000;

/**
 * A customer satisfaction survey to answer (issue 6): renders any template — NPS 0–10, CSAT 1–5, CES 1–7, star
 * ratings, single and multiple choice, free text — in the template's zh-CN or English wording, with required marks
 * and `show_if` conditions applied live (hidden questions' answers are never sent). Checks answers as they are given,
 * with errors tied to their fields and a summary on submit; the API's 422 details land on the right questions.
 * Answers are saved as a draft a moment after each change, at once when the page is hidden (and restored on the next visit), with a polite "saved"
 * line. Two ways in: `token` (the anonymous e-mail link; no sign-in, no token needed) or `survey-id` (an invitation of
 * the signed-in portal user's customer, through the provider's token). Reads and writes
 * `/api/v1/public/surveys/{token}` or `/api/v1/portal/surveys/{id}` through the SDK.
 *
 * @summary Survey answering form for e-mail links and portal users, with live validation and draft saving.
 *
 * @fires {CustomEvent<CrmSurveySubmittedDetail>} crm-survey-submitted - The API accepted the answers (once per
 * survey). Bubbles and crosses shadow roots; `detail` is `{ responseId, invitationId, campaignId, submittedAt, nps, csat }`.
 *
 * @csspart base - The form's root element (in every state).
 * @csspart title - The survey's heading (the thank-you heading after submitting, the state's heading in the others).
 * @csspart description - The template's description.
 * @csspart note - The "* is required" and answer-by line.
 * @csspart progress - The progress line ("已回答 2 / 6 题"); `progress-bar` is its bar.
 * @csspart progress-bar - The progress bar.
 * @csspart error-summary - The list of problems shown after a failed submit; its entries are links to the questions.
 * @csspart question - Each question; also `question-<type>` (`question-nps`, `question-text`, …) and `question-invalid`.
 * @csspart question-title - A question's legend or label.
 * @csspart required-mark - The `*` of a required question.
 * @csspart scale - The row of points of an NPS, CSAT, CES or rating question.
 * @csspart scale-point - Each point (a label around a radio); also `scale-point-selected`.
 * @csspart scale-ends - What the ends of a scale mean.
 * @csspart choices - The options of a choice question.
 * @csspart option - Each option (a label around a radio or checkbox).
 * @csspart hint - How many options to choose.
 * @csspart text-input - The textarea of a text question.
 * @csspart counter - Its character count.
 * @csspart field-error - A question's error message.
 * @csspart actions - The submit row.
 * @csspart submit - The submit button.
 * @csspart save-status - The draft line ("已自动保存（14:05）"), a polite live region.
 * @csspart submit-failure - The message of a submit that could not reach the API.
 * @csspart message - The text of the loading, thank-you and other states.
 * @csspart retry - The retry button of the network error state.
 *
 * @cssproperty [--crm-font-family=system-ui, …] - Font stack.
 * @cssproperty [--crm-font-size=0.875rem] - Base font size.
 * @cssproperty [--crm-color-text=#1f2937] - Text colour.
 * @cssproperty [--crm-color-text-muted=#4b5563] - Hints, scale ends and secondary text.
 * @cssproperty [--crm-color-surface=#ffffff] - Background.
 * @cssproperty [--crm-color-surface-muted=#f3f4f6] - Progress track, skeletons.
 * @cssproperty [--crm-color-border=#d1d5db] - Borders of the panel and the scale points.
 * @cssproperty [--crm-color-accent=#1d4ed8] - Chosen points, progress, submit button.
 * @cssproperty [--crm-color-danger=#b91c1c] - Errors and required marks.
 * @cssproperty [--crm-color-success=#15803d] - The thank-you state.
 * @cssproperty [--crm-radius=0.5rem] - Corner radius.
 * @cssproperty [--crm-space=1rem] - Padding and gaps.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - Panel shadow.
 * @cssproperty [--crm-focus-ring=0 0 0 3px rgb(29 78 216 / 0.45)] - Focus indicator.
 */
export class CrmSurveyForm extends LitElement {
  static override styles = [themeStyles, stateStyles, surveyFormStyles];

  /** The token of an answer link (`/survey/<token>`): anonymous answering. Wins over `survey-id`. */
  @property({ reflect: true }) token = '';

  /** An invitation id of the signed-in portal user's customer (`GET /api/v1/portal/surveys`): needs a provider with a token. */
  @property({ attribute: 'survey-id', reflect: true }) surveyId = '';

  /** API origin for link answering without a provider (no token is needed); defaults to the provider's, else the page's. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** Overrides the provider's locale for this form (`zh-CN` or `en`); the questions use the template's wording in it. */
  @property() locale: string | undefined;

  /** ARIA level of the survey's heading, to fit the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private answers: SurveyAnswers = {};
  /** Questions the person has been to and left: their missing answers count as errors from then on. */
  @state() private touched = new Set<string>();
  /** Problems the API reported (422), until the answer changes. */
  @state() private apiProblems: AnswerProblems = {};
  @state() private unplaced = false;
  @state() private summaryShown = false;
  @state() private saveStatus: SaveStatus = { kind: 'idle' };
  @state() private submitting = false;
  @state() private submitFailure = false;
  /** A state that ended answering after the form loaded: submitted here, or refused by the API on save. */
  @state() private ending: { kind: 'submitted'; detail: CrmSurveySubmittedDetail } | { kind: SurveyFailureKind } | null = null;

  private readonly config = new CrmConfigController(this);
  private anonymous: { baseUrl: string; config: CrmWidgetConfig } | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  private lastSaved = '';

  private readonly surveyTask = new Task(this, {
    // The config's presence, not the config itself: a new token or locale must not reload (and drop) what is being answered.
    args: () => [this.token, this.surveyId, this.baseUrl, Boolean(this.config.value)] as const,
    task: async ([token, surveyId], { signal }): Promise<{ key: SurveyKey; form: SurveyForm } | null> => {
      const key = surveyKey(token, surveyId);
      if (!key) return null;
      const form = await loadSurvey(this.clientFor(key), key, signal);
      return { key, form };
    },
    onComplete: (loaded) => this.restore(loaded?.form ?? null),
  });

  /** The locale in force: the form's own, else the provider's or `configure()`'s, else zh-CN. */
  get effectiveLocale(): CrmLocale {
    return normalizeLocale(this.locale ?? this.config.value?.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.saveOnHide);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('visibilitychange', this.saveOnHide);
    // Leaving (the portal going back to the list, say) saves what is still waiting for its pause.
    if (this.saveTimer !== undefined) void this.saveNow();
    clearTimeout(this.saveTimer);
    super.disconnectedCallback();
  }

  /**
   * The page being hidden — the tab closed, another app on the phone — is the last moment a browser reliably runs
   * code: what is still waiting for its pause is saved now instead of lost.
   */
  private readonly saveOnHide = (): void => {
    if (document.visibilityState !== 'hidden' || this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    void this.saveNow();
  };

  /** A link needs no credentials: its own `base-url` wins, else the page's configuration, else the page's origin. */
  private clientFor(key: SurveyKey): CrmWidgetConfig {
    const configured = this.config.value;
    if (key.kind === 'portal') {
      if (!configured) throw new NotConfiguredError();
      return configured;
    }
    if (configured && !this.baseUrl) return configured;
    if (this.anonymous?.baseUrl !== this.baseUrl) this.anonymous = { baseUrl: this.baseUrl, config: createWidgetConfig({ baseUrl: this.baseUrl, locale: this.effectiveLocale }) };
    return this.anonymous.config;
  }

  private restore(form: SurveyForm | null): void {
    this.answers = { ...(form?.answers ?? {}) };
    this.touched = new Set();
    this.apiProblems = {};
    this.summaryShown = false;
    this.ending = null;
    this.lastSaved = JSON.stringify(this.answers);
    this.saveStatus = form?.saved_at && Object.keys(this.answers).length ? { kind: 'restored', at: form.saved_at } : { kind: 'idle' };
  }

  protected override render() {
    const locale = this.effectiveLocale;
    const t = surveyFormMessages(locale);
    const headingLevel = this.headingLevel;
    const ended = (kind: SurveyFailureKind, error?: unknown) =>
      renderEnded({ kind, t, locale, headingLevel, requestId: error ? failureDetails(error).requestId : undefined, onRetry: () => this.retry() });
    if (this.ending) return this.ending.kind === 'submitted' ? renderThanks(t, locale, headingLevel) : ended(this.ending.kind);
    return this.surveyTask.render({
      initial: () => renderLoading(t, locale),
      pending: () => renderLoading(t, locale),
      complete: (loaded) => (loaded ? this.renderForm(loaded.form, t, locale) : renderNote(t.empty, locale)),
      error: (error) => ended(failureKind(error), error),
    });
  }

  private renderForm(form: SurveyForm, t: SurveyFormMessages, locale: CrmLocale) {
    const questions = form.template.questions;
    const shown = visibleQuestionIds(questions, this.answers);
    const visible = questions.filter((q) => shown.has(q.id));
    const problems = this.problemsToShow(visible);
    const summary = Object.entries(problems);
    const { answered, total } = surveyProgress(questions, this.answers);
    return html`<form part="base" class="survey-panel" lang=${locale} novalidate aria-labelledby="survey-title" @submit=${(e: SubmitEvent) => void this.submit(e, form)}>
      <div part="title" class="title" role="heading" aria-level=${this.headingLevel} id="survey-title">${form.template.name}</div>
      ${form.template.description ? html`<p part="description">${form.template.description}</p>` : nothing}
      <p part="note" class="muted small">${questions.some((q) => q.required) ? t.requiredNote : nothing} ${t.expires(form.invitation.expires_at.slice(0, 10))}</p>
      <div part="progress" class="progress">
        <div part="progress-bar" class="progress-bar" aria-hidden="true"><span style="inline-size: ${total ? (100 * answered) / total : 0}%"></span></div>
        <p role="status" class="small">${t.progress(answered, total)}</p>
      </div>
      ${this.summaryShown && (summary.length || this.unplaced)
        ? html`<div part="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
            <p id="summary-title" class="summary-title">${t.summaryTitle(summary.length + (this.unplaced ? 1 : 0))}</p>
            <ul>
              ${summary.map(([id, problem]) => {
                const question = visible.find((q) => q.id === id)!;
                return html`<li><a href="#${fieldIds(id).field}" @click=${(e: Event) => this.goTo(e, id)}>${localized(question.title, locale)}：${t.problem(problem)}</a></li>`;
              })}
              ${this.unplaced ? html`<li>${t.unplaced}</li>` : nothing}
            </ul>
          </div>`
        : nothing}
      ${renderQuestions({ questions: visible, answers: this.answers, problems, locale, t, onAnswer: (q, v) => this.answer(q, v), onLeave: (q) => this.leave(q) })}
      <div part="actions" class="actions">
        <button part="submit" class="submit" type="submit" ?disabled=${this.submitting}>${this.submitting ? t.submitting : t.submit}</button>
        <p part="save-status" class="small muted save-status" role="status">${this.saveText(t, locale)}</p>
      </div>
      ${this.submitFailure ? html`<p part="submit-failure" class="error-message" role="alert">${t.submitFailed}</p>` : nothing}
    </form>`;
  }

  private saveText(t: SurveyFormMessages, locale: CrmLocale): string {
    const status = this.saveStatus;
    if (status.kind === 'saving') return t.saving;
    if (status.kind === 'saved') return t.saved(savedTime(status.at, locale));
    if (status.kind === 'restored') return t.restored(savedTime(status.at, locale));
    return status.kind === 'failed' ? t.saveFailed : '';
  }

  /** The API's problems first; otherwise what is wrong already, and what is missing once the person left the question or tried to submit. */
  private problemsToShow(visible: readonly SurveyQuestion[]): AnswerProblems {
    const problems: AnswerProblems = {};
    for (const question of visible) {
      const settled = this.summaryShown || this.touched.has(question.id);
      const problem = this.apiProblems[question.id] ?? answerProblem(question, this.answers[question.id], { partial: !settled });
      if (problem) problems[question.id] = problem;
    }
    return problems;
  }

  private answer(question: SurveyQuestion, value: unknown): void {
    this.answers = { ...this.answers, [question.id]: value };
    if (this.apiProblems[question.id]) {
      const { [question.id]: _fixed, ...rest } = this.apiProblems;
      this.apiProblems = rest;
    }
    this.submitFailure = false;
    this.scheduleSave(SAVE_DELAY_MS);
  }

  private leave(question: SurveyQuestion): void {
    if (!this.touched.has(question.id)) this.touched = new Set([...this.touched, question.id]);
  }

  private goTo(event: Event, id: string): void {
    event.preventDefault();
    this.focusQuestion(id);
  }

  /** Focus on a question's first control: the chosen radio of a group, else its first radio or box, or the textarea. */
  private focusQuestion(id: string): void {
    const field = this.renderRoot.querySelector<HTMLElement>(`#${fieldIds(id).field}`);
    const control = field?.querySelector<HTMLElement>('input:checked') ?? field?.querySelector<HTMLElement>('input, textarea');
    control?.focus();
    field?.scrollIntoView({ block: 'center' });
  }

  private retry(): void {
    this.ending = null;
    void this.surveyTask.run();
  }

  private scheduleSave(delay: number): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveNow();
    }, delay);
  }

  /** Saves what is valid so far (the API refuses a draft with a wrong answer in it), one save at a time. */
  private async saveNow(): Promise<void> {
    const loaded = this.surveyTask.value;
    if (!loaded || this.ending || this.submitting) return;
    if (this.saving) {
      await this.saving;
      return this.scheduleSave(0);
    }
    const questions = loaded.form.template.questions;
    const wrong = validateSurvey(questions, this.answers, { partial: true });
    const draft = Object.fromEntries(Object.entries(answersToSend(questions, this.answers)).filter(([id]) => !wrong[id]));
    const payload = JSON.stringify(draft);
    if (payload === this.lastSaved) return;
    this.saveStatus = { kind: 'saving' };
    this.saving = (async () => {
      try {
        const saved = await saveDraft(this.clientFor(loaded.key), loaded.key, draft);
        this.lastSaved = payload;
        if (!this.ending) this.saveStatus = { kind: 'saved', at: saved.saved_at };
      } catch (error) {
        const kind = failureKind(error);
        if (this.ending) return;
        if (kind === 'expired' || kind === 'already_submitted' || kind === 'not_found') this.ending = { kind };
        else {
          this.saveStatus = { kind: 'failed' };
          this.scheduleSave(SAVE_RETRY_MS);
        }
      }
    })();
    await this.saving;
    this.saving = undefined;
  }

  private async submit(event: SubmitEvent, form: SurveyForm): Promise<void> {
    event.preventDefault();
    const loaded = this.surveyTask.value;
    if (!loaded || this.submitting) return;
    const questions = form.template.questions;
    this.summaryShown = true;
    this.unplaced = false;
    const problems = { ...validateSurvey(questions, this.answers, { partial: false }), ...this.apiProblems };
    if (Object.keys(problems).length) return this.focusFirstProblem(questions, problems);
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.submitting = true;
    this.submitFailure = false;
    // A draft save still on its way would otherwise land after the submission and be refused.
    await this.saving;
    const sent = answersToSend(questions, this.answers);
    try {
      const result = await submitSurvey(this.clientFor(loaded.key), loaded.key, sent);
      const detail: CrmSurveySubmittedDetail = { responseId: result.response_id, invitationId: form.invitation.id, campaignId: form.campaign.id, submittedAt: result.submitted_at, ...submittedScores(questions, sent) };
      this.ending = { kind: 'submitted', detail };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#thanks-title')?.focus();
      this.dispatchEvent(new CustomEvent<CrmSurveySubmittedDetail>('crm-survey-submitted', { bubbles: true, composed: true, detail }));
    } catch (error) {
      const kind = failureKind(error);
      if (kind === 'invalid') {
        const mapped = problemsFromApi(failureDetails(error).details, questions);
        this.apiProblems = mapped.problems;
        this.unplaced = mapped.unplaced.length > 0 || Object.keys(mapped.problems).length === 0;
        await this.focusFirstProblem(questions, mapped.problems);
      } else if (kind === 'expired' || kind === 'already_submitted' || kind === 'not_found') this.ending = { kind };
      else this.submitFailure = true;
    } finally {
      this.submitting = false;
    }
  }

  private async focusFirstProblem(questions: readonly SurveyQuestion[], problems: AnswerProblems): Promise<void> {
    await this.updateComplete;
    const first = questions.find((q) => problems[q.id]);
    if (first) this.focusQuestion(first.id);
    else this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]')?.focus();
  }
}
