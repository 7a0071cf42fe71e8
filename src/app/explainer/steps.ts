/**
 * Turns an explanation (the neuron's graph with every value and gradient) into the walk a
 * learner steps through: the forward pass one operation at a time, then the backward pass
 * one node at a time, each backward step written as the chain rule in numbers —
 * local derivative × the gradient that arrived from the consumer = this node's gradient.
 * The local derivatives are the autograd's own (each node's `local`); this module only
 * writes them out, activations as their table entry's notation says.
 * Local derivatives are written with ∂ (one operation, its other operands held fixed),
 * gradients of L with d, so "∂L/∂(a − y)" and "dL/d(a − y)" stay distinguishable.
 * Pure: no DOM, so it is unit-tested in Node.
 */
import type { ExplainNode, Explanation } from '../../autograd/explain';
import { activationFunction, type Activation } from '../../engine/functions/activations';
import type { ActivationFunction } from '../../engine/functions/shape';
import { d, fmt, operand, partial, wrap } from './format';

export interface ForwardStep {
  /** The node whose value this step computes. */
  nodeId: string;
  /** e.g. "x1·w1 = 1 × (-3) = -3". */
  text: string;
}

/** One use of the node by a consumer: a single factor pair of the chain rule. */
export interface ChainTerm {
  /** The node that used this one as an operand. */
  consumerId: string;
  /** d(consumer)/d(node), a number. */
  local: number;
  /** e.g. "∂(x1·w1)/∂w1 = x1 = 1". */
  localText: string;
  /** dL/d(consumer): the gradient that arrived. */
  upstream: number;
  /** e.g. "dL/d(x1·w1) = 1". */
  upstreamText: string;
  /** local × upstream: this use's share of the node's gradient. */
  product: number;
}

export interface BackwardStep {
  /** The node whose gradient this step completes. */
  nodeId: string;
  /** Empty for the starting node (its gradient is given) and for nodes the loss never reads. */
  terms: ChainTerm[];
  /** dL/d(node), as the autograd computed it (equal to the sum of the terms' products). */
  grad: number;
  /** The whole step as one line of plain text. */
  text: string;
}

export interface StepPlan {
  forward: ForwardStep[];
  backward: BackwardStep[];
  /** The node the backward pass starts from: the loss, or the output a without one. */
  rootId: string;
  hasLoss: boolean;
}

/** The name a node goes by in formulas: its label, except the loss, which is L. */
function nameOf(node: ExplainNode, plan: { rootId: string; hasLoss: boolean }): string {
  return plan.hasLoss && node.id === plan.rootId ? 'L' : node.label;
}

const SUMS = ['+', '-'];

/** The activation table's entry for an activation node (its op is the activation's name). */
function activationOf(node: ExplainNode): ActivationFunction | undefined {
  return node.role === 'activation' ? activationFunction(node.op as Activation) : undefined;
}

/** The exponent of a '^k' node. */
function power(op: string): number {
  return Number(op.slice(1));
}

/** k written as a superscript when it is a small digit, else with a caret. */
function superscript(k: number): string {
  const sup: Record<number, string> = { 2: '²', 3: '³' };
  return sup[k] ?? `^${k}`;
}

/**
 * The right-hand side of "node = …", in symbols and in numbers, from the parents.
 * A sum's left operand never needs parentheses; anything that is itself a sum does when
 * it sits on the right of a sum or inside a product or power.
 */
function forwardParts(node: ExplainNode, ps: ExplainNode[], name: (n: ExplainNode) => string): [string, string] {
  const inner = (p: ExplainNode) => (SUMS.includes(p.op) ? wrap(name(p)) : name(p));
  const f = activationOf(node);
  if (f) return [f.notation.ofName(name(ps[0])), f.notation.ofNumber(fmt(ps[0].value))];
  switch (node.op) {
    case '+':
      return [`${name(ps[0])} + ${inner(ps[1])}`, `${fmt(ps[0].value)} + ${operand(ps[1].value)}`];
    case '-':
      return [`${name(ps[0])} − ${inner(ps[1])}`, `${fmt(ps[0].value)} − ${operand(ps[1].value)}`];
    case '*':
      return [`${inner(ps[0])}·${inner(ps[1])}`, `${operand(ps[0].value)} × ${operand(ps[1].value)}`];
    case 'softplus':
      return [`log(1 + e^${wrap(name(ps[0]))})`, `log(1 + e^${operand(ps[0].value)})`];
    case 'neg':
      return [`−${wrap(name(ps[0]))}`, `−${operand(ps[0].value)}`];
    case 'exp':
      return [`e^${wrap(name(ps[0]))}`, `e^${operand(ps[0].value)}`];
    case 'log':
      return [`log(${name(ps[0])})`, `log(${fmt(ps[0].value)})`];
    default:
      if (node.op.startsWith('^')) {
        const k = superscript(power(node.op));
        return [`${wrap(name(ps[0]))}${k}`, `${operand(ps[0].value)}${k}`];
      }
      throw new Error(`no forward rule for operation '${node.op}'`);
  }
}

