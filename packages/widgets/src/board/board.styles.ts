import { css } from 'lit';
import { panelSurface } from '../theme/states.styles.js';

/**
 * What every board (`<crm-csm-task-board>`, `<crm-opportunity-pipeline>`) looks like in common: the panel, its
 * heading and texts, the failure banner, columns as drop targets, cards (lifted while held) with their field
 * lists, and the loading state. Comes after `themeStyles` and `stateStyles`, before the board's own rules.
 */
export const boardStyles = css`
  .board-panel {
    ${panelSurface}
    gap: calc(var(--_space) * 0.75);
    min-width: 0;
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

  .small {
    font-size: 0.75rem;
  }

  .link-button {
    padding: 0;
    background: none;
    border: 0;
    color: var(--_color-accent);
    text-decoration: underline;
    cursor: pointer;
  }

  .failure {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: space-between;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_color-danger);
    border-radius: calc(var(--_radius) * 0.75);
  }

  .column {
    display: grid;
    align-content: start;
    gap: 0.5rem;
    min-width: 0;
    padding: 0.5rem;
    background: var(--_color-surface-muted);
    border: 2px dashed transparent;
    border-radius: calc(var(--_radius) * 0.75);
  }

  .column.drop-target {
    border-color: var(--_color-accent);
  }

  .cards {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .card {
    display: grid;
    gap: 0.375rem;
    padding: 0.5rem 0.625rem;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 0.75);
    box-shadow: var(--_shadow);
  }

  .card.grabbed {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
    cursor: grabbing;
  }

  .card-title {
    font-weight: 600;
  }

  .card-fields {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    font-size: 0.75rem;
  }

  .card-fields .field {
    display: flex;
    gap: 0.375rem;
  }

  .card-fields dt {
    color: var(--_color-text-muted);
  }

  .card-fields dd {
    margin: 0;
    min-width: 0;
  }

  .loading {
    display: grid;
    gap: 0.5rem;
  }

  .skeleton.wide {
    width: 50%;
    height: 1.125rem;
  }
`;
