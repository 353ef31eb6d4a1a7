import { css } from 'lit';
import { panelSurface } from '../theme/states.styles.js';

/**
 * The survey form's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`. Mobile first:
 * every tap target is at least 44 × 44 px and the 0–10 scale wraps onto two rows on a 360 px phone.
 */
export const surveyFormStyles = css`
  .survey-panel {
    ${panelSurface}
    gap: var(--_space);
    min-width: 0;
  }

  .title {
    font-size: 1.25rem;
    font-weight: 600;
    line-height: 1.3;
  }

  .title:focus {
    outline: none;
  }

  .title:focus-visible {
    box-shadow: var(--_focus-ring);
  }

  p {
    margin: 0;
  }

  .muted {
    color: var(--_color-text-muted);
  }

  .small {
    font-size: 0.8125rem;
  }

  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }

  .progress {
    display: grid;
    gap: 0.25rem;
  }

  .progress-bar {
    block-size: 0.375rem;
    border-radius: 999px;
    background: var(--_color-surface-muted);
    overflow: hidden;
  }

  .progress-bar span {
    display: block;
    block-size: 100%;
    background: var(--_color-accent);
    transition: inline-size 0.2s;
  }

  .error-summary {
    padding: 0.75rem var(--_space);
    border: 2px solid var(--_color-danger);
    border-radius: var(--_radius);
  }

  .error-summary:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .summary-title {
    font-weight: 600;
    color: var(--_color-danger);
  }

  .error-summary ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }

  .error-summary a {
    color: var(--_color-danger);
  }

  /* No rule between questions: a fieldset's legend would cut it, a textarea's label would not. Space separates them. */
  .question {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  .question-title {
    padding: 0;
    font-weight: 600;
    font-size: 1rem;
  }

  .required-mark {
    color: var(--_color-danger);
  }

  /* A scale is at most 4rem a point wide (--_points is set on its question), its ends under its own ends. */
  .scale {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(2.75rem, 1fr));
    gap: 0.375rem;
    /* A definite width, not a max: auto-fit would count its repetitions against a max and overflow a phone. */
    inline-size: min(100%, calc(var(--_points, 11) * 4rem));
  }

  .scale-point,
  .option {
    position: relative;
    display: flex;
    align-items: center;
    min-block-size: 2.75rem;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_color-surface);
    cursor: pointer;
  }

  .scale-point {
    justify-content: center;
    min-inline-size: 2.75rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  /* The native radio stays (arrow keys, screen readers) but the whole tile is its face. */
  .scale-point input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }

  .scale-point:has(input:checked) {
    color: var(--_color-surface);
    background: var(--_color-accent);
    border-color: var(--_color-accent);
  }

  .scale-point:has(input:focus-visible),
  .option:has(input:focus-visible) {
    box-shadow: var(--_focus-ring);
  }

  .star {
    margin-inline-end: 0.125rem;
  }

  .scale-ends {
    inline-size: min(100%, calc(var(--_points, 11) * 4rem));
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    font-size: 0.8125rem;
    color: var(--_color-text-muted);
  }

  .choices {
    display: grid;
    gap: 0.375rem;
  }

  .option {
    gap: 0.625rem;
    padding: 0.375rem 0.75rem;
  }

  .option input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_color-accent);
  }

  .option:has(input:checked) {
    border-color: var(--_color-accent);
  }

  .option input:focus-visible {
    outline: none;
  }

  .hint {
    font-size: 0.8125rem;
    color: var(--_color-text-muted);
  }

  textarea {
    inline-size: 100%;
    min-block-size: 5.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_color-text-muted);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_color-surface);
    resize: vertical;
  }

  textarea:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .counter {
    justify-self: end;
    font-size: 0.8125rem;
    color: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }

  .counter.over {
    color: var(--_color-danger);
    font-weight: 600;
  }

  .invalid textarea,
  .invalid .scale-point,
  .invalid .option {
    border-color: var(--_color-danger);
  }

  .field-error {
    color: var(--_color-danger);
    font-weight: 600;
  }

  .field-error::before {
    content: '⚠ ';
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    align-items: center;
  }

  .submit {
    min-block-size: 2.75rem;
    min-inline-size: 8rem;
    padding: 0.5rem 1.5rem;
    color: var(--_color-surface);
    background: var(--_color-accent);
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    font-weight: 600;
    cursor: pointer;
  }

  .submit:disabled {
    opacity: 0.7;
    cursor: progress;
  }

  .submit:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .retry {
    min-block-size: 2.75rem;
  }

  .thanks .title {
    color: var(--_color-success);
  }

  .thanks-mark {
    display: inline-grid;
    place-items: center;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    margin-inline-end: 0.25rem;
    border-radius: 50%;
    color: var(--_color-surface);
    background: var(--_color-success);
    font-size: 1rem;
  }

  .failed {
    border-color: var(--_color-danger);
  }

  .skeleton.wide {
    width: 60%;
    height: 1.25rem;
  }

  .skeleton.scale-skeleton {
    height: 2.75rem;
  }

  /* 0–10 as two even rows (6 + 5) on a phone, one row once eleven 44 px tiles fit. */
  @container (min-width: 20.5rem) {
    .scale-nps {
      grid-template-columns: repeat(6, minmax(2.75rem, 1fr));
    }
  }

  @container (min-width: 38rem) {
    .scale-nps {
      grid-template-columns: repeat(11, minmax(2.75rem, 1fr));
    }
  }
`;
