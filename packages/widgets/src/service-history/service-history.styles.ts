import { css } from 'lit';
import { panelSurface } from '../theme/states.styles.js';

/** The service history's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`. */
export const serviceHistoryStyles = css`
  .panel {
    ${panelSurface}
    gap: var(--_space);
  }

  .panel.compact {
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.625);
  }

  .title {
    font-size: 1.0625rem;
    font-weight: 600;
  }

  p {
    margin: 0;
  }

  .muted {
    color: var(--_color-text-muted);
  }

  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    align-items: center;
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .chip {
    font: inherit;
    font-size: 0.8125rem;
    padding: 0.125rem 0.75rem;
    min-height: 1.75rem;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: 999px;
    cursor: pointer;
  }

  .chip[aria-pressed='true'] {
    color: var(--_color-surface);
    background: var(--_color-accent);
    border-color: var(--_color-accent);
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    align-items: center;
  }

  .toggle,
  .period {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
  }

  .toggle input {
    margin: 0;
    accent-color: var(--_color-accent);
  }

  select {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.125rem 0.375rem;
  }

  .chip:focus-visible,
  select:focus-visible,
  .toggle input:focus-visible,
  .entry-title:focus-visible,
  .load-more:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }

  .entries {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
  }

  .entry {
    position: relative;
    display: grid;
    grid-template-columns: 1.75rem 1fr;
    gap: 0.625rem;
    padding: 0.625rem 0.5rem;
    border-radius: calc(var(--_radius) * 0.75);
  }

  .entry + .entry {
    border-top: 1px solid var(--_color-border);
  }

  .entry:hover {
    background: var(--_color-surface-muted);
  }

  .compact .entry {
    grid-template-columns: 1.25rem 1fr;
    gap: 0.375rem;
    padding: 0.375rem 0.25rem;
  }

  .icon {
    display: grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    color: var(--_color-accent);
    background: var(--_color-surface-muted);
  }

  .compact .icon {
    width: 1.25rem;
    height: 1.25rem;
  }

  .complaint .icon {
    color: var(--_color-danger);
  }

  .contract_event .icon {
    color: var(--_color-success);
  }

  .entry-body {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .entry-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: center;
  }

  .time {
    color: var(--_color-text-muted);
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
  }

  .badge,
  .mark {
    display: inline-block;
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75rem;
    line-height: 1.25rem;
    white-space: nowrap;
    color: var(--_color-text-muted);
  }

  /* The title's button stretches over the whole entry, so a click anywhere selects it. */
  .entry-title {
    all: unset;
    cursor: pointer;
    font-weight: 600;
    color: var(--_color-text);
    border-radius: 0.25rem;
  }

  .entry-title::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: calc(var(--_radius) * 0.75);
  }

  .entry-title:hover {
    color: var(--_color-accent);
    text-decoration: underline;
  }

  .summary,
  .meta {
    color: var(--_color-text-muted);
  }

  .summary {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }

  .meta {
    font-size: 0.75rem;
  }

  .marks {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-top: 0.125rem;
  }

  .mark.breach,
  .mark.severity {
    color: var(--_color-danger);
  }

  .mark.rating {
    color: var(--_color-warning);
  }

  .mark.rating.low {
    color: var(--_color-surface);
    background: var(--_color-danger);
    border-color: var(--_color-danger);
    font-weight: 600;
  }

  .load-more {
    justify-self: center;
    font: inherit;
    padding: 0.25rem 1rem;
    color: var(--_color-accent);
    background: var(--_color-surface);
    border: 1px solid var(--_color-accent);
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }

  .load-more[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .empty {
    padding: var(--_space) 0;
    text-align: center;
  }

  .loading {
    display: grid;
    gap: 0.75rem;
  }

  .skeleton.wide {
    width: 60%;
    height: 1.125rem;
  }

  .error {
    display: grid;
    gap: 0.5rem;
  }

  @container (max-width: 22rem) {
    .filters,
    .controls {
      align-items: stretch;
      flex-direction: column;
    }
  }
`;
