import { css } from 'lit';

/**
 * Every colour, radius and spacing comes from a `--crm-*` custom property with its default on `:host`,
 * so a host themes the card from outside without `::part()` when it only wants other colours.
 * The defaults keep text at 4.5:1 or better against the surface.
 */
export const customerCardStyles = css`
  :host {
    --crm-font-family: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
    --crm-font-size: 0.875rem;
    --crm-color-text: #1f2937;
    --crm-color-text-muted: #4b5563;
    --crm-color-surface: #ffffff;
    --crm-color-surface-muted: #f3f4f6;
    --crm-color-border: #d1d5db;
    --crm-color-accent: #1d4ed8;
    --crm-color-danger: #b91c1c;
    --crm-color-warning: #b45309;
    --crm-color-success: #15803d;
    --crm-radius: 0.5rem;
    --crm-space: 1rem;
    --crm-shadow: 0 1px 2px rgb(0 0 0 / 0.06);
    --crm-focus-ring: 0 0 0 3px rgb(29 78 216 / 0.45);

    display: block;
    container-type: inline-size;
    min-width: 0;
    font-family: var(--crm-font-family);
    font-size: var(--crm-font-size);
    line-height: 1.5;
    color: var(--crm-color-text);
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: border-box;
  }

  .card {
    position: relative;
    display: grid;
    gap: calc(var(--crm-space) * 0.75);
    padding: var(--crm-space);
    background: var(--crm-color-surface);
    border: 1px solid var(--crm-color-border);
    border-radius: var(--crm-radius);
    box-shadow: var(--crm-shadow);
    overflow-wrap: anywhere;
  }

  .card:focus-within {
    box-shadow: var(--crm-focus-ring);
  }

  :host([compact]) .card {
    gap: calc(var(--crm-space) * 0.375);
    padding: calc(var(--crm-space) * 0.625) calc(var(--crm-space) * 0.75);
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
    color: var(--crm-color-text);
  }

  /* The name's button stretches over the whole card, so a click anywhere opens the customer. */
  .open::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--crm-radius);
  }

  .open:hover {
    color: var(--crm-color-accent);
    text-decoration: underline;
  }

  .code {
    color: var(--crm-color-text-muted);
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
    color: var(--crm-color-text-muted);
  }

  .badge.level-3,
  .badge.level-4 {
    color: var(--crm-color-accent);
    font-weight: 600;
  }

  .badge.status-2 {
    color: var(--crm-color-success);
  }

  .badge.status-3 {
    color: var(--crm-color-danger);
  }

  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem var(--crm-space);
    margin: 0;
  }

  .field dt {
    color: var(--crm-color-text-muted);
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
    background: var(--crm-color-surface-muted);
    border-radius: 999px;
    font-size: 0.75rem;
    line-height: 1.375rem;
  }

  .tag::before {
    content: '';
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--tag-color, var(--crm-color-accent));
  }

  .completeness {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .completeness .label,
  .missing {
    color: var(--crm-color-text-muted);
    font-size: 0.75rem;
  }

  .missing {
    grid-column: 1 / -1;
  }

  .meter {
    height: 0.375rem;
    min-width: 3rem;
    background: var(--crm-color-surface-muted);
    border-radius: 999px;
    overflow: hidden;
  }

  .meter-fill {
    height: 100%;
    background: var(--crm-color-success);
  }

  .meter-fill.low {
    background: var(--crm-color-danger);
  }

  .meter-fill.mid {
    background: var(--crm-color-warning);
  }

  .muted {
    color: var(--crm-color-text-muted);
  }

  .skeleton {
    height: 0.875rem;
    border-radius: 0.25rem;
    background: var(--crm-color-surface-muted);
  }

  .skeleton.wide {
    width: 60%;
    height: 1.125rem;
  }

  .error {
    border-color: var(--crm-color-danger);
  }

  .error-message {
    margin: 0;
    color: var(--crm-color-danger);
  }

  .retry {
    justify-self: start;
    font: inherit;
    padding: 0.25rem 0.875rem;
    color: var(--crm-color-surface);
    background: var(--crm-color-accent);
    border: 0;
    border-radius: calc(var(--crm-radius) * 0.75);
    cursor: pointer;
  }

  .retry:focus-visible {
    outline: none;
    box-shadow: var(--crm-focus-ring);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @container (max-width: 22rem) {
    .fields {
      grid-template-columns: 1fr;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: pulse 1.2s ease-in-out infinite;
    }
  }

  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
`;
