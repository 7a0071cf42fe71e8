/**
 * What the views read off the walk at its current point: where it stands, what the graph
 * highlights, the gradients found so far and the line announcing the last step. Pure
 * functions of the explanation and the stepper, so the controller stays about transitions.
 */
import type { ExplainNode, Explanation, NodeRole } from '../../autograd/explain';
import type { GraphView } from './graph-view';
import type { StepperController } from './stepper-controller';
import type { BackwardStep } from './steps';

/** What the walk has found so far; undefined where it is not computed yet. */
export interface GradientsSoFar {
  dx: (number | undefined)[];
  dw: (number | undefined)[];
  db: number | undefined;
  /** The activation a. */
  output: number | undefined;
}

/** Where the walk stands, for the step controls. */
export interface WalkState {
  /** False while the draft cannot be computed: nothing can be walked. */
  hasPlan: boolean;
  canStepForward: boolean;
  canStepBackward: boolean;
  finished: boolean;
  forwardTaken: number;
  backwardTaken: number;
  forwardCount: number;
  backwardCount: number;
}

/** The line announcing the last step, and the pass it belongs to ('' before any step). */
export interface Announcement {
  text: string;
  phase: '' | 'forward' | 'backward';
}

/** The nodes that play `role`, in forward order. */
function nodesWithRole(nodes: readonly ExplainNode[], role: NodeRole): ExplainNode[] {
  return nodes.filter((n) => n.role === role);
}

/** Where the walk stands. */
export function walkState(s: StepperController): WalkState {
  return {
    hasPlan: s.plan !== undefined,
    canStepForward: s.canStepForward,
    canStepBackward: s.canStepBackward,
    finished: s.finished,
    forwardTaken: s.forwardTaken,
    backwardTaken: s.backwardTaken,
    forwardCount: s.plan?.forward.length ?? 0,
    backwardCount: s.plan?.backward.length ?? 0,
  };
}

/** What the graph shows at the current point of the walk. */
export function graphViewOf(e: Explanation | undefined, s: StepperController): GraphView {
  const current = s.current;
  const activeEdges = new Set<string>();
  const nodes = e?.nodes ?? [];
  if (current?.phase === 'forward') {
    const node = nodes.find((n) => n.id === current.step.nodeId);
    for (const p of node?.parents ?? []) activeEdges.add(`${p}>${current.step.nodeId}`);
  } else if (current?.phase === 'backward') {
    for (const t of (current.step as BackwardStep).terms) activeEdges.add(`${current.step.nodeId}>${t.consumerId}`);
  }
  return {
    valueKnown: (id) => s.valueKnown(id),
    gradKnown: (id) => s.gradKnown(id),
    current: current && { id: current.step.nodeId, phase: current.phase },
    activeEdges,
    lossId: s.plan?.hasLoss ? s.plan.rootId : undefined,
  };
}

/** The gradients (and a) the walk has computed so far; undefined without an explanation. */
export function gradientsSoFar(e: Explanation | undefined, s: StepperController): GradientsSoFar | undefined {
  if (!e) return undefined;
  const grad = (n: ExplainNode) => (s.gradKnown(n.id) ? n.grad : undefined);
  // Nodes come in forward order, so the inputs and weights are in their index order.
  return {
    dx: nodesWithRole(e.nodes, 'input').map(grad),
    dw: nodesWithRole(e.nodes, 'weight').map(grad),
    db: grad(nodesWithRole(e.nodes, 'bias')[0]),
    output: s.valueKnown(nodesWithRole(e.nodes, 'activation')[0].id) ? e.output : undefined,
  };
}

/** The line that says what the last step computed, or what to do next. */
export function announce(s: StepperController): Announcement {
  const current = s.current;
  if (!s.plan) return { text: '', phase: '' };
  if (!current) {
    return { text: 'Nothing computed yet: only the inputs, weights and bias (and a target) are known. Press “step forward”.', phase: '' };
  }
  const head = `${current.phase === 'forward' ? 'Forward' : 'Backward'} step ${current.index + 1} of ${current.count}: `;
  const tail = current.phase === 'forward' && !s.canStepForward ? '\nForward pass done. Press “step backward” to start the backward pass.' : '';
  const done = s.finished ? '\nBackward pass done: every gradient is known.' : '';
  return { text: head + current.step.text + tail + done, phase: current.phase };
}
