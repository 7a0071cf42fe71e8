/**
 * `<explainer-graph>`: draws the neuron's computation graph as SVG, each node a box with
 * its name, its value and its gradient, each operation a circle in front of its box.
 * It only draws: which values and gradients are known, and which step is current, come
 * in through `view`. All text is bound as text, never parsed as markup.
 */
import { LitElement, css, html, svg, nothing, type SVGTemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ExplainNode } from '../../autograd/explain';
import { activationFunction, type Activation } from '../../engine/functions/activations';
import { fmt } from './format';
import { BOX_H, BOX_W, OP_RADIUS, type GraphLayout, type PlacedNode } from './graph-layout';
import type { Phase } from './stepper-controller';
import { palette } from '../components/theme';

/** What the graph should show now. */
export interface GraphView {
  valueKnown: (id: string) => boolean;
  gradKnown: (id: string) => boolean;
  /** The node the last step computed, and in which pass. */
  current?: { id: string; phase: Phase };
  /**
   * Edges taking part in the last step, as "from>to": the operands flowing into the node
   * (forward) or the consumers whose gradient flowed back into it (backward).
   */
  activeEdges: Set<string>;
  /** The root of the backward pass, drawn with the name L when it is the loss. */
  lossId?: string;
}

/** The symbol drawn in an operation's circle; the full name goes in its tooltip. Activations: their table entry. */
const OP_SYMBOL: Record<string, string> = {
  '*': '×', '+': '+', '-': '−', neg: '−', softplus: 'sp', exp: 'exp', log: 'log',
};
const OP_NAME: Record<string, string> = {
  '*': 'multiply', '+': 'add', '-': 'subtract', neg: 'negate', softplus: 'softplus: log(1 + e^z)',
  exp: 'exp', log: 'natural log',
};

function opSymbol(n: ExplainNode): string {
  if (n.role === 'activation') return activationFunction(n.op as Activation).notation.symbol;
  if (n.op.startsWith('^')) return n.op === '^2' ? '( )²' : `^${n.op.slice(1)}`;
  return OP_SYMBOL[n.op] ?? n.op;
}

function opName(n: ExplainNode): string {
  if (n.role === 'activation') return `activation: ${activationFunction(n.op as Activation).label}`;
  if (n.op.startsWith('^')) return `power ${n.op.slice(1)}`;
  return OP_NAME[n.op] ?? n.op;
}

/** Where an operation's circle sits: in the gap left of its box, clear of the box. */
function opCentreX(at: PlacedNode): number {
  return at.x - OP_RADIUS - 12;
}

/** Labels past this length get a smaller font so they stay inside the box. */
const LONG_LABEL = 17;

