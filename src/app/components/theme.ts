/** Styles several components share: type, controls, cards. */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #263238;
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit;
    border: 1px solid #b0bec5;
    background: #fff;
    color: #263238;
    border-radius: 6px;
    padding: 5px 12px;
    cursor: pointer;
  }
  button:hover:not(:disabled) { background: #eceff1; }
  button:disabled { opacity: 0.45; cursor: default; }
  button:focus-visible, select:focus-visible, input:focus-visible, [tabindex]:focus-visible {
    outline: 2px solid #0877bd;
    outline-offset: 2px;
  }
  select, input[type='number'], input[type='text'] {
    font: inherit;
    border: 1px solid #b0bec5;
    border-radius: 6px;
    padding: 3px 6px;
    background: #fff;
    color: inherit;
    min-width: 0;
  }
  .muted { color: #607d8b; font-size: 12px; }
`;

export const cardStyles = css`
  .card {
    background: #fff;
    border: 1px solid #e0e6ea;
    border-radius: 10px;
    padding: 10px 12px;
  }
  .card h2 {
    margin: 0 0 6px;
    font-size: 13px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: #546e7a;
  }
`;
