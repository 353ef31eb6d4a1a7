import { css } from 'lit';

/** The provider draws nothing itself: its children lay out as if it were not there. */
export const providerStyles = css`
  :host {
    display: contents;
  }
`;
