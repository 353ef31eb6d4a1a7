import { css } from 'lit';

/**
 * The box every data widget draws its content in: a grid on the surface colour with the theme's border, radius,
 * shadow and padding, long words wrapping. Declarations only, for a widget's own root rule, which adds its gap:
 * `.panel { ${panelSurface} gap: var(--_space); }`.
 */
export const panelSurface = css`
  display: grid;
  padding: var(--_space);
  background: var(--_color-surface);
  border: 1px solid var(--_color-border);
  border-radius: var(--_radius);
  box-shadow: var(--_shadow);
  overflow-wrap: anywhere;
`;

/**
 * What every data widget shows while it loads or after it failed: skeleton bars that pulse (unless the
 * user asked for less motion) and the error message colour. Widgets add their own sizes (`.skeleton.wide`).
 */
export const stateStyles = css`
  .skeleton {
    height: 0.875rem;
    border-radius: 0.25rem;
    background: var(--_color-surface-muted);
  }

  .error-message {
    color: var(--_color-danger);
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
