import { css } from 'lit';

/** The task board's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`, what boards share from `boardStyles`. */
export const csmTaskBoardStyles = css`
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }

  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  .card:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .filters,
  .create-form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    align-items: end;
  }

  .segmented {
    display: inline-flex;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.75);
    overflow: hidden;
  }

  .segmented button {
    padding: 0.25rem 0.75rem;
    background: var(--_color-surface);
    border: 0;
    cursor: pointer;
  }

  .segmented button[aria-pressed='true'] {
    color: var(--_color-surface);
    background: var(--_color-accent);
  }

  .toggle {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
  }

  .form-field {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .form-field.grow {
    flex: 1 1 12rem;
  }

  .form-field label,
  .edit-form label {
    color: var(--_color-text-muted);
    font-size: 0.75rem;
  }

  input:not([type='checkbox']),
  select {
    min-width: 0;
    max-width: 100%;
    padding: 0.25rem 0.5rem;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.5);
  }

  .primary,
  .secondary {
    padding: 0.25rem 0.875rem;
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }

  .primary {
    color: var(--_color-surface);
    background: var(--_color-accent);
    border: 1px solid var(--_color-accent);
  }

  .secondary {
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
  }

  .error-message {
    color: var(--_color-danger);
  }

  .columns {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: calc(var(--_space) * 0.75);
  }

  .column {
    min-height: 6rem;
  }

  .column-head {
    display: flex;
    gap: 0.5rem;
    justify-content: space-between;
    font-weight: 600;
  }

  .count {
    color: var(--_color-text-muted);
    font-weight: 400;
    font-variant-numeric: tabular-nums;
  }

  .card {
    border-inline-start: 4px solid var(--_color-border);
    cursor: grab;
  }

  .card.priority-high {
    border-inline-start-color: var(--_color-warning);
  }

  .card.priority-urgent {
    border-inline-start-color: var(--_color-danger);
  }

  .card-head {
    display: flex;
    gap: 0.5rem;
    justify-content: space-between;
    align-items: start;
  }

  .priority {
    flex: none;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75rem;
    color: var(--_color-text-muted);
  }

  .priority-high .priority {
    color: var(--_color-warning);
  }

  .priority-urgent .priority {
    color: var(--_color-danger);
  }

  .due.late {
    color: var(--_color-danger);
    font-weight: 600;
  }

  .card-foot {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
    font-size: 0.75rem;
  }

  .checklist {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
  }

  .checklist .bar {
    inline-size: 3rem;
    block-size: 0.25rem;
    border-radius: 999px;
    background: var(--_color-surface-muted);
    overflow: hidden;
  }

  .checklist .fill {
    display: block;
    block-size: 100%;
    background: var(--_color-success);
  }

  .card-foot .link-button {
    margin-inline-start: auto;
  }

  .edit-form {
    display: grid;
    gap: 0.25rem;
  }

  .form-actions {
    display: flex;
    gap: 0.5rem;
    margin-top: 0.25rem;
  }

  .skeleton.tall {
    height: 8rem;
  }

  @container (max-width: 48rem) {
    .columns {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }

  @container (max-width: 26rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
