import { css } from 'lit';

/** The pipeline's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`, what boards share from `boardStyles`. */
export const opportunityPipelineStyles = css`
  .pipeline-name {
    font-weight: 400;
  }

  button,
  textarea {
    font: inherit;
    color: inherit;
  }

  button:focus-visible,
  textarea:focus-visible,
  a:focus-visible,
  .columns:focus-visible,
  .card:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_space);
    align-items: baseline;
    padding: 0.5rem 0.75rem;
    background: var(--_color-surface-muted);
    border-radius: calc(var(--_radius) * 0.75);
    font-variant-numeric: tabular-nums;
  }

  .totals-label {
    font-weight: 600;
  }

  .notice {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: space-between;
    align-items: baseline;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_color-success);
    border-radius: calc(var(--_radius) * 0.75);
  }

  .notice a {
    color: var(--_color-accent);
  }

  .columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(15rem, 1fr);
    gap: calc(var(--_space) * 0.75);
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x proximity;
    padding-block-end: 0.25rem;
    border-radius: calc(var(--_radius) * 0.75);
  }

  .column {
    min-height: 8rem;
    border-block-start: 4px solid var(--_color-accent);
    scroll-snap-align: start;
  }

  .column.kind-won {
    border-block-start-color: var(--_color-success);
  }

  .column.kind-lost {
    border-block-start-color: var(--_color-text-muted);
  }

  .column-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    justify-content: space-between;
    align-items: baseline;
  }

  .column-title {
    font-weight: 600;
  }

  .probability,
  .count {
    color: var(--_color-text-muted);
    font-size: 0.75rem;
  }

  .column-totals {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
  }

  .column-totals div {
    display: flex;
    gap: 0.375rem;
  }

  .column-totals dt {
    color: var(--_color-text-muted);
  }

  .column-totals dd {
    margin: 0;
    font-weight: 600;
  }

  .card {
    cursor: pointer;
  }

  .card[draggable='true'] {
    cursor: grab;
  }

  .card-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    justify-content: space-between;
    align-items: baseline;
  }

  .card-amount {
    font-variant-numeric: tabular-nums;
  }

  .close.late {
    color: var(--_color-danger);
    font-weight: 600;
  }

  .status {
    font-size: 0.75rem;
    font-weight: 600;
  }

  .status.won {
    color: var(--_color-success);
  }

  .status.lost {
    color: var(--_color-text-muted);
  }

  .lost-dialog {
    width: min(28rem, calc(100vw - 2rem));
    padding: var(--_space);
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }

  .lost-dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }

  .lost-dialog form {
    display: grid;
    gap: 0.5rem;
  }

  .dialog-title {
    font-weight: 600;
  }

  .lost-dialog label {
    color: var(--_color-text-muted);
    font-size: 0.75rem;
  }

  textarea {
    min-width: 0;
    padding: 0.25rem 0.5rem;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.5);
    resize: vertical;
  }

  textarea[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }

  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .danger,
  .secondary {
    padding: 0.25rem 0.875rem;
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }

  .danger {
    color: var(--_color-surface);
    background: var(--_color-danger);
    border: 1px solid var(--_color-danger);
  }

  .secondary {
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
  }

  .state {
    display: grid;
    gap: 0.5rem;
  }

  .skeleton-columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(10rem, 1fr);
    gap: 0.75rem;
    overflow: hidden;
  }

  .skeleton.tall {
    height: 10rem;
  }
`;
