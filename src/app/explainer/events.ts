/**
 * The events the explainer's views send up to `<explainer-panel>`, which hands them to its
 * controller. They neither bubble nor leave the panel's shadow root: the page never sees them.
 */
import type { ExplainActivation } from '../../autograd/explain';
import type { PresetId } from './presets';

/** The loss chosen in the editor: none (a gradient of 1 arrives at a), or one on the sample. */
export type LossChoice = 'none' | 'mse' | 'bce';

/** Where the vector view's batch comes from. */
export type BatchOrigin = 'page' | 'made-up';

/** One change the person made in the neuron editor. */
export type NeuronEdit =
  | { kind: 'input'; field: 'inputs' | 'weights'; index: number; value: number }
  | { kind: 'bias'; value: number }
  | { kind: 'resize'; delta: 1 | -1 }
  | { kind: 'activation'; activation: ExplainActivation }
  | { kind: 'loss'; loss: LossChoice }
  | { kind: 'target'; value: number };

/** What a step control asks the walk to do. */
export type StepCommand = 'forward' | 'backward' | 'whole' | 'reset';

declare global {
  interface HTMLElementEventMap {
    'preset-choose': CustomEvent<PresetId>;
    'neuron-edit': CustomEvent<NeuronEdit>;
    'step-command': CustomEvent<StepCommand>;
    'batch-origin-change': CustomEvent<BatchOrigin>;
  }
}

type ExplainerEvent = 'preset-choose' | 'neuron-edit' | 'step-command' | 'batch-origin-change';

/** Dispatches one of the explainer's events on a view, for the panel that holds it. */
export function tell<K extends ExplainerEvent>(
  from: HTMLElement, name: K, detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  from.dispatchEvent(new CustomEvent(name, { detail }));
}