@customElement('explainer-graph')
export class ExplainerGraph extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      font-family: system-ui, sans-serif;
    }
    .edge {
      fill: none;
      stroke: ${palette.border};
      stroke-width: 1.5;
    }
    .edge.active.forward {
      stroke: ${palette.forward};
      stroke-width: 3;
    }
    .edge.active.backward {
      stroke: ${palette.backward};
      stroke-width: 3;
    }
    .box {
      fill: ${palette.paper};
      stroke: ${palette.muted};
      stroke-width: 1.2;
    }
    .node.pending .box {
      fill: ${palette.surface};
      stroke: ${palette.border};
      stroke-dasharray: 4 3;
    }
    .node.leaf .box {
      fill: ${palette.surface};
    }
    .node.current.forward .box {
      stroke: ${palette.forward};
      stroke-width: 3;
    }
    .node.current.backward .box {
      stroke: ${palette.backward};
      stroke-width: 3;
    }
    .op circle {
      fill: ${palette.hover};
      stroke: ${palette.muted};
    }
    .node.pending .op circle {
      stroke: ${palette.border};
    }
    text {
      fill: ${palette.text};
      font-size: 12px;
    }
    .label {
      font-weight: 600;
    }
    .label.long {
      font-size: 10px;
    }
    .op text {
      font-size: 10px;
      text-anchor: middle;
      dominant-baseline: central;
    }
    .grad {
      fill: ${palette.gradient};
    }
    .unknown {
      fill: ${palette.muted};
    }
  `;

  /** The graph's nodes in forward order (from `explain()`). */
  @property({ attribute: false }) nodes: ExplainNode[] = [];

  /** Where each node goes (from `layoutGraph(nodes)`). */
  @property({ attribute: false }) layout?: GraphLayout;

  /** What is known so far and what to highlight. */
  @property({ attribute: false }) view?: GraphView;

  #edge(from: PlacedNode, to: PlacedNode, toOp: boolean, className: string): SVGTemplateResult {
    const x1 = from.x + BOX_W;
    const y1 = from.y + BOX_H / 2;
    const x2 = toOp ? opCentreX(to) - OP_RADIUS : to.x;
    const y2 = to.y + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    return svg`<path class=${className} d=${`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}></path>`;
  }

  #node(n: ExplainNode, at: PlacedNode, view: GraphView): SVGTemplateResult {
    const leaf = n.op === '';
    const valueKnown = view.valueKnown(n.id);
    const gradKnown = view.gradKnown(n.id);
    const current = view.current?.id === n.id ? `current ${view.current.phase}` : '';
    const state = [valueKnown ? 'known' : 'pending', leaf ? 'leaf' : 'op-node', current].join(' ');
    const label = n.id === view.lossId ? `${n.label} (L)` : n.label;
    const valueText = valueKnown ? `value ${fmt(n.value)}` : 'value —';
    const gradText = gradKnown ? `grad ${fmt(n.grad)}` : 'grad —';
    const spoken = `${label}: ${valueKnown ? `value ${fmt(n.value)}` : 'value not computed yet'}, ${
      gradKnown ? `gradient ${fmt(n.grad)}` : 'gradient not computed yet'
    }`;
    const cx = opCentreX(at);
    const cy = at.y + BOX_H / 2;
    return svg`
      <g class=${`node ${state}`} data-id=${n.id} data-label=${n.label} role="img" aria-label=${spoken}>
        <title>${`${label}\nvalue ${valueKnown ? String(n.value) : '?'}\ngrad ${gradKnown ? String(n.grad) : '?'}`}</title>
        ${leaf
          ? nothing
          : svg`<g class="op">
              <title>${opName(n)}</title>
              <line class="edge" x1=${cx + OP_RADIUS} y1=${cy} x2=${at.x} y2=${cy}></line>
              <circle cx=${cx} cy=${cy} r=${OP_RADIUS}></circle>
              <text x=${cx} y=${cy}>${opSymbol(n)}</text>
            </g>`}
        <rect class="box" x=${at.x} y=${at.y} width=${BOX_W} height=${BOX_H} rx="6"></rect>
        <text class=${label.length > LONG_LABEL ? 'label long' : 'label'} x=${at.x + 8} y=${at.y + 17}>${label}</text>
        <text class=${valueKnown ? 'value' : 'value unknown'} x=${at.x + 8} y=${at.y + 34}>${valueText}</text>
        <text class=${gradKnown ? 'grad' : 'grad unknown'} x=${at.x + 8} y=${at.y + 50}>${gradText}</text>
      </g>`;
  }

  override render() {
    const { layout, view } = this;
    if (!layout || !view) return nothing;
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    const phase = view.current?.phase ?? 'forward';
    return html`
      <svg
        viewBox=${`0 0 ${layout.width} ${layout.height}`}
        width=${layout.width}
        height=${layout.height}
        role="group"
        aria-label="Computation graph of the neuron: inputs and weights on the left, the output on the right"
      >
        ${layout.edges.map((e) => {
          const active = view.activeEdges.has(`${e.from}>${e.to}`) ? ` active ${phase}` : '';
          return this.#edge(layout.nodes.get(e.from)!, layout.nodes.get(e.to)!, byId.get(e.to)!.op !== '', `edge${active}`);
        })}
        ${this.nodes.map((n) => this.#node(n, layout.nodes.get(n.id)!, view))}
      </svg>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-graph': ExplainerGraph;
  }
}
