import { css } from 'lit';

/**
 * The same `--crm-*` custom properties as the customer card, so one theme dresses both. As there, the defaults
 * are fallbacks of private `--_*` properties rather than declarations of `--crm-*` on `:host`, so a theme set on
 * any ancestor still reaches the panel. The defaults keep text at 4.5:1 or better against the surface.
 */
export const contractPanelStyles = css`
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

  .panel {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow-wrap: anywhere;
  }

  .title {
    font-size: 1.0625rem;
    font-weight: 600;
  }

  .block {
    display: grid;
    gap: 0.5rem;
    min-width: 0;
  }

  .subheading {
    font-weight: 600;
  }

  p {
    margin: 0;
  }

  .strong {
    font-weight: 600;
  }

  .muted {
    color: var(--_color-text-muted);
  }

  .small {
    font-size: 0.75rem;
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

  .code {
    font-variant-numeric: tabular-nums;
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

  .badge.state-active,
  .badge.state-renewed {
    color: var(--_color-success);
  }

  .badge.state-expiring {
    color: var(--_color-warning);
  }

  .badge.state-expired,
  .badge.state-terminated {
    color: var(--_color-danger);
  }

  .renewal.soon {
    color: var(--_color-warning);
    font-weight: 600;
  }

  .renewal.past {
    color: var(--_color-danger);
    font-weight: 600;
  }

  .baseline-note {
    padding: calc(var(--_space) * 0.75);
    background: var(--_color-surface-muted);
    border-radius: calc(var(--_radius) * 0.75);
  }

  .targets {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  .targets caption {
    text-align: start;
    color: var(--_color-text-muted);
    font-size: 0.75rem;
    padding-bottom: 0.25rem;
  }

  .targets th,
  .targets td {
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--_color-border);
    text-align: start;
  }

  .targets thead th {
    background: var(--_color-surface-muted);
    font-weight: 600;
    font-size: 0.75rem;
  }

  .binding summary {
    cursor: pointer;
    color: var(--_color-accent);
    width: fit-content;
    border-radius: 0.25rem;
  }

  .binding summary:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .binding[open] summary {
    margin-bottom: 0.5rem;
  }

  .binding .reason {
    margin-top: 0.5rem;
    color: var(--_color-text-muted);
  }

  .notice {
    display: grid;
    gap: 0.5rem;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_color-accent);
    border-inline-start-width: 4px;
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_color-accent) 6%, var(--_color-surface));
  }

  .reasons {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .skeleton {
    height: 0.875rem;
    border-radius: 0.25rem;
    background: var(--_color-surface-muted);
  }

  .skeleton.wide {
    width: 50%;
    height: 1.125rem;
  }

  .skeleton.tall {
    height: 5rem;
  }

  .error {
    border-color: var(--_color-danger);
  }

  .error-message {
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

    .targets th,
    .targets td {
      padding-inline: 0.25rem;
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
