import { css } from 'lit';

/**
 * Every colour, radius and spacing comes from a `--crm-*` custom property with its default on `:host`.
 * The defaults are fallbacks of private `--_*` properties rather than declarations of `--crm-*` itself: that way a
 * theme set on any ancestor (`:root`, a dark panel) still reaches the card, where a declaration on `:host` would
 * shadow it. The defaults keep text at 4.5:1 or better against the surface.
 */
export const customerCardStyles = css`
  :host {
    --_font-family: var(--crm-font-family, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    --_font-size: var(--crm-font-size, 0.875rem);
    --_color-text: var(--crm-color-text, #1f2937);
    --_color-text-muted: var(--crm-color-text-muted, #4b5563);
    --_color-surface: var(--crm-color-surface, #ffffff);
    --_color-surface-muted: var(--crm-color-surface-muted, #f3f4f6);
    --_color-border: var(--crm-color-border, #d1d5db);
    --_color-accent: var(--crm-color-accent, #1d4ed8);
    --_color-danger: var(--crm-color-danger, #b91c1c);
    --_color-warning: var(--crm-color-warning, #b45309);
    --_color-success: var(--crm-color-success, #15803d);
    --_radius: var(--crm-radius, 0.5rem);
    --_space: var(--crm-space, 1rem);
    --_shadow: var(--crm-shadow, 0 1px 2px rgb(0 0 0 / 0.06));
    --_focus-ring: var(--crm-focus-ring, 0 0 0 3px rgb(29 78 216 / 0.45));

    display: block;
    container-type: inline-size;
    min-width: 0;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_color-text);
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
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow-wrap: anywhere;
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

  .skeleton {
    height: 0.875rem;
    border-radius: 0.25rem;
    background: var(--_color-surface-muted);
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
    color: var(--_color-danger);
  }

  .retry {
    justify-self: start;
    font: inherit;
    padding: 0.25rem 0.875rem;
    color: var(--_color-surface);
    background: var(--_color-accent);
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }

  .retry:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @container (max-width: 19rem) {
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
