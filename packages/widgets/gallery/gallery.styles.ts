import { css } from 'lit';

export const galleryStyles = css`
  :host {
    display: block;
    max-width: 72rem;
    margin: 0 auto;
    padding: 1rem;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: 1rem;
  }

  h1 {
    margin: 0;
    font-size: 1.5rem;
  }

  h2 {
    font-size: 1.125rem;
    margin: 1.5rem 0 0.75rem;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }

  label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.875rem;
  }

  select {
    font: inherit;
    padding: 0.25rem 0.5rem;
  }

  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    gap: 1rem;
  }

  .stack {
    display: grid;
    gap: 0.5rem;
    max-width: 28rem;
  }

  pre {
    overflow-x: auto;
    padding: 0.75rem;
    background: #111827;
    color: #f9fafb;
    border-radius: 0.5rem;
    font-size: 0.8125rem;
  }

  .theme-dark {
    padding: 1rem;
    background: #030712;
    border-radius: 0.75rem;
    --crm-color-text: #f9fafb;
    --crm-color-text-muted: #d1d5db;
    --crm-color-surface: #111827;
    --crm-color-surface-muted: #1f2937;
    --crm-color-border: #374151;
    --crm-color-accent: #93c5fd;
    --crm-color-success: #86efac;
    --crm-color-danger: #fca5a5;
    --crm-color-warning: #fcd34d;
  }

  .theme-brand {
    --crm-color-accent: #0f766e;
    --crm-radius: 1rem;
    --crm-font-size: 0.9375rem;
  }

  .theme-brand crm-customer-card::part(base) {
    border-left: 0.375rem solid #0f766e;
  }

  .theme-brand crm-customer-card::part(name) {
    letter-spacing: 0.02em;
  }
`;
