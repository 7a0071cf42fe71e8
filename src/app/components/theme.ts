/** The project's colours, and styles several components share: type, controls, cards. */
import { css, unsafeCSS } from 'lit';

/**
 * Every colour the components use, one name each. Components interpolate them into their
 * `css` (`color: ${palette.muted}`), so a colour is chosen here and nowhere else.
 */
export const palette = {
  /** Body text. */
  text: unsafeCSS('#263238'),
  /**
   * Secondary text: notes, hints, progress. 5.1:1 on `surface`, 5.4:1 on `paper`; the
   * former #607d8b (4.4:1) failed WCAG AA's 4.5:1 for small text in the axe audit.
   */
  muted: unsafeCSS('#546e7a'),
  /** Form labels and counters: darker than `muted`, quieter than `text`. */
  label: unsafeCSS('#455a64'),
  /** Card headings. */
  heading: unsafeCSS('#546e7a'),
  /** Borders of controls. */
  border: unsafeCSS('#b0bec5'),
  /** Borders of cards, panels and table cells. */
  rule: unsafeCSS('#e0e6ea'),
  /** Behind the cards: the page itself. */
  page: unsafeCSS('#f3f6f8'),
  /** Cards and controls. */
  paper: unsafeCSS('#fff'),
  /** A quiet background that sets a block apart: stat tiles, row headers, the explainer's step line. */
  surface: unsafeCSS('#f5f8fa'),
  /** A control under the pointer. */
  hover: unsafeCSS('#eceff1'),
  /** Selection, focus and the main action. */
  accent: unsafeCSS('#0877bd'),
  /** `accent` under the pointer. */
  accentHover: unsafeCSS('#06629c'),
  /** Text on `accent`. */
  onAccent: unsafeCSS('#fff'),
  /** Warnings, and the CPU's badge: white on it is 5.0:1 (the charts' CPU orange #e8710a gave 3.1:1). */
  caution: unsafeCSS('#b45309'),
  /** Errors. */
  error: unsafeCSS('#b3261e'),
  /** A warning notice's background and border (text on it is `text`). */
  cautionSurface: unsafeCSS('#fff8e1'),
  cautionBorder: unsafeCSS('#ffe082'),
  /** An error notice's background and border. */
  errorSurface: unsafeCSS('#ffebee'),
  errorBorder: unsafeCSS('#ef9a9a'),
  /** The explainer's forward pass: values being computed (as `<explainer-graph>` draws it). */
  forward: unsafeCSS('#1d5fbf'),
  /** The explainer's backward pass: the node whose gradient is being computed. */
  backward: unsafeCSS('#c2410c'),
  /** The explainer's gradients, wherever their numbers are written. */
  gradient: unsafeCSS('#b3261e'),
};

export const baseStyles = css`
  :host {
    font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: ${palette.text};
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit;
    border: 1px solid ${palette.border};
    background: ${palette.paper};
    color: ${palette.text};
    border-radius: 6px;
    padding: 5px 12px;
    cursor: pointer;
  }
  button:hover:not(:disabled) { background: ${palette.hover}; }
  button:disabled { opacity: 0.45; cursor: default; }
  button:focus-visible, select:focus-visible, input:focus-visible, [tabindex]:focus-visible {
    outline: 2px solid ${palette.accent};
    outline-offset: 2px;
  }
  select, input[type='number'], input[type='text'] {
    font: inherit;
    border: 1px solid ${palette.border};
    border-radius: 6px;
    padding: 3px 6px;
    background: ${palette.paper};
    color: inherit;
    min-width: 0;
  }
  .muted { color: ${palette.muted}; font-size: 12px; }
  /* Read by screen readers, not shown: a live region beside a visible label that changes too often to announce. */
  .sr-only {
    position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap;
  }
`;

export const cardStyles = css`
  .card {
    background: ${palette.paper};
    border: 1px solid ${palette.rule};
    border-radius: 10px;
    padding: 10px 12px;
  }
  .card h2 {
    margin: 0 0 6px;
    font-size: 13px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: ${palette.heading};
  }
`;
