/** The page's layout: header, settings column, views, and the cards they sit in. */
import { css } from 'lit';
import { baseStyles, cardStyles, palette } from '../components/theme';

export const playgroundStyles = [baseStyles, cardStyles, css`
    :host {
      display: block;
      min-height: 100vh;
      background: ${palette.page};
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px 18px;
      padding: 14px 20px 10px;
      background: ${palette.paper};
      border-bottom: 1px solid ${palette.rule};
    }
    h1 { margin: 0; font-size: 20px; font-weight: 650; }
    h1 span { color: ${palette.accent}; }
    .formula { color: ${palette.muted}; font-style: italic; }
    status-line { margin-left: auto; }
    notice-list { margin: 10px 20px 0; }
    .layout {
      display: grid;
      grid-template-columns: 300px minmax(0, 1fr);
      gap: 16px;
      padding: 14px 20px 24px;
      align-items: start;
    }
    @media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }
    aside.card { padding: 12px 14px; }
    main { display: grid; gap: 12px; min-width: 0; }
    .views { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
    .views .card { display: flex; flex-direction: column; height: 340px; }
    .views .card > :last-child { flex: 1; min-height: 0; }
    .empty { margin: auto; text-align: center; max-width: 28em; }
    .train-view { display: grid; gap: 12px; }
    .landscape { display: flex; flex-direction: column; height: 480px; }
    .landscape > :last-child { flex: 1; min-height: 0; }
    /* The graph can be wider than the column: it scrolls inside its card, not the page. */
    .wide-content { overflow-x: auto; }
  `];
