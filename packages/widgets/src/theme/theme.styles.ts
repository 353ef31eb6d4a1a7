import { css } from 'lit';

/**
 * The theme every widget shares: each colour, radius and spacing comes from a `--crm-*` custom property. The
 * defaults are fallbacks of private `--_*` properties rather than declarations of `--crm-*` on `:host`, so a
 * theme set on any ancestor (`:root`, a dark panel) still reaches the widget, where a declaration on `:host`
 * would shadow it. The defaults keep text at 4.5:1 or better against the surface. Put it first in a
 * component's `static styles`. It also holds the rules every widget's states share (the retry button, text for screen readers only).
 */
export const themeStyles = css`
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
`;
