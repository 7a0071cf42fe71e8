/**
 * How far the walk through one neuron has gone: some forward steps, then (once every
 * value is known) some backward steps. The element only draws what this says is known.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BackwardStep, ForwardStep, StepPlan } from './steps';

export type Phase = 'forward' | 'backward';

/** The step taken last, to highlight and to announce. */
export interface CurrentStep {
  phase: Phase;
  /** 0-based within its phase. */
  index: number;
  /** Steps in that phase. */
  count: number;
  step: ForwardStep | BackwardStep;
}

export class StepperController implements ReactiveController {
  /** The element to re-render after every move. */
  #host: ReactiveControllerHost;
  /** The walk being taken; undefined while the neuron cannot be computed. */
  #plan: StepPlan | undefined;
  /** Forward steps taken (0 .. plan.forward.length). */
  #forward = 0;
  /** Backward steps taken; above 0 only once the forward pass is complete. */
  #backward = 0;
  /** Node id → index of the step that computes its value / its gradient. */
  #forwardIndex = new Map<string, number>();
  #backwardIndex = new Map<string, number>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Starts a new walk, from the beginning, or with `keepPosition` at the same point of
   * the new plan when it has the same steps (the same graph with other numbers).
   */
  load(plan: StepPlan | undefined, keepPosition = false): void {
    const old = this.#plan;
    const same = keepPosition && old !== undefined && plan !== undefined &&
      old.forward.length === plan.forward.length && old.backward.length === plan.backward.length &&
      old.backward.every((step, i) => step.nodeId === plan.backward[i].nodeId);
    this.#plan = plan;
    this.#forwardIndex = new Map(plan?.forward.map((s, i) => [s.nodeId, i]));
    this.#backwardIndex = new Map(plan?.backward.map((s, i) => [s.nodeId, i]));
    if (!same) {
      this.#forward = 0;
      this.#backward = 0;
    }
    this.#host.requestUpdate();
  }

  get plan(): StepPlan | undefined {
    return this.#plan;
  }

  get forwardTaken(): number {
    return this.#forward;
  }

  get backwardTaken(): number {
    return this.#backward;
  }

  get canStepForward(): boolean {
    return this.#plan !== undefined && this.#forward < this.#plan.forward.length;
  }

  /** The backward pass needs every value, so it waits for the forward pass to finish. */
  get canStepBackward(): boolean {
    return this.#plan !== undefined && !this.canStepForward && this.#backward < this.#plan.backward.length;
  }

  get finished(): boolean {
    return this.#plan !== undefined && !this.canStepForward && !this.canStepBackward;
  }

  /** Computes the next node's value. */
  stepForward(): void {
    if (!this.canStepForward) return;
    this.#forward++;
    this.#host.requestUpdate();
  }

  /** Computes the next node's gradient, walking from the output back to the inputs. */
  stepBackward(): void {
    if (!this.canStepBackward) return;
    this.#backward++;
    this.#host.requestUpdate();
  }

  /** Finishes the pass under way: the forward pass, or once it is done the backward pass. */
  wholePass(): void {
    if (!this.#plan) return;
    if (this.canStepForward) this.#forward = this.#plan.forward.length;
    else this.#backward = this.#plan.backward.length;
    this.#host.requestUpdate();
  }

  /** Back to the start: only the given leaves (x, w, b, y) are known. */
  reset(): void {
    this.#forward = 0;
    this.#backward = 0;
    this.#host.requestUpdate();
  }

  /** Whether a node's value is known yet (leaves always are). */
  valueKnown(nodeId: string): boolean {
    const at = this.#forwardIndex.get(nodeId);
    return at === undefined || at < this.#forward;
  }

  /** Whether a node's gradient is known yet. */
  gradKnown(nodeId: string): boolean {
    const at = this.#backwardIndex.get(nodeId);
    return at !== undefined && at < this.#backward;
  }

  /** The step taken last, if any. */
  get current(): CurrentStep | undefined {
    const plan = this.#plan;
    if (!plan) return undefined;
    if (this.#backward > 0) {
      const index = this.#backward - 1;
      return { phase: 'backward', index, count: plan.backward.length, step: plan.backward[index] };
    }
    if (this.#forward > 0) {
      const index = this.#forward - 1;
      return { phase: 'forward', index, count: plan.forward.length, step: plan.forward[index] };
    }
    return undefined;
  }

  /** Every step taken so far, in order, for the log. */
  get taken(): { phase: Phase; step: ForwardStep | BackwardStep }[] {
    const plan = this.#plan;
    if (!plan) return [];
    return [
      ...plan.forward.slice(0, this.#forward).map((step) => ({ phase: 'forward' as const, step })),
      ...plan.backward.slice(0, this.#backward).map((step) => ({ phase: 'backward' as const, step })),
    ];
  }
}
