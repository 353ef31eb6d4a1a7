import { css } from 'lit';
import { panelSurface } from '../theme/states.styles.js';

/**
 * The health gauge's own rules; the shared theme (`--crm-*` properties) comes from `themeStyles`. The band
 * colours have their own properties, with defaults that keep 4.5:1 against a white surface.
 */
export const healthGaugeStyles = css`
  :host {
    --_health-green: var(--crm-health-green, #15803d);
    --_health-yellow: var(--crm-health-yellow, #b45309);
    --_health-red: var(--crm-health-red, #b91c1c);
  }

  .gauge-panel {
    ${panelSurface}
    --_band: var(--_health-green);
    gap: var(--_space);
  }

  .band-yellow {
    --_band: var(--_health-yellow);
  }

  .band-red {
    --_band: var(--_health-red);
  }

  .title {
    font-size: 1.0625rem;
    font-weight: 600;
  }

  .subheading {
    font-weight: 600;
  }

  p {
    margin: 0;
  }

  .muted {
    color: var(--_color-text-muted);
  }

  .small {
    font-size: 0.75rem;
  }

  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }

  .meter {
    position: relative;
    inline-size: 12rem;
    max-inline-size: 100%;
  }

  .dial {
    display: block;
    inline-size: 100%;
    block-size: auto;
    fill: none;
  }

  .dial .track {
    stroke: var(--_color-surface-muted);
    stroke-width: 16;
    stroke-linecap: round;
  }

  .dial .value {
    stroke: var(--_band);
    stroke-width: 16;
    stroke-linecap: round;
  }

  .dial .tick {
    stroke: var(--_color-text-muted);
    stroke-width: 2;
  }

  .reading {
    position: absolute;
    inset-inline: 0;
    bottom: 0;
    display: grid;
    justify-items: center;
    line-height: 1.1;
  }

  .score {
    font-size: 2rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .band-label {
    color: var(--_band);
    font-weight: 600;
  }

  .side {
    display: grid;
    gap: 0.5rem;
    flex: 1 1 9rem;
    min-width: 0;
  }

  .trend {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }

  .sparkline {
    inline-size: 6rem;
    block-size: 1.75rem;
    fill: none;
    stroke: var(--_band);
    stroke-width: 2;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }

  .sparkline polyline {
    vector-effect: non-scaling-stroke;
  }

  .trend-text {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }

  .badge {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75rem;
    line-height: 1.25rem;
    color: var(--_color-text-muted);
  }

  .churn-high {
    color: var(--_health-red);
  }

  .churn-medium {
    color: var(--_health-yellow);
  }

  .churn-low {
    color: var(--_health-green);
  }

  .factors-block {
    display: grid;
    gap: 0.5rem;
  }

  .factors {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .factor {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.125rem 0.5rem;
  }

  .factor-points {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }

  .factor .bar {
    grid-column: 1 / -1;
    block-size: 0.25rem;
    border-radius: 999px;
    background: var(--_color-surface-muted);
    overflow: hidden;
  }

  .factor .fill {
    display: block;
    block-size: 100%;
    background: var(--_color-accent);
  }

  .loading {
    display: grid;
    gap: 0.5rem;
  }

  .skeleton.dial-skeleton {
    inline-size: 12rem;
    max-inline-size: 100%;
    block-size: 6rem;
    border-radius: 6rem 6rem 0 0;
  }

  .skeleton.wide {
    width: 50%;
    height: 1.125rem;
  }

  .error {
    border-color: var(--_color-danger);
  }

  .forbidden {
    border-style: dashed;
  }
`;
