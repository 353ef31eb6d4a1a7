import { css } from 'lit';

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
