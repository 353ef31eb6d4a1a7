import { css } from 'lit';

/** Form, table and button styles every shell view shares; colours meet 4.5:1 on white. */
export const shellStyles = css`
  :host {
    display: block;
    color: #1f2937;
  }

  * {
    box-sizing: border-box;
  }

  h1 {
    margin: 0 0 1rem;
    font-size: 1.375rem;
  }

  h2 {
    margin: 1.5rem 0 0.75rem;
    font-size: 1.125rem;
  }

  a {
    color: #1d4ed8;
  }

  label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.875rem;
  }

  input,
  select,
  button {
    font: inherit;
    min-height: 2.25rem;
  }

  input,
  select {
    padding: 0.25rem 0.5rem;
    border: 1px solid #6b7280;
    border-radius: 0.375rem;
    background: #fff;
    color: inherit;
    min-width: 0;
  }

  button {
    padding: 0.25rem 1rem;
    border: 0;
    border-radius: 0.375rem;
    background: #1d4ed8;
    color: #fff;
    cursor: pointer;
  }

  button.secondary {
    background: #fff;
    color: #1d4ed8;
    border: 1px solid #1d4ed8;
  }

  button:disabled {
    background: #6b7280;
    cursor: progress;
  }

  :is(a, button, input, select, [tabindex]):focus-visible {
    outline: 3px solid rgb(29 78 216 / 0.5);
    outline-offset: 2px;
  }

  .table-scroll {
    overflow-x: auto;
    background: #fff;
    border: 1px solid #d1d5db;
    border-radius: 0.5rem;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }

  th,
  td {
    padding: 0.5rem 0.75rem;
    text-align: left;
    border-bottom: 1px solid #e5e7eb;
    white-space: nowrap;
  }

  th {
    background: #f3f4f6;
    font-weight: 600;
  }

  tbody tr:last-child td {
    border-bottom: 0;
  }

  .muted {
    color: #4b5563;
  }

  .error {
    color: #b91c1c;
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