/**
 * d(consumer)/d(its operand in `slot`): the number the autograd applied (the node's
 * `local`), and how it is written after the "=".
 */
function localDerivative(c: ExplainNode, slot: number, ps: ExplainNode[], name: (n: ExplainNode) => string): [number, string] {
  const v = ps[slot];
  const local = c.local[slot];
  const f = activationOf(c);
  if (f) {
    const text = f.notation.slopeWorked({
      z: name(v), a: name(c), zValue: v.value, aValue: c.value, local, operand, show: fmt,
    });
    return [local, text];
  }
  switch (c.op) {
    case '+':
    case '-':
    case 'neg':
      return [local, fmt(local)];
    case '*': {
      const other = ps[1 - slot];
      return [local, `${name(other)} = ${fmt(local)}`];
    }
    case 'softplus':
      return [local, `σ(${name(v)}) = ${fmt(local)}`];
    case 'exp':
      return [local, `e^${wrap(name(v))} = ${fmt(local)}`];
    case 'log':
      return [local, `1/${wrap(name(v))} = ${fmt(local)}`];
    default:
      if (c.op.startsWith('^')) {
        const k = power(c.op);
        const symbol = k === 2 ? `2·${wrap(name(v))}` : `${k}·${wrap(name(v))}${superscript(k - 1)}`;
        const numbers = k === 2 ? `2 × ${operand(v.value)}` : `${k} × ${operand(v.value)}${superscript(k - 1)}`;
        return [local, `${symbol} = ${numbers} = ${fmt(local)}`];
      }
      throw new Error(`no derivative rule for operation '${c.op}'`);
  }
}

/** Builds the forward and backward walk for an explanation (its nodes in forward order). */
export function planSteps(explanation: Explanation): StepPlan {
  const { nodes } = explanation;
  const root = nodes[nodes.length - 1];
  const plan = { rootId: root.id, hasLoss: root.role === 'loss' };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (n: ExplainNode) => nameOf(n, plan);
  const parentsOf = (n: ExplainNode) => n.parents.map((p) => byId.get(p)!);
  const grad = (n: ExplainNode) => `dL/${d(name(n))}`;

  // Which nodes the loss reads, directly or not: the only consumers that pass a gradient on.
  // (With bce the loss is written from z, so the drawn output a is not among them.)
  const feedsRoot = new Set<string>([root.id]);
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (feedsRoot.has(nodes[i].id)) for (const p of nodes[i].parents) feedsRoot.add(p);
  }

  const forward: ForwardStep[] = nodes
    .filter((n) => n.op !== '')
    .map((n) => {
      const [symbols, numbers] = forwardParts(n, parentsOf(n), name);
      const parts = [name(n), symbols, numbers, fmt(n.value)];
      // Drop a part that only repeats its neighbour ("a = z = 0.5 = 0.5" for identity).
      return { nodeId: n.id, text: parts.filter((t, k) => k === 0 || t !== parts[k - 1]).join(' = ') };
    });

  const backward: BackwardStep[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const v = nodes[i];
    if (v.id === root.id) {
      const text = plan.hasLoss
        ? 'dL/dL = 1: the backward pass starts at the loss, whose gradient with respect to itself is 1'
        : `${grad(v)} = 1: the gradient arriving at the output from whatever follows the neuron, taken as 1`;
      backward.push({ nodeId: v.id, terms: [], grad: v.grad, text });
      continue;
    }
    const terms: ChainTerm[] = [];
    for (const c of nodes.slice(i + 1)) {
      if (!feedsRoot.has(c.id)) continue;
      const ps = parentsOf(c);
      ps.forEach((p, slot) => {
        if (p.id !== v.id) return;
        const [local, localRest] = localDerivative(c, slot, ps, name);
        terms.push({
          consumerId: c.id,
          local,
          localText: `${partial(name(c))}/${partial(name(v))} = ${localRest}`,
          upstream: c.grad,
          upstreamText: `${grad(c)} = ${fmt(c.grad)}`,
          product: local * c.grad,
        });
      });
    }
    const result = `${grad(v)} = ${fmt(v.grad)}`;
    let text: string;
    if (terms.length === 0) {
      text = `${result}: the loss does not read ${name(v)}`;
    } else if (terms.length === 1) {
      text = `${terms[0].localText} × ${terms[0].upstreamText} → ${result}`;
    } else {
      text = `${terms.map((t) => `[${t.localText} × ${t.upstreamText}]`).join(' + ')} → ${result}`;
    }
    backward.push({ nodeId: v.id, terms, grad: v.grad, text });
  }
  return { forward, backward, ...plan };
}
