import { css } from 'lit';
import { panelSurface } from '../theme/states.styles.js';

/** The contract panel's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`. */
export const contractPanelStyles = css`
  .panel {
    ${panelSurface}
    gap: var(--_space);
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

  @container (max-width: 19rem) {
    .fields {
      grid-template-columns: 1fr;
    }

    .targets th,
    .targets td {
      padding-inline: 0.25rem;
    }
  }
`;
