import { css } from 'lit';

export const portalAppStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.75rem 1rem;
    background: #1e3a8a;
    color: #fff;
  }

  .brand {
    margin: 0;
    font-weight: 600;
  }

  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    font-size: 0.875rem;
  }

  .tools label {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }

  .tools select,
  .tools button {
    font: inherit;
    min-height: 2rem;
    padding: 0.125rem 0.5rem;
    border-radius: 0.375rem;
  }

  .tools button {
    background: #fff;
    color: #1e3a8a;
    border: 0;
    cursor: pointer;
  }

  :is(button, select):focus-visible {
    outline: 3px solid #93c5fd;
    outline-offset: 2px;
  }

  nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    max-width: 72rem;
    margin: 0 auto;
    padding: 0.25rem 1rem 0;
  }

  nav a,
  .back a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    color: #1d4ed8;
  }

  nav a[aria-current='page'] {
    font-weight: 600;
    color: #1f2937;
    text-decoration: none;
    border-bottom: 3px solid #1d4ed8;
  }

  nav a:focus-visible,
  .back a:focus-visible {
    outline: 3px solid rgb(29 78 216 / 0.5);
    outline-offset: 2px;
  }

  .back {
    margin: 0 0 0.5rem;
  }

  main {
    max-width: 72rem;
    margin: 0 auto;
    padding: 1rem;
  }
`;
