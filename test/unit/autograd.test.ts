import { test, expect, describe } from 'vitest';
import { Value, topologicalOrder } from '../../src/autograd/value';
import { ACTIVATIONS, type Activation } from '../../src/engine/types';
import { activate } from '../../src/engine/neuron-math';

/** mulberry32: a tiny seeded PRNG, so every random expression is reproducible. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Central differences in float64. h = 1e-6 balances truncation error (~h²·f''' ≈ 1e-12·f''')
 * against rounding error (~eps·|f|/h ≈ 1e-10·|f|); with |f| kept under 100 both stay far
 * below the tolerance 1e-6·max(1, |g|) used throughout.
 */
const H = 1e-6;
const TOL = 1e-6;

function centralDifference(f: (xs: number[]) => number, xs: number[], i: number): number {
  const plus = xs.slice();
  const minus = xs.slice();
  plus[i] += H;
  minus[i] -= H;
  return (f(plus) - f(minus)) / (2 * H);
}

function expectGradClose(g: number, fd: number): void {
  expect(Math.abs(g - fd)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(g)));
}

/** Plain-number reference for each op: the oracle, written independently of Value. */
const unary = {
  neg: (a: number) => -a,
  exp: Math.exp,
  log: Math.log,
  softplus: (a: number) => Math.log(1 + Math.exp(a)),
} as const;
const binary = {
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
  mul: (a: number, b: number) => a * b,
} as const;
type UnaryOp = keyof typeof unary;
type BinaryOp = keyof typeof binary;
const POWERS = [2, 3, -1, 0.5, 1.5, -0.7];

/** One step of a random program: an op applied to earlier slots (leaves come first). */
type Step =
  | { kind: 'unary'; op: UnaryOp; a: number }
  | { kind: 'activation'; f: Activation; a: number }
  | { kind: 'binary'; op: BinaryOp; a: number; b: number }
  | { kind: 'pow'; k: number; a: number };

function evalNumbers(steps: Step[], leaves: number[]): number {
  const slots = leaves.slice();
  for (const s of steps) {
    if (s.kind === 'unary') slots.push(unary[s.op](slots[s.a]));
    else if (s.kind === 'activation') slots.push(activate(s.f, slots[s.a]));
    else if (s.kind === 'binary') slots.push(binary[s.op](slots[s.a], slots[s.b]));
    else slots.push(slots[s.a] ** s.k);
  }
  return slots[slots.length - 1];
}

function evalValues(steps: Step[], leaves: Value[]): Value {
  const slots = leaves.slice();
  for (const s of steps) {
    if (s.kind === 'unary') slots.push(slots[s.a][s.op]());
    else if (s.kind === 'activation') slots.push(slots[s.a].activate(s.f));
    else if (s.kind === 'binary') slots.push(slots[s.a][s.op](slots[s.b]));
    else slots.push(slots[s.a].pow(s.k));
  }
  return slots[slots.length - 1];
}

/**
 * A random program over `leaves`. Operands are drawn from any earlier slot, so nodes get
 * reused (x*x, one node feeding several). Steps whose result would leave the domain where
 * a finite difference is meaningful are redrawn: log and non-integer powers only on
 * values > 0.1, activations only > 1e-3 away from 0 (where ReLU has its kink), exp only
 * below 4, magnitudes under 100. Activations are drawn from the table, so a new one is
 * tested here without an edit.
 */
function randomProgram(rand: () => number, leaves: number[], length: number): Step[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const steps: Step[] = [];
  const slots = leaves.slice();
  const unaryOps = Object.keys(unary) as UnaryOp[];
  const binaryOps = Object.keys(binary) as BinaryOp[];
  while (steps.length < length) {
    // Prefer recent slots so the final node depends on most of the program.
    const near = () => Math.max(0, slots.length - 1 - Math.floor(rand() * 4));
    const a = rand() < 0.7 ? near() : Math.floor(rand() * slots.length);
    const va = slots[a];
    const r = rand();
    let step: Step;
    if (r < 0.45) {
      const b = rand() < 0.15 ? a : Math.floor(rand() * slots.length);
      step = { kind: 'binary', op: pick(binaryOps), a, b };
    } else if (r < 0.6) {
      step = { kind: 'pow', k: pick(POWERS), a };
    } else if (r < 0.8) {
      step = { kind: 'unary', op: pick(unaryOps), a };
    } else {
      step = { kind: 'activation', f: pick(ACTIVATIONS), a };
    }
    if (step.kind === 'unary' && step.op === 'log' && va <= 0.1) continue;
    if (step.kind === 'activation' && Math.abs(va) < 1e-3) continue; // kinks at 0 (ReLU and its kin)
    if (step.kind === 'unary' && step.op === 'exp' && va > 4) continue;
    if (step.kind === 'pow' && (Number.isInteger(step.k) ? Math.abs(va) < 0.1 : va <= 0.1)) continue;
    const v = evalNumbers([step], slots);
    if (!Number.isFinite(v) || Math.abs(v) > 100) continue;
    steps.push(step);
    slots.push(v);
  }
  return steps;
}

