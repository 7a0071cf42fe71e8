/**
 * Where each node of the neuron's graph goes: data flows left to right in columns, an
 * operation one column right of its deepest operand, an input leaf (x, w, b, y) one column
 * left of its first consumer so its edge stays short, and every operation at the mean
 * height of its operands, so the drawing reads like the hand-drawn graphs of the tutorials.
 * Pure: unit-tested in Node.
 */
import type { ExplainNode } from '../../autograd/explain';

/** Size of a node's box, in SVG user units (pixels at scale 1). */
export const BOX_W = 150;
export const BOX_H = 58;
/** Horizontal distance between columns; the gap holds the operation's circle. */
const COLUMN_STRIDE = BOX_W + 76;
/** Vertical distance between rows. */
const ROW_STRIDE = 74;
/** Empty border around the drawing. */
const MARGIN = 16;
/** Radius of the circle showing an operation, drawn in the gap left of its box. */
export const OP_RADIUS = 16;

export interface PlacedNode {
  id: string;
  /** Column (0 at the left) and row (may be fractional) in the grid. */
  column: number;
  row: number;
  /** Top-left corner of the box. */
  x: number;
  y: number;
}

export interface GraphLayout {
  nodes: Map<string, PlacedNode>;
  /** Operand → result, once per operand slot (x·x would give two). */
  edges: { from: string; to: string }[];
  width: number;
  height: number;
}

/** Lays out nodes listed in forward order (parents before children). */
export function layoutGraph(nodes: ExplainNode[]): GraphLayout {
  const column = new Map<string, number>();
  const consumers = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const n of nodes) {
    column.set(n.id, n.op === '' ? 0 : 1 + Math.max(...n.parents.map((p) => column.get(p)!)));
    for (const p of n.parents) consumers.get(p)!.push(n.id);
  }
  // Move each leaf next to its first consumer; operations keep their columns, which only
  // required leaves to sit left of them.
  for (const n of nodes) {
    const uses = consumers.get(n.id)!;
    if (n.op === '' && uses.length > 0) column.set(n.id, Math.min(...uses.map((c) => column.get(c)!)) - 1);
  }

  // Leaves take rows in forward order (x1, w1, x2, w2, …, b, y): operands of one product sit together.
  const wanted = new Map<string, number>();
  let nextLeafRow = 0;
  for (const n of nodes) if (n.op === '') wanted.set(n.id, nextLeafRow++);

  const row = new Map<string, number>();
  const columns = Math.max(...column.values()) + 1;
  for (let c = 0; c < columns; c++) {
    const here = nodes.filter((n) => column.get(n.id) === c);
    for (const n of here) {
      if (n.op !== '') wanted.set(n.id, n.parents.reduce((s, p) => s + row.get(p)!, 0) / n.parents.length);
    }
    // Keep nodes of one column at least a row apart, in the order they want to be.
    here.sort((p, q) => wanted.get(p.id)! - wanted.get(q.id)!);
    let floor = -Infinity;
    for (const n of here) {
      const r = Math.max(wanted.get(n.id)!, floor);
      row.set(n.id, r);
      floor = r + 1;
    }
  }

  const placed = new Map<string, PlacedNode>();
  let maxRow = 0;
  for (const n of nodes) {
    const c = column.get(n.id)!;
    const r = row.get(n.id)!;
    maxRow = Math.max(maxRow, r);
    placed.set(n.id, { id: n.id, column: c, row: r, x: MARGIN + c * COLUMN_STRIDE, y: MARGIN + r * ROW_STRIDE });
  }
  const edges = nodes.flatMap((n) => n.parents.map((p) => ({ from: p, to: n.id })));
  return {
    nodes: placed,
    edges,
    width: 2 * MARGIN + (columns - 1) * COLUMN_STRIDE + BOX_W,
    height: 2 * MARGIN + maxRow * ROW_STRIDE + BOX_H,
  };
}
