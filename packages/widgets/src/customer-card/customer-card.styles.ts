import { css } from 'lit';
import { panelSurface } from '../theme/states.styles.js';

/** The customer card's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`. */
export const customerCardStyles = css`
  .card {
    ${panelSurface}
    position: relative;
    gap: calc(var(--_space) * 0.75);
  }

  /* The ring goes round the whole card, since the whole card is what activates. */
  .card:has(.open:focus-visible) {
    box-shadow: var(--_focus-ring);
  }

  :host([compact]) .card {
    gap: calc(var(--_space) * 0.375);
    padding: calc(var(--_space) * 0.625) calc(var(--_space) * 0.75);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
  }

  .name {
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 600;
    flex: 1 1 12rem;
    min-width: 0;
  }

  .open {
    all: unset;
    cursor: pointer;
    color: var(--_color-text);
  }

  /* The name's button stretches over the whole card, so a click anywhere opens the customer. */
  .open::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
  }

  .open:hover {
    color: var(--_color-accent);
    text-decoration: underline;
  }

  .code {
    color: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }

  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75rem;
    line-height: 1.25rem;
    white-space: nowrap;
    color: var(--_color-text-muted);
  }

  .badge.level-3,
  .badge.level-4 {
    color: var(--_color-accent);
    font-weight: 600;
  }

  .badge.status-2 {
    color: var(--_color-success);
  }

  .badge.status-3 {
    color: var(--_color-danger);
  }

  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem var(--_space);
    margin: 0;
  }

  .field dt {
    color: var(--_color-text-muted);
    font-size: 0.75rem;
  }

  .field dd {
    margin: 0;
  }

  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0 0.5rem;
    background: var(--_color-surface-muted);
    border-radius: 999px;
    font-size: 0.75rem;
    line-height: 1.375rem;
  }

  .tag::before {
    content: '';
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--tag-color, var(--_color-accent));
  }

  .completeness {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .completeness .label,
  .missing {
    color: var(--_color-text-muted);
    font-size: 0.75rem;
  }

  .missing {
    grid-column: 1 / -1;
  }

  .meter {
    height: 0.375rem;
    min-width: 3rem;
    background: var(--_color-surface-muted);
    border-radius: 999px;
    overflow: hidden;
  }

  .meter-fill {
    height: 100%;
    background: var(--_color-success);
  }

  .meter-fill.low {
    background: var(--_color-danger);
  }

  .meter-fill.mid {
    background: var(--_color-warning);
  }

  .muted {
    color: var(--_color-text-muted);
  }

  .skeleton.wide {
    width: 60%;
    height: 1.125rem;
  }

  .error {
    border-color: var(--_color-danger);
  }

  .error-message {
    margin: 0;
  }

  @container (max-width: 19rem) {
    .fields {
      grid-template-columns: 1fr;
    }
  }
`;