describe('Value against central finite differences', () => {
  test('each op on its own, with number and Value operands', () => {
    const cases: [string, (x: Value) => Value, number][] = [
      ['add', (x) => x.add(2.5), 0.3],
      ['sub', (x) => Value.from(1).sub(x), 0.3],
      ['mul', (x) => x.mul(-1.7), 0.3],
      ['neg', (x) => x.neg(), 0.3],
      ['exp', (x) => x.exp(), -0.8],
      ['log', (x) => x.log(), 0.37],
      ...ACTIVATIONS.flatMap((f): [string, (x: Value) => Value, number][] => [
        [`${f} on the positive side`, (x) => x.activate(f), 0.6],
        [`${f} on the negative side`, (x) => x.activate(f), -1.3],
      ]),
      ['softplus', (x) => x.softplus(), 0.9],
      ['pow 2', (x) => x.pow(2), -1.2],
      ['pow 3', (x) => x.pow(3), -0.7],
      ['pow -1', (x) => x.pow(-1), 0.8],
      ['pow 0.5', (x) => x.pow(0.5), 2.3],
      ['pow 1.5', (x) => x.pow(1.5), 0.6],
      ['pow -2.5', (x) => x.pow(-2.5), 1.1],
      ['x*x reuses one node', (x) => x.mul(x), -1.9],
      ['x+x reuses one node', (x) => x.add(x), 0.4],
      ['x-x reuses one node', (x) => x.sub(x), 0.4],
    ];
    for (const [name, build, at] of cases) {
      const x = new Value(at, 'x');
      const out = build(x);
      out.backward();
      const f = (xs: number[]) => build(new Value(xs[0])).data;
      expect(Number.isFinite(x.grad), name).toBe(true);
      expectGradClose(x.grad, centralDifference(f, [at], 0));
    }
  });

  test('300 random expressions: value and every leaf gradient match the float64 oracle', () => {
    const rand = mulberry32(20240611);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const leafCount = 1 + Math.floor(rand() * 4);
      const leaves = Array.from({ length: leafCount }, () => rand() * 4 - 2);
      const steps = randomProgram(rand, leaves, 3 + Math.floor(rand() * 12));
      const vs = leaves.map((x, i) => new Value(x, `x${i}`));
      const out = evalValues(steps, vs);
      expect(out.data).toBeCloseTo(evalNumbers(steps, leaves), 12);
      out.backward();
      const f = (xs: number[]) => evalNumbers(steps, xs);
      vs.forEach((v, i) => {
        expectGradClose(v.grad, centralDifference(f, leaves, i));
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(600);
  });
});

describe('Value.backward', () => {
  test('a reused node accumulates both shares: d(x*x)/dx = 2x exactly', () => {
    const x = new Value(3);
    x.mul(x).backward();
    expect(x.grad).toBe(6);
  });

  test('a node feeding two consumers sums their gradients', () => {
    const x = new Value(2);
    const y = x.mul(3).add(x.pow(2)); // 3x + x², dy/dx = 3 + 2x = 7
    y.backward();
    expect(x.grad).toBe(7);
  });

  test('the seed gradient scales every gradient', () => {
    const x = new Value(1.5);
    const y = x.mul(4);
    y.backward(0.25);
    expect(y.grad).toBe(0.25);
    expect(x.grad).toBe(1);
  });

  test('calling backward twice gives the same gradients, not double', () => {
    const x = new Value(0.5);
    const y = x.activate('tanh').mul(x);
    y.backward();
    const first = x.grad;
    y.backward();
    expect(x.grad).toBe(first);
  });

  test('a graph 100,000 nodes deep does not overflow the stack', () => {
    const x = new Value(0);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1);
    y.backward();
    expect(y.data).toBe(100_000);
    expect(x.grad).toBe(1);
  });

  test('relu passes no gradient at or below zero', () => {
    for (const at of [0, -3]) {
      const x = new Value(at);
      x.activate('relu').backward();
      expect(x.grad).toBe(0);
    }
  });

  test('sigmoid and softplus stay finite for |x| in the thousands', () => {
    for (const at of [-5000, 5000]) {
      const x = new Value(at);
      const s = x.activate('sigmoid');
      const sp = x.softplus();
      sp.backward();
      expect(s.data).toBe(at > 0 ? 1 : 0);
      expect(sp.data).toBe(Math.max(at, 0));
      expect(x.grad).toBe(at > 0 ? 1 : 0);
    }
  });
});

describe('Value bookkeeping', () => {
  test('ids are unique and increase in creation order', () => {
    const a = new Value(1);
    const b = new Value(2);
    const c = a.add(b);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(a.id).toBeLessThan(b.id);
    expect(b.id).toBeLessThan(c.id);
  });

  test('ops record parents, op, label and local derivatives; Value.from wraps numbers as labelled leaves', () => {
    const x = new Value(2, 'x');
    const y = x.mul(5).named('y');
    expect(y.op).toBe('*');
    expect(y.label).toBe('y');
    expect(y.parents[0]).toBe(x);
    expect(y.parents[1].data).toBe(5);
    expect(y.parents[1].label).toBe('5');
    expect(y.local).toEqual([5, 2]);
    expect(x.local).toEqual([]);
    expect(x.activate('relu').op).toBe('relu');
    expect(Value.from(x)).toBe(x);
    expect(x.pow(3).op).toBe('^3');
  });

  test('topologicalOrder lists each node once, parents before children', () => {
    const x = new Value(1);
    const w = new Value(2);
    const p = x.mul(w);
    const out = p.add(p).activate('tanh');
    const order = topologicalOrder([out]);
    expect(order.length).toBe(5);
    expect(new Set(order).size).toBe(order.length);
    for (const node of order) {
      for (const parent of node.parents) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(node));
    }
    expect(order[order.length - 1]).toBe(out);
  });
});
