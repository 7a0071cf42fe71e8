/**
 * A scalar that remembers how it was computed, so that `backward()` can apply the chain
 * rule through every operation that produced it (reverse-mode automatic differentiation).
 * The idea and the shape follow micrograd; the numbers are float64 throughout.
 */

import { activateOne, sigmoid, type Activation } from '../engine/functions/activations';

/** Source of `Value.id`: a counter, so ids are unique for the life of the module. */
let nextId = 0;

export class Value {
  /** Unique, increasing in creation order, so a node created later has a larger id. */
  readonly id: number = nextId++;
  /** The number this node holds. */
  data: number;
  /** d(root)/d(this) after the last `backward()` on a graph containing this node. */
  grad = 0;
  /** The operands this node was computed from (the same node twice for `x.mul(x)`). */
  readonly parents: Value[];
  /** The operation that produced this node; '' for a leaf. An activation's op is its name. */
  readonly op: string;
  /** d(this)/d(parents[i]) for each parent, known at forward time; empty for a leaf. */
  readonly local: readonly number[];
  /** A human-readable name, for displays; '' unless someone names the node. */
  label: string;
  /** Adds this node's share of the gradient into its parents' `grad`. */
  #backward: () => void = () => {};

  /**
   * @param data the value
   * @param label optional name for displays
   * @param parents operands (leave empty for a leaf)
   * @param op the operation that produced it ('' for a leaf)
   */
  constructor(data: number, label = '', parents: Value[] = [], op = '', local: number[] = []) {
    this.data = data;
    this.label = label;
    this.parents = parents;
    this.op = op;
    this.local = local;
  }

  /** Wraps a plain number as a leaf (labelled with the number); passes a Value through. */
  static from(x: Value | number): Value {
    return x instanceof Value ? x : new Value(x, String(x));
  }

  /** Sets `label` and returns this node, for naming while building an expression. */
  named(label: string): this {
    this.label = label;
    return this;
  }

  /**
   * Makes the node `op(parents)` holding `data`. `local[i]` is d(data)/d(parents[i]),
   * known at forward time, so every operation's backward step is the same one line.
   */
  #result(data: number, op: string, parents: Value[], local: number[]): Value {
    const out = new Value(data, '', parents, op, local);
    out.#backward = () => {
      // `+=`, not `=`: a node used twice (x*x) or by two consumers receives both shares.
      for (let i = 0; i < parents.length; i++) parents[i].grad += local[i] * out.grad;
    };
    return out;
  }

  /** this + other */
  add(other: Value | number): Value {
    const o = Value.from(other);
    return this.#result(this.data + o.data, '+', [this, o], [1, 1]);
  }

  /** this - other (one node rather than add(neg), to keep graphs small). */
  sub(other: Value | number): Value {
    const o = Value.from(other);
    return this.#result(this.data - o.data, '-', [this, o], [1, -1]);
  }

  /** this * other */
  mul(other: Value | number): Value {
    const o = Value.from(other);
    return this.#result(this.data * o.data, '*', [this, o], [o.data, this.data]);
  }

  /** -this */
  neg(): Value {
    return this.#result(-this.data, 'neg', [this], [-1]);
  }

  /** this ** k for a constant k; the base must be positive when k is not an integer. */
  pow(k: number): Value {
    return this.#result(this.data ** k, `^${k}`, [this], [k * this.data ** (k - 1)]);
  }

  /** e ** this */
  exp(): Value {
    const e = Math.exp(this.data);
    return this.#result(e, 'exp', [this], [e]);
  }

  /** Natural logarithm; the caller keeps the input positive. */
  log(): Value {
    return this.#result(Math.log(this.data), 'log', [this], [1 / this.data]);
  }

  /**
   * a = f(this) for an activation of the table (src/engine/functions/), which gives the
   * value and the slope f′ together; the op is the activation's name.
   */
  activate(activation: Activation): Value {
    const { a, slope } = activateOne(activation, this.data);
    return this.#result(a, activation, [this], [slope]);
  }

  /**
   * log(1 + e^this) as max(x, 0) + log1p(e^-|x|), finite for any finite x;
   * its derivative is sigmoid(x). Lets binary cross-entropy be written from logits.
   */
  softplus(): Value {
    const x = this.data;
    const sp = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    return this.#result(sp, 'softplus', [this], [sigmoid(x)]);
  }

  /**
   * Sets `grad` to d(this)/d(node) on every node this one depends on. Grads of the graph
   * are zeroed first, so calling it twice gives the same answer rather than double.
   * @param seed the gradient arriving at this node from outside (default 1)
   */
  backward(seed = 1): void {
    const order = topologicalOrder([this]);
    for (const node of order) node.grad = 0;
    this.grad = seed;
    // Reverse topological order: a node's grad is complete before it is passed on.
    for (let i = order.length - 1; i >= 0; i--) order[i].#backward();
  }
}

/**
 * Every node the roots depend on, each once, parents before children (forward order).
 * Iterative depth-first search, so a graph thousands of nodes deep cannot overflow the stack.
 */
export function topologicalOrder(roots: Value[]): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>();
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    // Each frame remembers which parent to visit next; a node is emitted after its parents.
    const stack: { node: Value; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.node.parents.length) {
        const parent = top.node.parents[top.next++];
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push({ node: parent, next: 0 });
        }
      } else {
        stack.pop();
        order.push(top.node);
      }
    }
  }
  return order;
}
