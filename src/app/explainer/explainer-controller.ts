/**
 * What the explainer panel knows and how it changes: the neuron being explained (a preset,
 * the page's sample, or an edited draft), the target remembered while no loss is chosen,
 * whether the page's sample is followed as it trains, the walk through the neuron's graph,
 * and which batch the vector view shows. DOM-free, so its transitions are unit-tested in
 * Node; the panel's views only draw what it says.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { explain, type Explanation, type NeuronToExplain } from '../../autograd/explain';
import type { VectorBatch } from '../../autograd/vector-backprop';
import { layoutGraph, type GraphLayout } from './graph-layout';
import type { GraphView } from './graph-view';
import { RELU_NEURON, TANH_NEURON, copyNeuron, madeUpBatch, type PresetId } from './presets';
import { StepperController } from './stepper-controller';
import { planSteps } from './steps';
import type { BatchOrigin, LossChoice, NeuronEdit, StepCommand } from './events';
import { announce, gradientsSoFar, graphViewOf, walkState, type Announcement, type GradientsSoFar, type WalkState } from './walk-readout';

/** The graph stays readable up to this many inputs. */
export const MAX_INPUTS = 8;

export class ExplainerController implements ReactiveController {
  /** The walk through the current neuron; the views read its position. */
  readonly stepper: StepperController;
  /** The element to re-render after every change. */
  #host: ReactiveControllerHost;
  /** The preset last loaded (the neuron may have been edited since). */
  #preset: PresetId = 'relu';
  /** The neuron being explained, as edited (a number left empty is NaN until fixed). */
  #draft: NeuronToExplain = copyNeuron(RELU_NEURON);
  /** The target used when a loss is switched on, remembered while it is off. */
  #target = 1;
  /** The page's sample as last passed in; the 'sample' preset loads it. */
  #pageSample?: NeuronToExplain;
  /** True when the page's sample changed while its walk was under way, so it was not reloaded. */
  #sampleChanged = false;
  /** Which batch the vector view shows when the page passed one. */
  #batchOrigin: BatchOrigin = 'page';
  /** The current neuron's graph and layout, or the reason it cannot be computed. */
  #explanation?: Explanation;
  #layout?: GraphLayout;
  #error = '';
  /** Bumped whenever the editor must show new numbers (a preset loaded, an input added). */
  #generation = 0;
  /** Whether the person has picked a preset; until then the page's sample is opened when it arrives. */
  #chosen = false;
  /** Whether the neuron was edited since its preset was loaded; edits are never overwritten. */
  #edited = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
    this.stepper = new StepperController(host);
    this.#rebuild();
  }

  /** Nothing to set up: the state lives as long as the element. */
  hostConnected(): void {}

  /** The preset last loaded (the neuron may have been edited since). */
  get preset(): PresetId {
    return this.#preset;
  }

  /** The neuron as edited; numbers may be NaN while a field is empty. */
  get draft(): NeuronToExplain {
    return this.#draft;
  }

  /** The target y, remembered while no loss is chosen. */
  get target(): number {
    return this.#target;
  }

  /** Whether the 'sample' preset can be loaded. */
  get hasPageSample(): boolean {
    return this.#pageSample !== undefined;
  }

  /** True when the page's numbers moved on while a walk of its sample was under way. */
  get sampleChanged(): boolean {
    return this.#sampleChanged;
  }

  /** Changes whenever the editor must drop what it shows and draw the draft afresh. */
  get generation(): number {
    return this.#generation;
  }

  /** The draft's graph with every value and gradient; undefined while it cannot be computed. */
  get explanation(): Explanation | undefined {
    return this.#explanation;
  }

  /** Where the graph's nodes sit; undefined with the explanation. */
  get layout(): GraphLayout | undefined {
    return this.#layout;
  }

  /** Why the draft cannot be computed, or ''. */
  get error(): string {
    return this.#error;
  }

  /** Which batch the person chose for the vector view. */
  get batchOrigin(): BatchOrigin {
    return this.#batchOrigin;
  }

  /** The person picks a preset: from now on the page's sample is no longer opened by itself. */
  choose(id: PresetId): void {
    this.#chosen = true;
    this.#load(id);
  }

  /**
   * The page passed a new sample (its parameters moved on). `typing` says the person is in
   * the editor: reloading re-creates its number fields, which would lose what is typed.
   */
  setPageSample(sample: NeuronToExplain | undefined, typing: boolean): void {
    this.#pageSample = sample;
    // Whether the sample preset can be chosen may have changed, whatever follows.
    this.#host.requestUpdate();
    if (!sample) return;
    const s = this.stepper;
    const untouched = (s.forwardTaken === 0 || s.finished) && !typing;
    if (!this.#chosen && !this.#edited && this.#preset !== 'sample' && s.forwardTaken === 0 && !typing) {
      // Opened inside the page: start on the page's own sample.
      this.#load('sample');
    } else if (this.#preset === 'sample') {
      // Follow the page's parameters as they train, but never pull the numbers away from
      // under a walk in progress or overwrite an edit: say so instead.
      if (untouched && !this.#edited) this.#load('sample', true);
      else this.#sampleChanged = true;
    }
  }

  /** An edit by the person: the draft changes and the walk starts over. */
  edit(e: NeuronEdit): void {
    const n = this.#draft;
    switch (e.kind) {
      case 'input': {
        const values = [...n[e.field]];
        values[e.index] = e.value;
        return this.#setDraft({ ...n, [e.field]: values });
      }
      case 'bias':
        return this.#setDraft({ ...n, bias: e.value });
      case 'resize': {
        const size = n.inputs.length + e.delta;
        if (size < 1 || size > MAX_INPUTS) return;
        const resize = (v: number[]) => (e.delta > 0 ? [...v, 1] : v.slice(0, size));
        return this.#setDraft({ ...n, inputs: resize(n.inputs), weights: resize(n.weights) }, true);
      }
      case 'activation':
        return this.#setDraft({ ...n, activation: e.activation });
      case 'loss':
        return this.#setDraft(withLoss(n, e.loss, this.#target));
      case 'target':
        this.#target = e.value;
        if (n.loss) return this.#setDraft({ ...n, loss: { ...n.loss, target: e.value } });
        return this.#host.requestUpdate();
    }
  }

  /** Moves the walk as a step control asks. */
  step(command: StepCommand): void {
    const s = this.stepper;
    if (command === 'forward') s.stepForward();
    else if (command === 'backward') s.stepBackward();
    else if (command === 'whole') s.wholePass();
    else s.reset();
  }

  /** Where the walk stands, for the step controls. */
  walk(): WalkState {
    return walkState(this.stepper);
  }

  /** What the graph shows at the current point of the walk. */
  graphView(): GraphView {
    return graphViewOf(this.#explanation, this.stepper);
  }

  /** The gradients (and a) the walk has computed so far; undefined while the draft is invalid. */
  gradientsSoFar(): GradientsSoFar | undefined {
    return gradientsSoFar(this.#explanation, this.stepper);
  }

  /** The line that says what the last step computed, or what to do next. */
  announcement(): Announcement {
    return announce(this.stepper);
  }

  /** Which batch the vector view shows while the page passes one. */
  setBatchOrigin(origin: BatchOrigin): void {
    this.#batchOrigin = origin;
    this.#host.requestUpdate();
  }

  /**
   * The batch for the vector view: the page's while it passes one and it is chosen (or the
   * draft cannot be computed), else one made up around the draft; none when neither exists.
   */
  vectorBatch(pageBatch: VectorBatch | undefined): { batch?: VectorBatch; origin: BatchOrigin } {
    const valid = this.#explanation !== undefined;
    if (pageBatch && (this.#batchOrigin === 'page' || !valid)) return { batch: pageBatch, origin: 'page' };
    return { batch: valid ? madeUpBatch(this.#draft) : undefined, origin: 'made-up' };
  }

  #setDraft(next: NeuronToExplain, freshInputs = false): void {
    this.#edited = true;
    this.#draft = next;
    if (freshInputs) this.#generation++;
    this.#rebuild();
  }

  #load(id: PresetId, keepPosition = false): void {
    const source = id === 'relu' ? RELU_NEURON : id === 'tanh' ? TANH_NEURON : this.#pageSample;
    if (!source) return;
    this.#preset = id;
    this.#sampleChanged = false;
    this.#edited = false;
    this.#draft = copyNeuron({ ...source, inputs: Array.from(source.inputs), weights: Array.from(source.weights) });
    this.#target = this.#draft.loss?.target ?? 1;
    this.#generation++;
    this.#rebuild(keepPosition);
  }

  /**
   * Recomputes the graph of the draft and starts its walk from the beginning, or with
   * `keepPosition` where the walk was (same graph, new numbers).
   */
  #rebuild(keepPosition = false): void {
    try {
      this.#explanation = explain(this.#draft);
      this.#layout = layoutGraph(this.#explanation.nodes);
      this.#error = '';
      this.stepper.load(planSteps(this.#explanation), keepPosition);
    } catch (err) {
      this.#explanation = undefined;
      this.#layout = undefined;
      this.#error = (err as Error).message;
      this.stepper.load(undefined);
    }
  }
}

/** The neuron with the loss switched to `choice`, using `target` when one is switched on. */
function withLoss(n: NeuronToExplain, choice: LossChoice, target: number): NeuronToExplain {
  const { loss: _old, ...rest } = n;
  return choice === 'none' ? rest : { ...rest, loss: { kind: choice, target } };
}
